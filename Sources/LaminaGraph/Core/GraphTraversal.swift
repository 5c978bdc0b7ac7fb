/// Walks of the expression graph.
public enum GraphTraversal {
    /// Every expression that `roots` depend on, each once, operands before
    /// the expressions that use them (a topological order).
    public static func topologicalOrder(_ roots: [Expr]) -> [Expr] {
        var order: [Expr] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [(Expr, Bool)] = roots.reversed().map { ($0, false) }
        while let (node, expanded) = stack.popLast() {
            let key = ObjectIdentifier(node)
            if expanded { order.append(node); continue }
            if visited.contains(key) { continue }
            visited.insert(key)
            stack.append((node, true))
            for input in node.inputs.reversed() where !visited.contains(ObjectIdentifier(input)) {
                stack.append((input, false))
            }
        }
        return order
    }

    /// The named inputs that `roots` depend on, in topological order.
    public static func inputs(of roots: [Expr]) -> [Expr] { topologicalOrder(roots).filter(\.isInput) }

    /// The shared variables that `roots` depend on, in topological order.
    public static func sharedVariables(of roots: [Expr]) -> [Shared] { topologicalOrder(roots).compactMap { $0 as? Shared } }

    /// Every expression of the graph of `roots` whose annotations include all of `annotations`.
    ///
    /// Loops are looked into: a value of a loop body that the loop returns (a
    /// state, or an extra per-step output such as a gate's activation) and
    /// whose annotations match is found as the loop's stacked result for it,
    /// even when nothing in `roots` uses that result yet; compiling it taps
    /// the value at every step.
    public static func find(in roots: [Expr], where annotations: [String: String]) -> [Expr] {
        func matches(_ e: Expr) -> Bool { annotations.allSatisfy { e.annotations[$0.key] == $0.value } }
        var found: [Expr] = []
        for node in topologicalOrder(roots) {
            if matches(node) { found.append(node) }
            guard let loop = node.op as? ScanOp, node.selectedOutput == nil,
                  let types = try? loop.outputTypes(node.inputs.map(\.type)) else { continue }
            for (k, inner) in loop.body.outputs.enumerated() where matches(inner) {
                let result = k == 0 ? node : Expr(type: types[k], kind: .apply(OutputOfOp(index: k, resultType: types[k]), [node]), name: inner.name)
                if k != 0 { result.annotations = inner.annotations }
                if !found.contains(where: { $0 === result }) { found.append(result) }
            }
        }
        return found
    }

    /// Rebuilds the graph of `roots` with `replacements` substituted (Theano's
    /// `clone(replace=...)`), returning the new roots. Nodes that depend on no
    /// replaced node are kept as they are.
    public static func replacing(_ replacements: [Expr: Expr], in roots: [Expr]) throws -> [Expr] {
        var map = replacements
        for node in topologicalOrder(roots) where map[node] == nil {
            guard case .apply(let op, let inputs) = node.kind else { continue }
            let newInputs = inputs.map { map[$0] ?? $0 }
            if zip(newInputs, inputs).allSatisfy({ $0 === $1 }) { continue }
            let rebuilt = try Expr.apply(op, newInputs)
            rebuilt.name = node.name
            rebuilt.annotations = node.annotations
            map[node] = rebuilt
        }
        return roots.map { map[$0] ?? $0 }
    }
}
