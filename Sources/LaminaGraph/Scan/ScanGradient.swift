import LaminaTensor

/// Backpropagation through time for ``ScanOp``, as another loop running in
/// the opposite direction (Theano's scan gradient).
///
/// For iteration i the forward body maps (x_i, s_{i−1}, θ) to (s_i, y_i).
/// The backward loop visits the iterations in reverse. Its state carries
/// ∂cost/∂s and the sums ∂cost/∂θ = Σᵢ ∂θᵢ; at each iteration it applies
/// the body's vector-Jacobian product (``BackwardStep``) to
/// (∂cost/∂s_i = stacked cotangent_i + carry, ∂cost/∂y_i), producing ∂x_i
/// and the new carry ∂s_{i−1}. After the last backward iteration the carry
/// is ∂cost/∂s_{−1}, the gradient of the initial state.
///
/// Forward values the backward step needs (gate activations, ...) are read
/// from a forward loop with more outputs, which the compiler's `mergeLoops`
/// merges with the original loop, so the forward pass runs once. The other
/// speed-ups are the compiler's too: `pushOutLoopSums` and
/// `pushOutLoopProducts` turn weight and input gradients into one product
/// after the loop, `mergeLoopSliceGradients` joins the gate gradients.
/// Random draws in the body give the same values again, since their step
/// number is a state.
///
/// With `truncateGradient = k` the backward loop covers only the last k
/// iterations: earlier sequence elements get zero gradient, and the initial
/// state gets one only if k covers every iteration.
func scanGradient(_ op: ScanOp, inputs: [Expr], outputs: [Expr], outputGradients: [Expr?]) throws -> [Expr?] {
    let operands = LoopOperands(inputs, of: op)
    var step = try BackwardStep(op, outputGradients: outputGradients)
    let forward = try StackedForwardValues(op, operands: operands, outputs: outputs, step: step)
    let nState = op.stateCount
    let lastPosition: SliceIndex = .index(op.reverse ? 0 : -1)
    for (c, e) in step.extraKeys.enumerated() where !op.keepSteps[nState + e] {
        let index = step.cotangentSequences.count - step.extraKeys.count + c
        step.cotangentSequences[index] = try forward.results[nState + e].zerosLike()
            .settingSubtensor([lastPosition], to: step.cotangentSequences[index])
    }
    let truncation: SliceIndex? = op.truncateGradient.map { k in op.reverse ? .range(nil, k) : .range(-k, nil) }
    func cut(_ e: Expr) throws -> Expr { try truncation.map { try e.subtensor([$0]) } ?? e }
    let previousStates = try (0..<nState).map { k -> Expr in
        let first = try operands.states[k].expandingAxis(at: 0)
        let stacked = forward.results[k]
        return op.reverse
            ? try Expr.concatenate([stacked.subtensor([.range(1, nil)]), first], axis: 0)
            : try Expr.concatenate([first, stacked.subtensor([.range(nil, -1)])], axis: 0)
    }
    let sequences = try (operands.sequences + previousStates + step.cotangentSequences + forward.intermediates).map(cut)
    let backward = try backwardLoop(op, operands: operands, step: step, sequences: sequences,
                                    sequencePlaceholders: step.forwardInputs.sequences + step.forwardInputs.states
                                        + step.cotangents + forward.needed)

    var grads = LoopOperands<Expr?>(sequences: operands.sequences.map { _ in nil }, states: operands.states.map { _ in nil },
                                    nonSequences: operands.nonSequences.map { _ in nil })
    for (j, k) in step.floatSequences.enumerated() {
        let part = backward.outputs[j]
        grads.sequences[k] = try truncation.map { try operands.sequences[k].zerosLike().settingSubtensor([$0], to: part) } ?? part
    }
    let carried = LoopResults(backward.finalStates, states: step.differentiable.count)
    for (j, k) in step.differentiable.enumerated() {
        var g = carried.states[j]
        if let limit = op.truncateGradient {
            // The carry reaches the initial state only if the cut kept every iteration.
            let steps = try (operands.sequences.first ?? forward.results[k]).shapeOf().subtensor([.index(0)])
            g = try Expr.select(steps.isLessOrEqual(to: Expr.scalar(Double(limit), dtype: .int32)), g, g.zerosLike())
        }
        grads.states[k] = g
    }
    for (j, m) in step.floatNonSequences.enumerated() { grads.nonSequences[m] = carried.extras[j] }
    return grads.all
}

/// The backward loop: sequences `sequences` read through
/// `sequencePlaceholders`, states the carried ∂s (from the gradients of
/// states used only at the last step, or zeros) and the sums ∂θ (from
/// zeros), outputs ∂x_i.
private func backwardLoop(_ op: ScanOp, operands: LoopOperands<Expr>, step: BackwardStep, sequences: [Expr],
                          sequencePlaceholders: [Expr]) throws -> ScanResult {
    let thetas = step.floatNonSequences.map { step.forwardInputs.nonSequences[$0] }
    let sums = thetas.map { Expr.input(($0.name ?? "v") + " grad", dtype: $0.dtype, shape: $0.shape) }
    let initial = try step.differentiable.map { k in try step.carryInitial[k] ?? operands.states[k].zerosLike() }
        + step.floatNonSequences.map { try operands.nonSequences[$0].zerosLike() }
    let stepStates = step.dPrevious + (try zip(sums, step.dTheta).map { try $0.0 + $0.1 })
    return try scan(sequences: sequences, initialStates: initial, nonSequences: operands.nonSequences,
                    goBackwards: !op.reverse, outputOrder: .sequence) { slices, carried, theta in
        var substitute: [Expr: Expr] = [:]
        for (p, v) in zip(sequencePlaceholders, slices) { substitute[p] = v }
        for (p, v) in zip(step.carry + sums, carried) { substitute[p] = v }
        for (p, v) in zip(step.forwardInputs.nonSequences, theta) { substitute[p] = v }
        let rewritten = LoopResults(try GraphTraversal.replacing(substitute, in: stepStates + step.dx), states: stepStates.count)
        return (states: rewritten.states, outputs: rewritten.extras)
    }
}

/// The forward values the backward step reads, stacked by a forward loop:
/// the loop itself when it already returns them all, otherwise the same loop
/// with more extra outputs (an ordinary loop over the same operands, which
/// the compiler merges with the original).
private struct StackedForwardValues {
    /// The recomputed forward nodes the backward step reads per step (they become sequence placeholders).
    let needed: [Expr]
    /// Each needed value, stacked over the steps.
    let intermediates: [Expr]
    /// The loop's results: every state and extra output, stacked.
    let results: [Expr]

    init(_ op: ScanOp, operands: LoopOperands<Expr>, outputs: [Expr], step: BackwardStep) throws {
        let body = op.body
        var perStep = Set(step.perStepPlaceholders.map(ObjectIdentifier.init))
        let roots = step.dPrevious + step.dTheta + step.dx
        for node in GraphTraversal.topologicalOrder(roots) where node.inputs.contains(where: { perStep.contains(ObjectIdentifier($0)) }) {
            perStep.insert(ObjectIdentifier(node))
        }
        let recomputed = Set(step.recomputed.map(ObjectIdentifier.init))
        var needed: [Expr] = [], seen = Set<ObjectIdentifier>()
        func need(_ e: Expr) {
            guard recomputed.contains(ObjectIdentifier(e)), perStep.contains(ObjectIdentifier(e)), !(e.op?.isView ?? true),
                  seen.insert(ObjectIdentifier(e)).inserted else { return }
            needed.append(e)
        }
        for node in GraphTraversal.topologicalOrder(roots) where !recomputed.contains(ObjectIdentifier(node)) {
            node.inputs.forEach(need)
        }
        roots.forEach(need)
        self.needed = needed
        guard !needed.isEmpty || op.keepSteps.contains(false) else {
            results = outputs
            intermediates = []
            return
        }
        // A needed value that is already a result of the body (an RNN's new
        // state) is read from that result's stack rather than stacked twice.
        let originals = needed.map { step.original[ObjectIdentifier($0)]! }
        let resultIndex = originals.map { e in body.outputs.firstIndex { $0 === e } }
        let added = needed.indices.filter { resultIndex[$0] == nil }
        let extended = ScanBody(sequences: body.sequences, states: body.states, nonSequences: body.nonSequences,
                                stateOutputs: body.stateOutputs, extraOutputs: body.extraOutputs + added.map { originals[$0] })
        let loop = ScanOp(body: extended, reverse: op.reverse, keepSteps: Array(repeating: true, count: extended.outputs.count),
                          steps: op.steps, truncateGradient: op.truncateGradient, differentiableStates: op.differentiableStates,
                          compiled: nil)
        let all = try Expr.applyMulti(loop, operands.all)
        let extras = LoopResults(all, of: loop).extras
        results = Array(all[..<body.outputs.count])
        intermediates = needed.indices.map { i in resultIndex[i].map { all[$0] } ?? extras[body.extraOutputs.count + added.firstIndex(of: i)!] }
    }
}
