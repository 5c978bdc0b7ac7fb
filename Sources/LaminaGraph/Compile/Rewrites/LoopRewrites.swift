import LaminaTensor

/// Gives every loop in the graph the enclosing function's compile options
/// (its body is compiled with them).
func configureLoops(_ roots: [Expr], options: CompileOptions) throws -> [Expr] {
    try rewriteGraph(roots) { node in
        guard let loop = node.op as? ScanOp, loop.options != options else { return nil }
        return try Expr.apply(loop.with(options: options), node.inputs)
    }
}

/// Theano's `ScanSaveMem`: a loop result used only through its last
/// iteration (`result[-1]`, or `result[0]` for a reversed loop) is kept in one
/// buffer instead of one per iteration, and the selections are dropped.
func saveLoopMemory(_ roots: [Expr]) throws -> [Expr] {
    let order = GraphTraversal.topologicalOrder(roots)
    var consumers: [ObjectIdentifier: [Expr]] = [:]
    for node in order { for input in node.inputs { consumers[ObjectIdentifier(input), default: []].append(node) } }
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

/// Replaces a loop by a loop that extends it (same operands, same body with
/// more extra outputs, as the gradient builds to keep forward values), so
/// the forward pass runs once.
func mergeExtendedLoops(_ roots: [Expr]) throws -> [Expr] {
    let loops = GraphTraversal.topologicalOrder(roots).filter { $0.op is ScanOp }
    var extender: [ObjectIdentifier: Expr] = [:]
    for a in loops {
        let opA = a.op as! ScanOp
        if let b = loops.first(where: { b in
            let opB = b.op as! ScanOp
            return opB.body.extends == opA.body.id && opB.reverse == opA.reverse && opB.steps == opA.steps
                && opA.keepSteps.allSatisfy { $0 } && b.inputs.count == a.inputs.count && zip(a.inputs, b.inputs).allSatisfy { $0 === $1 }
        }) {
            extender[ObjectIdentifier(a)] = b
        }
    }
    if extender.isEmpty { return roots }
    var rebuilt: [ObjectIdentifier: Expr] = [:]
    return try rewriteGraph(roots) { current, original in
        if let b = extender[ObjectIdentifier(original)] {
            let merged = try rebuilt[ObjectIdentifier(b)] ?? Expr.apply(b.op!, current.inputs)
            rebuilt[ObjectIdentifier(b)] = merged
            return merged
        }
        if let merged = rebuilt[ObjectIdentifier(original)] { return merged }
        if let (main, k) = original.selectedOutput, let b = extender[ObjectIdentifier(main)] {
            let type = try (b.op as! ScanOp).outputTypes(b.inputs.map(\.type))[k]
            return try Expr.apply(OutputOfOp(index: k, resultType: type), [current.inputs[0]])
        }
        return nil
    }
}

/// Moves the input projection out of a loop (Theano's `PushOutSeqScan`): a
/// product x_t·W of a sequence slice and a loop-invariant matrix becomes one
/// product X·W over all steps before the loop, read slice by slice.
func hoistLoopInputs(_ roots: [Expr]) throws -> [Expr] {
    try rewriteGraph(roots) { node in
        guard let loop = node.op as? ScanOp else { return nil }
        let body = loop.body
        let nSeq = loop.sequenceCount, nState = loop.stateCount
        var hoisted: [(inner: Expr, outer: Expr)] = []
        for inner in GraphTraversal.topologicalOrder(body.outputs) {
            guard let mm = inner.op as? MatmulOp, !mm.transposeA, inner.inputs[1].rank == 2,
                  let s = body.sequences.firstIndex(where: { $0 === inner.inputs[0] }) else { continue }
            let right: Expr
            if let n = body.nonSequences.firstIndex(where: { $0 === inner.inputs[1] }) {
                right = node.inputs[nSeq + nState + n]
            } else if inner.inputs[1].constantValue != nil {
                right = inner.inputs[1]
            } else { continue }
            hoisted.append((inner, try node.inputs[s].dot(right, transposeOther: mm.transposeB)))
        }
        if hoisted.isEmpty { return nil }
        let placeholders = hoisted.map { Expr.input("projected[t]", dtype: $0.inner.dtype, shape: $0.inner.shape) }
        let replaced = try GraphTraversal.replacing(Dictionary(uniqueKeysWithValues: zip(hoisted.map(\.inner), placeholders).map { ($0.0, $0.1) }),
                                                    in: body.outputs)
        let newBody = ScanBody(sequences: body.sequences + placeholders, states: body.states, nonSequences: body.nonSequences,
                               stateOutputs: Array(replaced[..<nState]), extraOutputs: Array(replaced[nState...]))
        let newLoop = ScanOp(body: newBody, reverse: loop.reverse, keepSteps: loop.keepSteps, steps: loop.steps,
                             truncateGradient: loop.truncateGradient, differentiableStates: loop.differentiableStates,
                             options: loop.options)
        return try Expr.apply(newLoop, Array(node.inputs[..<nSeq]) + hoisted.map(\.outer) + Array(node.inputs[nSeq...]))
    }
}
