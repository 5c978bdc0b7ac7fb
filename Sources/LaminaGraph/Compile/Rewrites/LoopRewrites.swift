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
            if !uses.isEmpty && uses.allSatisfy({ ($0.op as? SliceOp)?.indices == [last] }) { keep[k] = false }
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
