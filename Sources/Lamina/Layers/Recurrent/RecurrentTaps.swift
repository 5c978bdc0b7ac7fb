import LaminaGraph

extension RecurrentLayerBase {
    /// The ``RecurrentOutputs`` of the loop that produced `output` (this
    /// layer's output from a pass of ``output(of:inputs:deterministic:)``),
    /// found through the graph, not remembered: a ``VariableFilter`` selects
    /// this layer's states and internal values in `output`'s graph, and each
    /// is a result of the same loop node as `output` (so compiling them
    /// together runs one loop), or, for an unrolled loop, a stack of the same
    /// per-step values. `nil` when this layer did not compute `output`.
    public func recurrentOutputs(producing output: Expr) -> RecurrentOutputs? {
        let roles = stateRoles + internalRoles
        let found = VariableFilter(roles: roles, layers: [self]).values(of: [self], in: [output])
        var states: [VariableRole: Expr] = [:], finals: [VariableRole: Expr] = [:], internals: [VariableRole: Expr] = [:]
        do {
            for role in roles {
                guard let (stacked, last) = try loopValue(found.filter { $0.role == role }.map(\.value)) else { return nil }
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
        for (role, value) in states { Role.annotate(value, layer: path, role: role.name) }
        for (role, value) in finals { Role.annotate(value, layer: path, role: role.name) }
        for (role, value) in internals { Role.annotate(value, layer: path, role: role.name) }
        return RecurrentOutputs(output: output, states: states, finalStates: finals, internals: internals)
    }

    /// From the values of one role found in a pass's graph: the value the
    /// loop computes at every step, time major in sequence order, and its
    /// value after the last iteration; nil when they are not one loop's.
    private func loopValue(_ found: [Expr]) throws -> (stacked: Expr, last: Expr)? {
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
