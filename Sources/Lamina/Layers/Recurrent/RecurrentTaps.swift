import LaminaGraph

extension RecurrentLayerBase {
    /// The ``RecurrentOutputs`` of the loop that produced `output` (this
    /// layer's output from a pass of ``output(of:inputs:deterministic:)``),
    /// found through the graph, not remembered: each value is a result of the
    /// same loop node as `output` (so compiling them together runs one loop),
    /// or, for an unrolled loop, a stack of the same per-step values. `nil`
    /// when this layer did not compute `output`.
    public func recurrentOutputs(producing output: Expr) -> RecurrentOutputs? {
        var states: [String: Expr] = [:], finals: [String: Expr] = [:], internals: [String: Expr] = [:]
        do {
            for role in stateRoles + internalRoles {
                guard let (stacked, last) = try loopValue(role: role, in: output) else { return nil }
                let perStep = try stacked.dimshuffle([1, 0] + (2..<stacked.rank).map { $0 })   // batch major
                if stateRoles.contains(role) {
                    states[role] = perStep
                    finals[role] = last
                } else {
                    internals[role] = perStep
                }
            }
        } catch {
            return nil
        }
        for (role, value) in states { Role.annotate(value, layer: displayName, role: role) }
        for (role, value) in finals { Role.annotate(value, layer: displayName, role: role) }
        for (role, value) in internals { Role.annotate(value, layer: displayName, role: role) }
        return RecurrentOutputs(output: output, states: states, finalStates: finals, internals: internals)
    }

    /// The value with `role` that the loop behind `output` computes at every
    /// step, time major in sequence order, and its value after the last
    /// iteration; nil when `output`'s graph has no such loop.
    private func loopValue(role: String, in output: Expr) throws -> (stacked: Expr, last: Expr)? {
        let found = GraphTraversal.find(in: [output], where: [Role.layerKey: displayName, Role.key: role])
        if options.unrollScan {
            // One value per step, in the order the steps ran.
            guard let last = found.last else { return nil }
            return (try Expr.stack(options.backwards ? found.reversed() : found, axis: 0), last)
        }
        let results = found.filter { e in
            guard case .apply(let op, _) = e.kind else { return false }
            return op is ScanOp || op is OutputOfOp
        }
        guard results.count == 1 else { return nil }
        return (results[0], try results[0].subtensor([.index(options.backwards ? 0 : -1)]))
    }
}
