import LaminaTensor

/// PyTensor's `scan_push_out_add`: a state that only sums per-step terms
/// Σᵢ aᵢᵀ·bᵢ or Σᵢ Σ_rows gᵢ from zero, used only through its last step (the
/// gradient of a weight or a bias in the backward loop), leaves the loop: the
/// loop stacks the aᵢ, bᵢ (or gᵢ) instead, and one product (or one sum) over
/// all steps, after the loop, replaces the state's last value.
func pushOutLoopSums(_ roots: [Expr]) throws -> [Expr] {
    let uses = LoopResultUses(roots)
    return try rewriteLoops(roots) { loop, current, original in
        let body = loop.body, operands = LoopOperands(current.inputs, of: loop)
        let steps = LoopStepDependence(body)
        let resultUses = uses.uses(of: original, count: body.outputs.count)
        var pushed: [Int: [LoopSumTerm]] = [:]
        for k in body.states.indices where operands.states[k].isZeros
            && uses.usedOnlyAtLastStep(resultUses[k], reverse: loop.reverse) {
            let p = body.states[k]
            var parts = sumTerms(body.stateOutputs[k])
            guard parts.filter({ $0 === p }).count == 1, steps.useCount(of: p) == 1 else { continue }
            parts.removeAll { $0 === p }
            let terms = parts.map { LoopSumTerm($0, perStep: steps.isPerStep) }
            if !terms.isEmpty, terms.allSatisfy({ $0 != nil }) { pushed[k] = terms.map { $0! } }
        }
        if pushed.isEmpty { return nil }
        let order = pushed.keys.sorted()
        let rebuilt = try RebuiltLoop(current, loop, removing: LoopRemovals(states: Set(order)),
                                      stacking: order.flatMap { pushed[$0]!.flatMap(\.stackedOperands) })
        var finals: [Int: LoopResultReplacement] = [:]
        for k in order {
            finals[k] = .lastStep(try pushed[k]!.map { try $0.total(rebuilt.stackedValue) }.sumOfTerms())
        }
        return rebuilt.replacement(finals)
    }
}

/// PyTensor's `scan_push_out_dot1` for outputs: an extra output that is a
/// sum of products gᵢ·op(θ) of a per-step value by a non-sequence (the
/// gradient of an input sequence in the backward loop) leaves the loop: the
/// loop stacks the gᵢ, and one product of the stacked values by θ, after the
/// loop, replaces the result.
func pushOutLoopProducts(_ roots: [Expr]) throws -> [Expr] {
    let uses = LoopResultUses(roots)
    return try rewriteLoops(roots) { loop, current, original in
        let body = loop.body, operands = LoopOperands(current.inputs, of: loop)
        let steps = LoopStepDependence(body)
        let resultUses = uses.uses(of: original, count: body.outputs.count)
        let states = body.states.count
        var pushed: [Int: [LoopProductTerm]] = [:]
        for (e, output) in body.extraOutputs.enumerated() where resultUses[states + e].map({ !$0.isEmpty }) ?? true {
            let terms = sumTerms(output).map { LoopProductTerm($0, nonSequences: body.nonSequences, perStep: steps.isPerStep) }
            if terms.allSatisfy({ $0 != nil }) { pushed[e] = terms.map { $0! } }
        }
        if pushed.isEmpty { return nil }
        let order = pushed.keys.sorted()
        let rebuilt = try RebuiltLoop(current, loop, removing: LoopRemovals(extras: Set(order)),
                                      stacking: order.flatMap { pushed[$0]!.map(\.value) })
        var wholes: [Int: LoopResultReplacement] = [:]
        for e in order {
            wholes[states + e] = .whole(try pushed[e]!.map { term in
                try rebuilt.stackedValue(of: term.value).dot(operands.nonSequences[term.nonSequence], transposeOther: term.transposed)
            }.sumOfTerms())
        }
        return rebuilt.replacement(wholes)
    }
}

/// The terms of a tree of same-type additions (`e` itself when it is none).
func sumTerms(_ e: Expr) -> [Expr] {
    e.isSameTypeSum ? sumTerms(e.inputs[0]) + sumTerms(e.inputs[1]) : [e]
}

extension Array where Element == Expr {
    /// t₀ + t₁ + … added left to right.
    func sumOfTerms() throws -> Expr {
        try dropFirst().reduce(self[0]) { try $0 + $1 }
    }
}

/// Which values of a loop body change from step to step: those that depend
/// on a sequence slice or a state.
struct LoopStepDependence {
    private var perStep = Set<ObjectIdentifier>()
    private var uses: [ObjectIdentifier: Int] = [:]

    init(_ body: ScanBody) {
        perStep = Set((body.sequences + body.states).map(ObjectIdentifier.init))
        let order = GraphTraversal.topologicalOrder(body.outputs)
        for node in order {
            for input in node.inputs { uses[ObjectIdentifier(input), default: 0] += 1 }
            if node.inputs.contains(where: { perStep.contains(ObjectIdentifier($0)) }) { perStep.insert(ObjectIdentifier(node)) }
        }
        for output in body.outputs { uses[ObjectIdentifier(output), default: 0] += 1 }
    }

    func isPerStep(_ e: Expr) -> Bool { perStep.contains(ObjectIdentifier(e)) }

    /// How many times the body uses `e` (as an operand or as a result).
    func useCount(of e: Expr) -> Int { uses[ObjectIdentifier(e)] ?? 0 }
}

/// A per-step term of a loop sum that one operation after the loop can
/// total: aᵢᵀ·bᵢ (one product of the stacked aᵢ and bᵢ, flattened to
/// matrices), or Σ_rows gᵢ (one sum of the stacked gᵢ).
enum LoopSumTerm {
    case product(Expr, Expr)
    case rowSum(Expr)

    init?(_ e: Expr, perStep: (Expr) -> Bool) {
        if let mm = e.op as? MatmulOp, mm.transposeA, !mm.transposeB, e.inputs.allSatisfy({ $0.rank == 2 && perStep($0) }) {
            self = .product(e.inputs[0], e.inputs[1])
        } else if let r = e.op as? ReduceOp, r.kind == .sum, r.axes == [0], !r.keepDims, e.inputs[0].rank == 2, perStep(e.inputs[0]) {
            self = .rowSum(e.inputs[0])
        } else {
            return nil
        }
    }

    /// The per-step values the after-loop operation reads, stacked.
    var stackedOperands: [Expr] {
        switch self {
        case .product(let a, let b): [a, b]
        case .rowSum(let v): [v]
        }
    }

    /// The sum over all steps, from the stacked operands.
    func total(_ stacked: (Expr) -> Expr) throws -> Expr {
        func flattened(_ e: Expr) throws -> Expr {
            let last = e.shape.last ?? nil
            return try e.reshape([.infer, last.map { .size($0) } ?? .copy(e.rank - 1)])
        }
        switch self {
        case .product(let a, let b): return try flattened(stacked(a)).dot(flattened(stacked(b)), transposeSelf: true)
        case .rowSum(let v): return try flattened(stacked(v)).sum(axes: [0])
        }
    }
}

/// A per-step term gᵢ·op(θ) of a loop output, with θ the body's non-sequence
/// at `nonSequence`: one product of the stacked gᵢ by θ after the loop.
struct LoopProductTerm {
    let value: Expr
    let nonSequence: Int
    let transposed: Bool

    init?(_ e: Expr, nonSequences: [Expr], perStep: (Expr) -> Bool) {
        guard let mm = e.op as? MatmulOp, !mm.transposeA, e.inputs[0].rank >= 2, perStep(e.inputs[0]),
              let m = nonSequences.firstIndex(where: { $0 === e.inputs[1] }) else { return nil }
        value = e.inputs[0]
        nonSequence = m
        transposed = mm.transposeB
    }
}
