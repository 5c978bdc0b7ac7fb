import LaminaTensor

/// Theano's `ScanSaveMem`: a loop result used only through its last
/// iteration (`result[-1]`, or `result[0]` for a reversed loop) is kept in one
/// buffer instead of one per iteration, and the selections are dropped.
func saveLoopMemory(_ roots: [Expr]) throws -> [Expr] {
    let order = GraphTraversal.topologicalOrder(roots)
    let consumers = consumerLists(order)
    let rootSet = Set(roots.map(ObjectIdentifier.init))
    // For each loop: the results to keep last-only.
    var lastOnly: [ObjectIdentifier: [Bool]] = [:]
    for node in order {
        guard let loop = node.op as? ScanOp else { continue }
        let selectors = (consumers[ObjectIdentifier(node)] ?? []).compactMap { c -> (Int, Expr)? in
            c.selectedOutput.map { ($0.1, c) }
        }
        var results: [Int: Expr] = [0: node]
        for (k, e) in selectors { results[k] = e }
        let last: SliceIndex = .index(loop.reverse ? 0 : -1)
        var keep = loop.keepSteps
        for (k, result) in results where keep[k] && !rootSet.contains(ObjectIdentifier(result)) {
            let uses = (consumers[ObjectIdentifier(result)] ?? []).filter { $0.selectedOutput == nil }
            // Unused, or used only through its last iteration.
            if uses.allSatisfy({ ($0.op as? SliceOp)?.indices == [last] }) { keep[k] = false }
        }
        // Results nobody uses are not kept either.
        for k in keep.indices where results[k] == nil && k > 0 { keep[k] = false }
        if keep != loop.keepSteps { lastOnly[ObjectIdentifier(node)] = keep }
    }
    if lastOnly.isEmpty { return roots }
    var newLoops: [ObjectIdentifier: ScanOp] = [:]
    return try rewriteGraph(roots) { current, original in
        if let keep = lastOnly[ObjectIdentifier(original)], let loop = current.op as? ScanOp {
            let changed = loop.with(keepSteps: keep)
            newLoops[ObjectIdentifier(original)] = changed
            return try Expr.apply(changed, current.inputs)
        }
        if let (main, k) = original.selectedOutput, let changed = newLoops[ObjectIdentifier(main)] {
            let type = try changed.outputTypes(current.inputs[0].inputs.map(\.type))[k]
            return try Expr.apply(OutputOfOp(index: k, resultType: type), [current.inputs[0]])
        }
        if original.op is SliceOp, let source = original.inputs.first {
            let main = source.selectedOutput?.0 ?? source
            if let keep = lastOnly[ObjectIdentifier(main)], !keep[source.selectedOutput?.1 ?? 0] {
                return current.inputs[0]
            }
        }
        return nil
    }
}

/// Per-step products with at least this many rows run well enough against
/// packed weights (``PackedGemm``) to stay in the loop.
let packedRowsThreshold = 16
/// Deeper input projections (many inputs) run better as one hoisted product.
let packedDepthLimit = 256

/// Whether `product` (a `dot` in a loop body by an invariant) is one the
/// weight-packing rewrite turns into `packed_dot` with enough rows to keep in the loop.
private func isPackable(_ product: Expr) -> Bool {
    guard product.dtype == .float32, product.inputs[1].constantValue == nil, product.inputs[0].rank == 2,
          let rows = product.inputs[0].shape[0], let depth = product.inputs[0].shape[1] else { return false }
    return rows >= packedRowsThreshold && depth <= packedDepthLimit
}

/// Moves work that depends only on the sequences out of a loop (Theano's
/// `PushOutSeqScan`): products x_t·W of a sequence slice and a loop-invariant
/// matrix, and elementwise ops of such values and invariants (x_t·W + b),
/// are computed once over all steps before the loop (X·W + b) and read
/// slice by slice.
///
/// With `keepingPackable`, a float32 product whose per-step operand has at
/// least ``packedRowsThreshold`` rows and at most ``packedDepthLimit``
/// columns stays in the loop, where weight packing runs it against the
/// packed matrix, which keeps each step's result in cache; deep input
/// projections are left to the hoisted product (the measurements behind both
/// thresholds: BENCHMARKS.md, "Session 3: packed loop weights").
func hoistLoopInputs(_ roots: [Expr], keepingPackable: Bool = false) throws -> [Expr] {
    try rewriteGraph(roots) { node in
        guard let loop = node.op as? ScanOp else { return nil }
        let body = loop.body
        var operands = LoopOperands(node.inputs, of: loop)
        // The outer expression of each value that depends only on sequences and invariants.
        var outer: [ObjectIdentifier: Expr] = [:]
        var timeOnly = Set<ObjectIdentifier>()
        for (k, p) in body.sequences.enumerated() {
            outer[ObjectIdentifier(p)] = operands.sequences[k]
            timeOnly.insert(ObjectIdentifier(p))
        }
        for (p, operand) in zip(body.nonSequences, operands.nonSequences) { outer[ObjectIdentifier(p)] = operand }
        func invariant(_ e: Expr) -> Bool {
            e.constantValue != nil || (outer[ObjectIdentifier(e)] != nil && !timeOnly.contains(ObjectIdentifier(e)))
        }
        func outerOf(_ e: Expr) -> Expr { outer[ObjectIdentifier(e)] ?? e }
        let order = GraphTraversal.topologicalOrder(body.outputs)
        for inner in order {
            if let mm = inner.op as? MatmulOp, !mm.transposeA, inner.inputs[1].rank == 2,
               timeOnly.contains(ObjectIdentifier(inner.inputs[0])), invariant(inner.inputs[1]),
               !(keepingPackable && isPackable(inner)) {
                outer[ObjectIdentifier(inner)] = try outerOf(inner.inputs[0]).dot(outerOf(inner.inputs[1]), transposeOther: mm.transposeB)
                timeOnly.insert(ObjectIdentifier(inner))
            } else if let e = inner.op as? ElementwiseOp,
                      inner.inputs.contains(where: { timeOnly.contains(ObjectIdentifier($0)) }),
                      inner.inputs.allSatisfy({ timeOnly.contains(ObjectIdentifier($0)) || (invariant($0) && $0.rank <= inner.rank) }) {
                outer[ObjectIdentifier(inner)] = try Expr.apply(e, inner.inputs.map(outerOf))
                timeOnly.insert(ObjectIdentifier(inner))
            }
        }
        // Hoist the largest such values: those used by per-step work or returned.
        var frontier: [Expr] = []
        var seen = Set<ObjectIdentifier>()
        func consider(_ e: Expr) {
            guard timeOnly.contains(ObjectIdentifier(e)), e.op != nil, seen.insert(ObjectIdentifier(e)).inserted else { return }
            frontier.append(e)
        }
        for inner in order where !timeOnly.contains(ObjectIdentifier(inner)) { inner.inputs.forEach(consider) }
        body.outputs.forEach(consider)
        // Only worth it when a product is involved.
        frontier = frontier.filter { f in GraphTraversal.topologicalOrder([f]).contains { $0.op is MatmulOp } }
        if frontier.isEmpty { return nil }
        let placeholders = frontier.map { Expr.input("hoisted[t]", dtype: $0.dtype, shape: $0.shape) }
        let replaced = try GraphTraversal.replacing(Dictionary(uniqueKeysWithValues: zip(frontier, placeholders).map { ($0.0, $0.1) }),
                                                    in: body.outputs)
        operands.sequences += frontier.map(outerOf)
        return try Expr.apply(loop.with(body: body.adding(sequences: placeholders, outputs: replaced)), operands.all)
    }
}
