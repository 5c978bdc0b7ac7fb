import LaminaGraph
import LaminaTensor

extension RecurrentLayerBase {
    /// Builds the loop over the steps of `inputs[0]` and returns everything it computes.
    ///
    /// The input (batch, steps, features…) is made time major. With
    /// ``RecurrentOptions/precomputeInput`` its contribution x·W_in + b is
    /// computed for all steps before the loop and each step reads its slice;
    /// otherwise each step computes its own. Each step runs the cell, then,
    /// with a mask, keeps the previous states where the mask is 0. The loop is
    /// a `scan` (or, with ``RecurrentOptions/unrollScan``, an unrolled scan)
    /// going forwards or backwards with the requested gradient truncation;
    /// results are realigned with the input and made batch major again.
    ///
    /// - Parameter inputs: the outputs of ``Layer/inputLayers``, in order.
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` when unrolling a sequence of unknown length,
    ///   or the engine's error when shapes do not fit.
    public func recurrentOutputs(for inputs: [Expr], deterministic: Bool) throws -> RecurrentOutputs {
        var input = inputs[0]
        if flattensFeatures && input.rank > 3 { input = try input.flatten(ndim: 3) }
        let swap = { (e: Expr) throws -> Expr in try e.dimshuffle([1, 0] + (2..<e.rank).map { $0 }) }
        let x = try swap(input)                                              // (steps, batch, features…)
        let mask = try maskIndex.map { try inputs[$0].dimshuffle([1, 0, nil]) } // (steps, batch, 1)
        let ones = try batchOnes(try x.subtensor([.index(0)]))
        let initial = try stateRoles.indices.map { k -> Expr in
            if options.stateful { return carriedStates[k] }
            if let index = initialStateIndices[k] { return inputs[index] }
            return try tile(initialStateParams[k]!, ones: ones)
        }
        let precompute = options.precomputeInput
        let context = try passContext(ones: ones, contexts: contextIndices.map { inputs[$0] }, deterministic: deterministic)
        let sequences = [precompute ? try contribution(of: x, sequence: true, context: context) : x] + (mask.map { [$0] } ?? [])
        var internalRoles: [VariableRole] = []
        let body = { (slices: [Expr], states: [Expr], _: [Expr]) throws -> (states: [Expr], outputs: [Expr]) in
            let contribution = precompute ? slices[0] : try self.contribution(of: slices[0], sequence: false, context: context)
            let step = try self.maskedStep(contribution: contribution, states: states, mask: mask == nil ? nil : slices[1],
                                           context: context)
            internalRoles = step.internals.map(\.role)
            return (step.states, step.internals.map(\.value))
        }
        let result: ScanResult
        if options.unrollScan {
            guard x.shape[0] != nil else {
                throw LaminaError.invalidLayer(layer: displayName, detail: "unrollScan needs a sequence length known when the graph is built; the input is \(input.type)")
            }
            result = try unrolledScan(sequences: sequences, initialStates: initial, goBackwards: options.backwards,
                                      outputOrder: .sequence, body: body)
        } else {
            result = try scan(sequences: sequences, initialStates: initial, goBackwards: options.backwards,
                              truncateGradient: options.gradientSteps, outputOrder: .sequence, body: body)
        }
        var states: [VariableRole: Expr] = [:], finals: [VariableRole: Expr] = [:], internals: [VariableRole: Expr] = [:]
        for (k, role) in stateRoles.enumerated() {
            states[role] = try swap(result.states[k])
            finals[role] = result.finalStates[k]
        }
        for (role, stacked) in zip(internalRoles, result.outputs) { internals[role] = try swap(stacked) }
        let outputRole = stateRoles[outputStateIndex]
        let output = options.onlyReturnFinal ? finals[outputRole]! : states[outputRole]!
        for (role, value) in states where value !== output { Role.annotate(value, layer: path, role: role.name) }
        for (role, value) in finals where value !== output { Role.annotate(value, layer: path, role: role.name) }
        for (role, value) in internals { Role.annotate(value, layer: path, role: role.name) }
        return RecurrentOutputs(output: output, states: states, finalStates: finals, internals: internals)
    }
}
