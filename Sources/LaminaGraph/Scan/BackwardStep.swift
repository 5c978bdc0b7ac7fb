import LaminaTensor

/// One iteration of backpropagation through time for a loop, as a graph on
/// placeholders of its own: the forward body recomputed on placeholders
/// (x_i, s_{i−1}, θ), and its vector-Jacobian product for the cotangents
/// (∂cost/∂s_i = carry + stacked cotangent_i, ∂cost/∂y_i), giving ∂x_i,
/// the new carry ∂s_{i−1}, and this iteration's term of ∂θ.
struct BackwardStep {
    /// The loop's states that carry gradients, by index.
    let differentiable: [Int]
    /// The floating-point sequences and non-sequences (the others get no gradient), by index.
    let floatSequences: [Int], floatNonSequences: [Int]
    /// Placeholders for x_i, s_{i−1} and θ, one per operand of the loop, by group.
    let forwardInputs: LoopOperands<Expr>
    /// Placeholders for the carried ∂s, one per differentiable state.
    let carry: [Expr]
    /// Placeholders for the per-step cotangents read from `cotangentSequences`.
    let cotangents: [Expr]
    /// The sequences the cotangent placeholders slice: gradients of stacked states, then of extra outputs.
    var cotangentSequences: [Expr]
    /// The extra outputs (by index) whose gradient was given, in the order of their cotangents.
    let extraKeys: [Int]
    /// Gradients of states used only at the last step: the carry's start.
    let carryInitial: [Int: Expr]
    /// The recomputed forward nodes, and the body node each recomputes.
    let recomputed: [Expr], original: [ObjectIdentifier: Expr]
    /// ∂x_i (float sequences), ∂s_{i−1} (differentiable states), ∂θ's term (float non-sequences).
    let dx: [Expr], dPrevious: [Expr], dTheta: [Expr]

    init(_ op: ScanOp, outputGradients: [Expr?]) throws {
        let body = op.body
        differentiable = body.states.indices.filter { op.differentiableStates[$0] }
        floatSequences = body.sequences.indices.filter { body.sequences[$0].dtype.isFloatingPoint }
        floatNonSequences = body.nonSequences.indices.filter { body.nonSequences[$0].dtype.isFloatingPoint }
        func placeholder(_ like: Expr, _ suffix: String = "") -> Expr {
            Expr.input((like.name ?? "v") + suffix, dtype: like.dtype, shape: like.shape)
        }
        forwardInputs = LoopOperands(sequences: body.sequences.map { placeholder($0) }, states: body.states.map { placeholder($0) },
                                     nonSequences: body.nonSequences.map { placeholder($0) })
        carry = differentiable.map { placeholder(body.states[$0], " grad") }
        let sorted = CotangentSorting(op, outputGradients)
        carryInitial = sorted.carryInitial
        extraKeys = sorted.extraKeys
        cotangentSequences = sorted.sequences
        cotangents = (sorted.stateKeys.map { body.stateOutputs[$0] } + sorted.extraKeys.map { body.extraOutputs[$0] })
            .map { placeholder($0, " cotangent") }
        // The forward body on the step's placeholders.
        var map: [Expr: Expr] = [:]
        for (p, v) in zip(body.placeholders, forwardInputs.all) { map[p] = v }
        let bodyNodes = GraphTraversal.topologicalOrder(body.outputs).filter { $0.op != nil }
        let all = try GraphTraversal.replacing(map, in: bodyNodes + body.outputs)
        recomputed = Array(all[..<bodyNodes.count])
        original = Dictionary(uniqueKeysWithValues: zip(recomputed, bodyNodes).map { (ObjectIdentifier($0.0), $0.1) })
        let forward = Array(all[bodyNodes.count...])
        // Cotangents of the body's results: the carry, plus the stacked cotangent where one was given.
        let nState = body.states.count
        var outputCotangents = [Expr?](repeating: nil, count: forward.count)
        for (j, k) in differentiable.enumerated() { outputCotangents[k] = carry[j] }
        for (c, k) in sorted.stateKeys.enumerated() {
            outputCotangents[k] = try cotangents[c] + carry[differentiable.firstIndex(of: k)!]
        }
        for (c, e) in extraKeys.enumerated() { outputCotangents[nState + e] = cotangents[sorted.stateKeys.count + c] }
        let inputs = forwardInputs
        let wrt = floatSequences.map { inputs.sequences[$0] } + differentiable.map { inputs.states[$0] }
            + floatNonSequences.map { inputs.nonSequences[$0] }
        let grads = try vectorJacobianProduct(of: forward, cotangents: outputCotangents, wrt: wrt, disconnected: .zero)
        let byGroup = LoopOperands(grads, sequences: floatSequences.count, states: differentiable.count)
        dx = byGroup.sequences
        dPrevious = byGroup.states
        dTheta = byGroup.nonSequences
    }

    /// The placeholders that change from step to step.
    var perStepPlaceholders: [Expr] { forwardInputs.sequences + forwardInputs.states + carry + cotangents }
}

/// The gradients of a loop's results sorted by how the backward loop reads
/// them: a state's gradient is a sequence of cotangents or, when only its
/// last step is used, the carry's start; an extra output's is a sequence.
private struct CotangentSorting {
    var stateKeys: [Int] = [], extraKeys: [Int] = []
    var carryInitial: [Int: Expr] = [:]
    var sequences: [Expr] = []

    init(_ op: ScanOp, _ outputGradients: [Expr?]) {
        let body = op.body, nState = body.states.count
        let lastPosition: SliceIndex = .index(op.reverse ? 0 : -1)
        var extras: [Expr] = []
        for (k, g) in outputGradients.enumerated() {
            guard let g else { continue }
            if k >= nState {
                extraKeys.append(k - nState)
                extras.append(g) // a last-only extra is placed at its iteration by the gradient
            } else if !op.differentiableStates[k] {
                continue
            } else if !op.keepSteps[k] {
                carryInitial[k] = g
            } else if let last = g.lastStepOnlyValue(at: lastPosition, stepType: body.stateOutputs[k].type) {
                // Only the last iteration's state is used (`states[-1]`): its
                // gradient starts the carry instead of a sequence of zeros.
                carryInitial[k] = last
            } else {
                stateKeys.append(k)
                sequences.append(g)
            }
        }
        sequences += extras
    }
}

extension Expr {
    /// `v` when this is zeros with only position `position` of the first axis
    /// set to (or incremented by) `v`, a value of `stepType` (the gradient of
    /// `stacked[position]`, which has that value's shape even where the type
    /// leaves a size unknown); nil otherwise.
    func lastStepOnlyValue(at position: SliceIndex, stepType: TensorType) -> Expr? {
        guard let s = op as? SetSubtensorOp, s.indices == [position], inputs[0].isZeros,
              inputs[1].type == stepType else { return nil }
        return inputs[1]
    }
}
