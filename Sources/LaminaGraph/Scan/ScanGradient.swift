import LaminaTensor

/// Backpropagation through time for ``ScanOp``, as another loop running in
/// the opposite direction (Theano's scan gradient).
///
/// For iteration i the forward body maps (x_i, s_{i−1}, θ) to (s_i, y_i).
/// The backward loop visits the iterations in reverse. Its state carries
/// ∂cost/∂s; at each iteration it applies the body's vector-Jacobian product
/// to (∂cost/∂s_i = stacked cotangent_i + carry, ∂cost/∂y_i), producing ∂x_i
/// and the new carry ∂s_{i−1}. After the last backward iteration the carry is
/// ∂cost/∂s_{−1}, the gradient of the initial state.
///
/// Three things keep it fast, as a hand-written BPTT would be:
/// - forward values the backward step needs (gate activations, ...) are
///   stacked by the forward loop instead of recomputed: the gradient asks for
///   a forward loop with more outputs, which the compiler merges with the
///   original one;
/// - weight gradients of the form Σᵢ aᵢᵀ·bᵢ (and bias gradients Σᵢ Σ_rows gᵢ)
///   become one large GEMM (one sum) after the loop over the stacked aᵢ, bᵢ;
/// - input gradients of the form gᵢ·Wᵀ become one GEMM after the loop.
/// Other gradients of non-sequences are accumulated in states of the loop.
/// Random draws in the body give the same values again, since their step
/// number is a state.
///
/// With `truncateGradient = k` the backward loop covers only the last k
/// iterations: earlier sequence elements get zero gradient, and the initial
/// state gets one only if k covers every iteration.
func scanGradient(_ op: ScanOp, inputs: [Expr], outputs: [Expr], outputGradients: [Expr?]) throws -> [Expr?] {
    let operands = LoopOperands(inputs, of: op)
    let sequences = operands.sequences, initials = operands.states, nonSequences = operands.nonSequences
    let nState = op.stateCount, nExtra = op.extraCount
    let body = op.body
    let lastPosition: SliceIndex = .index(op.reverse ? 0 : -1)
    let differentiable = (0..<nState).filter { op.differentiableStates[$0] }
    let floatSequences = sequences.indices.filter { sequences[$0].dtype.isFloatingPoint }
    let floatNonSequences = nonSequences.indices.filter { nonSequences[$0].dtype.isFloatingPoint }

    // 1. The backward step on placeholders of its own.
    func placeholder(_ like: Expr, _ suffix: String) -> Expr {
        Expr.input((like.name ?? "v") + suffix, dtype: like.dtype, shape: like.shape)
    }
    let bx = body.sequences.map { placeholder($0, "") }
    let bprev = body.states.map { placeholder($0, "") }
    let btheta = body.nonSequences.map { placeholder($0, "") }
    let bcarry = differentiable.map { placeholder(body.states[$0], " grad") }
    var stateCotangentKeys: [Int] = [], carryInitial: [Int: Expr] = [:], extraKeys: [Int] = []
    var cotangentSequences: [Expr] = []
    for (k, g) in outputGradients.enumerated() {
        guard let g else { continue }
        if k < nState {
            guard op.differentiableStates[k] else { continue }
            if !op.keepSteps[k] {
                carryInitial[k] = g
            } else if let last = g.lastStepOnlyValue(at: lastPosition, stepType: body.stateOutputs[k].type) {
                // Only the last iteration's state is used (`states[-1]`): its
                // gradient starts the carry instead of a sequence of zeros.
                carryInitial[k] = last
            } else {
                stateCotangentKeys.append(k); cotangentSequences.append(g)
            }
        } else {
            extraKeys.append(k - nState)
            cotangentSequences.append(g) // a last-only extra is placed at its iteration below
        }
    }
    let bcot = zip(stateCotangentKeys.map { body.stateOutputs[$0] } + extraKeys.map { body.extraOutputs[$0] }, 0...)
        .map { placeholder($0.0, " cotangent") }
    var map: [Expr: Expr] = [:]
    for (p, v) in zip(body.sequences, bx) { map[p] = v }
    for (p, v) in zip(body.states, bprev) { map[p] = v }
    for (p, v) in zip(body.nonSequences, btheta) { map[p] = v }
    let bodyNodes = GraphTraversal.topologicalOrder(body.outputs).filter { $0.op != nil }
    let recomputedAll = try GraphTraversal.replacing(map, in: bodyNodes + body.outputs)
    let recomputed = Array(recomputedAll[..<bodyNodes.count]), forward = Array(recomputedAll[bodyNodes.count...])
    var cotangents = [Expr?](repeating: nil, count: forward.count)
    for (j, k) in differentiable.enumerated() { cotangents[k] = bcarry[j] }
    for (c, k) in stateCotangentKeys.enumerated() {
        let j = differentiable.firstIndex(of: k)!
        cotangents[k] = try bcot[c] + bcarry[j]
    }
    for (c, e) in extraKeys.enumerated() { cotangents[nState + e] = bcot[stateCotangentKeys.count + c] }
    let wrt = floatSequences.map { bx[$0] } + differentiable.map { bprev[$0] } + floatNonSequences.map { btheta[$0] }
    // The gradient of a slice starts from zeros shaped like the sliced value.
    // Such fills of a known shape become constants here, and the gradients of
    // slices that tile an axis (an LSTM's gates) become one concatenation, so
    // the forward value (the stacked gate pre-activations) is not kept for its
    // shape, whether or not the batch size is known.
    let recomputedSet = Set(recomputed.map(ObjectIdentifier.init))
    let stepGrads = try mergeSliceGradients(rewriteGraph(try vectorJacobianProduct(of: forward, cotangents: cotangents, wrt: wrt, disconnected: .zero)) {
        node, original in recomputedSet.contains(ObjectIdentifier(original)) ? nil : node.knownShapeFill
    })
    let dx = Array(stepGrads[..<floatSequences.count])
    let dPrev = Array(stepGrads[floatSequences.count..<(floatSequences.count + differentiable.count)])
    let dTheta = Array(stepGrads[(floatSequences.count + differentiable.count)...])

    // Which expressions change from step to step.
    let stepPlaceholders = Set((bx + bprev + bcarry + bcot).map(ObjectIdentifier.init))
    var perStep = stepPlaceholders
    for node in GraphTraversal.topologicalOrder(dx + dPrev + dTheta) where node.inputs.contains(where: { perStep.contains(ObjectIdentifier($0)) }) {
        perStep.insert(ObjectIdentifier(node))
    }
    func isPerStep(_ e: Expr) -> Bool { perStep.contains(ObjectIdentifier(e)) }

    // 2. Gradients that become one operation after the loop.
    func terms(_ e: Expr) -> [Expr] {
        e.simpleFunction == .binary(.add) && e.inputs[0].type == e.type && e.inputs[1].type == e.type
            ? terms(e.inputs[0]) + terms(e.inputs[1]) : [e]
    }
    func weightTerm(_ e: Expr) -> WeightTerm? {
        if let mm = e.op as? MatmulOp, mm.transposeA, !mm.transposeB, e.inputs.allSatisfy({ $0.rank == 2 && isPerStep($0) }) {
            return .product(e.inputs[0], e.inputs[1])
        }
        if let r = e.op as? ReduceOp, r.kind == .sum, r.axes == [0], !r.keepDims, e.inputs[0].rank == 2, isPerStep(e.inputs[0]) {
            return .rowSum(e.inputs[0])
        }
        return nil
    }
    func inputTerm(_ e: Expr) -> InputTerm? {
        guard let mm = e.op as? MatmulOp, !mm.transposeA, e.inputs[0].rank >= 2, isPerStep(e.inputs[0]),
              let m = btheta.firstIndex(where: { $0 === e.inputs[1] }) else { return nil }
        return InputTerm(value: e.inputs[0], nonSequence: m, transposed: mm.transposeB)
    }
    var weightTerms: [Int: [WeightTerm]] = [:]   // by position in floatNonSequences
    for (j, g) in dTheta.enumerated() {
        let parts = terms(g).map(weightTerm)
        if !parts.isEmpty, parts.allSatisfy({ $0 != nil }) { weightTerms[j] = parts.map { $0! } }
    }
    var inputTerms: [Int: [InputTerm]] = [:]    // by position in floatSequences
    for (j, g) in dx.enumerated() {
        let parts = terms(g).map(inputTerm)
        if !parts.isEmpty, parts.allSatisfy({ $0 != nil }) { inputTerms[j] = parts.map { $0! } }
    }
    let accumulated = floatNonSequences.indices.filter { weightTerms[$0] == nil }
    let perStepInputs = floatSequences.indices.filter { inputTerms[$0] == nil }

    // 3. Forward values the backward step uses, stacked by the forward loop.
    let originalOf = Dictionary(uniqueKeysWithValues: zip(recomputed, bodyNodes).map { (ObjectIdentifier($0.0), $0.1) })
    var needed: [Expr] = []
    var neededSet = Set<ObjectIdentifier>()
    func need(_ e: Expr) {
        guard recomputedSet.contains(ObjectIdentifier(e)), isPerStep(e), !(e.op?.isView ?? true),
              neededSet.insert(ObjectIdentifier(e)).inserted else { return }
        needed.append(e)
    }
    var stackedOperands: [Expr] = []  // per-step operands of the after-loop terms
    for parts in weightTerms.values { for term in parts { stackedOperands += term.stackedOperands } }
    for parts in inputTerms.values { for term in parts { stackedOperands.append(term.value) } }
    let stepRoots = dPrev + accumulated.map { dTheta[$0] } + perStepInputs.map { dx[$0] } + stackedOperands
    for node in GraphTraversal.topologicalOrder(stepRoots) where !recomputedSet.contains(ObjectIdentifier(node)) {
        node.inputs.forEach(need)
    }
    stepRoots.forEach(need)
    var stacked = Array(outputs)
    var intermediates: [Expr] = []
    if !needed.isEmpty || op.keepSteps.contains(false) {
        // A needed value that is already a result of the body (an RNN's new
        // state) is read from that result's stack rather than stacked twice.
        let resultIndex = needed.map { e in body.outputs.firstIndex { $0 === originalOf[ObjectIdentifier(e)]! } }
        let added = needed.indices.filter { resultIndex[$0] == nil }
        let extended = ScanBody(sequences: body.sequences, states: body.states, nonSequences: body.nonSequences,
                                stateOutputs: body.stateOutputs,
                                extraOutputs: body.extraOutputs + added.map { originalOf[ObjectIdentifier(needed[$0])]! },
                                extends: body.id)
        let all = ScanOp(body: extended, reverse: op.reverse, keepSteps: Array(repeating: true, count: nState + nExtra + added.count),
                         steps: op.steps, truncateGradient: op.truncateGradient, differentiableStates: op.differentiableStates,
                         compiled: nil)
        let results = try Expr.applyMulti(all, inputs)
        stacked = Array(results[..<(nState + nExtra)])
        intermediates = needed.indices.map { i in
            resultIndex[i].map { stacked[$0] } ?? results[nState + nExtra + added.firstIndex(of: i)!]
        }
    }

    // 4. Sequences of the backward loop, aligned with the forward sequences.
    let previousStates = try (0..<nState).map { k -> Expr in
        let first = try initials[k].expandingAxis(at: 0)
        return op.reverse
            ? try Expr.concatenate([stacked[k].subtensor([.range(1, nil)]), first], axis: 0)
            : try Expr.concatenate([first, stacked[k].subtensor([.range(nil, -1)])], axis: 0)
    }
    for (c, e) in extraKeys.enumerated() where !op.keepSteps[nState + e] {
        let g = cotangentSequences[stateCotangentKeys.count + c]
        cotangentSequences[stateCotangentKeys.count + c] = try stacked[nState + e].zerosLike()
            .settingSubtensor([lastPosition], to: g)
    }
    let truncation: SliceIndex? = op.truncateGradient.map { k in op.reverse ? .range(nil, k) : .range(-k, nil) }
    func cut(_ e: Expr) throws -> Expr { try truncation.map { try e.subtensor([$0]) } ?? e }
    let backwardSequences = try (sequences + previousStates + cotangentSequences + intermediates).map(cut)
    let backwardInitial = try differentiable.map { k in try carryInitial[k] ?? initials[k].zerosLike() }
        + accumulated.map { try nonSequences[floatNonSequences[$0]].zerosLike() }
    // Stacked operands that are whole sequences need no extra output.
    let sequencePlaceholders = bx + bprev + bcot + needed
    func outerSequence(_ e: Expr) -> Expr? {
        sequencePlaceholders.firstIndex(where: { $0 === e }).map { backwardSequences[$0] }
    }
    let extraStacked = stackedOperands.filter { outerSequence($0) == nil }.reduce(into: [Expr]()) { acc, e in
        if !acc.contains(where: { $0 === e }) { acc.append(e) }
    }
    let bacc = accumulated.map { placeholder(btheta[floatNonSequences[$0]], " grad") }
    let stepStates = dPrev + (try zip(bacc, accumulated).map { try $0.0 + dTheta[$0.1] })
    let stepOutputs = perStepInputs.map { dx[$0] } + extraStacked

    let result = try scan(sequences: backwardSequences, initialStates: backwardInitial, nonSequences: nonSequences,
                          goBackwards: !op.reverse, outputOrder: .sequence) { slices, carried, theta in
        var substitute: [Expr: Expr] = [:]
        for (p, v) in zip(sequencePlaceholders, slices) { substitute[p] = v }
        for (p, v) in zip(bcarry + bacc, carried) { substitute[p] = v }
        for (p, v) in zip(btheta, theta) { substitute[p] = v }
        let rewritten = try GraphTraversal.replacing(substitute, in: stepStates + stepOutputs)
        return (states: Array(rewritten[..<stepStates.count]), outputs: Array(rewritten[stepStates.count...]))
    }
    func stackedValue(_ e: Expr) -> Expr {
        outerSequence(e) ?? result.outputs[perStepInputs.count + extraStacked.firstIndex(where: { $0 === e })!]
    }
    func flattened(_ e: Expr) throws -> Expr {
        let last = e.shape.last ?? nil
        return try e.reshape([.infer, last.map { .size($0) } ?? .copy(e.rank - 1)])
    }

    // 5. Gradients of the operands.
    var grads = LoopOperands<Expr?>(sequences: sequences.map { _ in nil }, states: initials.map { _ in nil },
                                    nonSequences: nonSequences.map { _ in nil })
    for (j, k) in floatSequences.enumerated() {
        var part: Expr
        if let parts = inputTerms[j] {
            part = try parts.map { term in
                try stackedValue(term.value).dot(nonSequences[term.nonSequence], transposeOther: term.transposed)
            }.reduce(nil as Expr?) { total, next in try total.map { try $0 + next } ?? next }!
        } else {
            part = result.outputs[perStepInputs.firstIndex(of: j)!]
        }
        if let truncation { part = try sequences[k].zerosLike().settingSubtensor([truncation], to: part) }
        grads.sequences[k] = part
    }
    for (j, k) in differentiable.enumerated() {
        var g = result.finalStates[j]
        if let limit = op.truncateGradient {
            // The carry reaches the initial state only if the cut kept every iteration.
            let steps = try (sequences.first ?? stacked[k]).shapeOf().subtensor([.index(0)])
            g = try Expr.select(steps.isLessOrEqual(to: Expr.scalar(Double(limit), dtype: .int32)), g, g.zerosLike())
        }
        grads.states[k] = g
    }
    for (j, m) in floatNonSequences.enumerated() {
        if let parts = weightTerms[j] {
            grads.nonSequences[m] = try parts.map { term -> Expr in
                switch term {
                case .product(let a, let b): return try flattened(stackedValue(a)).dot(flattened(stackedValue(b)), transposeSelf: true)
                case .rowSum(let v): return try flattened(stackedValue(v)).sum(axes: [0])
                }
            }.reduce(nil as Expr?) { total, next in try total.map { try $0 + next } ?? next }!
        } else {
            grads.nonSequences[m] = result.finalStates[differentiable.count + accumulated.firstIndex(of: j)!]
        }
    }
    return grads.all
}

/// A term of a non-sequence's per-step gradient that sums over the steps
/// into one operation after the loop: Σᵢ aᵢᵀ·bᵢ (one product of the stacked
/// aᵢ and bᵢ), or Σᵢ Σ_rows gᵢ (one sum of the stacked gᵢ).
private enum WeightTerm {
    case product(Expr, Expr)
    case rowSum(Expr)

    /// The per-step values the after-loop operation reads, stacked.
    var stackedOperands: [Expr] {
        switch self {
        case .product(let a, let b): [a, b]
        case .rowSum(let v): [v]
        }
    }
}

/// A term gᵢ·op(θ) of a sequence's per-step gradient, with θ the
/// non-sequence at `nonSequence`: one product of the stacked gᵢ after the loop.
private struct InputTerm {
    let value: Expr
    let nonSequence: Int
    let transposed: Bool
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
