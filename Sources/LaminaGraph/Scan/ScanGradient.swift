import LaminaTensor

/// Backpropagation through time for ``ScanOp``, as another loop running in
/// the opposite direction (Theano's scan gradient).
///
/// For iteration i the forward body maps (x_i, s_{i−1}, θ) to (s_i, y_i).
/// The backward loop visits the iterations in reverse. Its state carries
/// ∂cost/∂s, and it accumulates ∂cost/∂θ; at each iteration it recomputes the
/// body from x_i and s_{i−1} (taken from the stacked forward states) and
/// applies the body's vector-Jacobian product to
/// (∂cost/∂s_i = stacked cotangent_i + carry, ∂cost/∂y_i), producing ∂x_i,
/// the new carry ∂s_{i−1}, and ∂θ. After the last backward iteration the
/// carry is ∂cost/∂s_{−1}, the gradient of the initial state. Random draws
/// in the body recompute the same values, since their step number is a state.
///
/// With `truncateGradient = k` the backward loop covers only the last k
/// iterations: earlier sequence elements get zero gradient, and the initial
/// state gets one only if k covers every iteration.
func scanGradient(_ op: ScanOp, inputs: [Expr], outputs: [Expr], outputGradients: [Expr?]) throws -> [Expr?] {
    let nSeq = op.sequenceCount, nState = op.stateCount, nNon = op.nonSequenceCount
    let sequences = Array(inputs[..<nSeq])
    let initials = Array(inputs[nSeq..<(nSeq + nState)])
    let nonSequences = Array(inputs[(nSeq + nState)...])
    // Stacked forward results are needed; rebuild the loop keeping every step if it kept only the last.
    var stacked = outputs
    if op.keepSteps.contains(false) {
        stacked = try Expr.applyMulti(op.with(keepSteps: op.keepSteps.map { _ in true }), inputs)
    }
    let body = op.body
    let stackedStates = Array(stacked[..<nState])
    let lastPosition: SliceIndex = .index(op.reverse ? 0 : -1)

    // State before each iteration, aligned with the sequences.
    let previousStates = try zip(stackedStates, initials).map { states, initial -> Expr in
        let first = try initial.expandingAxis(at: 0)
        return op.reverse
            ? try Expr.concatenate([states.subtensor([.range(1, nil)]), first], axis: 0)
            : try Expr.concatenate([first, states.subtensor([.range(nil, -1)])], axis: 0)
    }
    // Cotangents aligned with the sequences; a last-only result's gradient enters at the last iteration.
    var stateCotangents: [Int: Expr] = [:], carryInitial: [Int: Expr] = [:], extraCotangents: [Int: Expr] = [:]
    for (k, g) in outputGradients.enumerated() {
        guard let g else { continue }
        if k < nState {
            guard op.differentiableStates[k] else { continue }
            if op.keepSteps[k] { stateCotangents[k] = g } else { carryInitial[k] = g }
        } else {
            extraCotangents[k - nState] = op.keepSteps[k] ? g
                : try stacked[k].zerosLike().settingSubtensor([lastPosition], to: g.expandingAxis(at: 0).subtensor([.index(0)]))
        }
    }
    let differentiable = (0..<nState).filter { op.differentiableStates[$0] }
    let floatSequences = (0..<nSeq).filter { sequences[$0].dtype.isFloatingPoint }
    let floatNonSequences = (0..<nNon).filter { nonSequences[$0].dtype.isFloatingPoint }

    // Backward sequences, optionally cut to the last k iterations.
    let truncation: SliceIndex? = op.truncateGradient.map { k in op.reverse ? .range(nil, k) : .range(-k, nil) }
    func cut(_ e: Expr) throws -> Expr { try truncation.map { try e.subtensor([$0]) } ?? e }
    let stateCotangentKeys = stateCotangents.keys.sorted(), extraKeys = extraCotangents.keys.sorted()
    let backwardSequences = try (sequences + previousStates + stateCotangentKeys.map { stateCotangents[$0]! }
        + extraKeys.map { extraCotangents[$0]! }).map(cut)
    let backwardInitial = try differentiable.map { k in try carryInitial[k] ?? initials[k].zerosLike() }
        + floatNonSequences.map { try nonSequences[$0].zerosLike() }

    let result = try scan(sequences: backwardSequences, initialStates: backwardInitial, nonSequences: nonSequences,
                          goBackwards: !op.reverse, outputOrder: .sequence) { slices, carried, theta in
        let xs = Array(slices[..<nSeq]), prev = Array(slices[nSeq..<(nSeq + nState)])
        var rest = Array(slices[(nSeq + nState)...])
        let gStates = Dictionary(uniqueKeysWithValues: stateCotangentKeys.map { ($0, rest.removeFirst()) })
        let gExtras = Dictionary(uniqueKeysWithValues: extraKeys.map { ($0, rest.removeFirst()) })
        // The forward body, recomputed on this iteration's values.
        var map: [Expr: Expr] = [:]
        for (p, v) in zip(body.sequences, xs) { map[p] = v }
        for (p, v) in zip(body.states, prev) { map[p] = v }
        for (p, v) in zip(body.nonSequences, theta) { map[p] = v }
        let forward = try GraphTraversal.replacing(map, in: body.outputs)
        var cotangents = [Expr?](repeating: nil, count: forward.count)
        for (j, k) in differentiable.enumerated() {
            cotangents[k] = try gStates[k].map { try $0 + carried[j] } ?? carried[j]
        }
        for (e, g) in gExtras { cotangents[nState + e] = g }
        let wrt = floatSequences.map { xs[$0] } + differentiable.map { prev[$0] } + floatNonSequences.map { theta[$0] }
        let grads = try vectorJacobianProduct(of: forward, cotangents: cotangents, wrt: wrt, disconnected: .zero)
        let dx = Array(grads[..<floatSequences.count])
        let dPrev = Array(grads[floatSequences.count..<(floatSequences.count + differentiable.count)])
        let dTheta = Array(grads[(floatSequences.count + differentiable.count)...])
        let accumulated = try zip(carried.dropFirst(differentiable.count), dTheta).map { try $0 + $1 }
        return (states: dPrev + accumulated, outputs: dx)
    }
    var grads = [Expr?](repeating: nil, count: inputs.count)
    for (j, k) in floatSequences.enumerated() {
        let part = result.outputs[j]
        grads[k] = try truncation.map { try sequences[k].zerosLike().settingSubtensor([$0], to: part) } ?? part
    }
    for (j, k) in differentiable.enumerated() {
        var g = result.finalStates[j]
        if let limit = op.truncateGradient {
            // The carry reaches the initial state only if the cut kept every iteration.
            let steps = try (sequences.first ?? stackedStates[k]).shapeOf().subtensor([.index(0)])
            g = try Expr.select(steps.isLessOrEqual(to: Expr.scalar(Double(limit), dtype: .int32)), g, g.zerosLike())
        }
        grads[nSeq + k] = g
    }
    for (j, k) in floatNonSequences.enumerated() {
        grads[nSeq + nState + k] = result.finalStates[differentiable.count + j]
    }
    return grads
}
