import LaminaTensor

/// PyTensor's `ScanMerge`: loops over the same sequences, in the same
/// direction and for the same number of steps, neither reading the other's
/// results, become one loop. Operands both read are passed once, and a state
/// or an extra output of the second loop that computes the same values as
/// one of the first (same start, same step graph) is computed once: the
/// forward loop the gradient builds to stack more forward values merges
/// with the loop it differentiates, so the forward pass runs once.
func mergeLoops(_ roots: [Expr]) throws -> [Expr] {
    var roots = roots
    // One pair per rebuild, so that both loops' operands are still the original ones.
    while let merge = try LoopMergePlan.first(in: roots) {
        var merged: [Expr]? = nil
        roots = try rewriteLoops(roots) { _, _, original in
            guard original === merge.first || original === merge.second else { return nil }
            let results = try merged ?? Expr.applyMulti(merge.loop, merge.operands.all)
            merged = results
            let indices = original === merge.first ? merge.firstResults : merge.secondResults
            return LoopReplacement(results: indices.map { .whole(results[$0]) }, loop: results[0])
        }
    }
    return roots
}

/// Two loop applications to merge, the merged loop and its operands, and
/// where each loop's results are among the merged loop's.
private struct LoopMergePlan {
    let first: Expr, second: Expr
    let loop: ScanOp
    let operands: LoopOperands<Expr>
    let firstResults: [Int], secondResults: [Int]

    /// The first mergeable pair of loops in the graph of `roots`, in topological order.
    static func first(in roots: [Expr]) throws -> LoopMergePlan? {
        let loops = GraphTraversal.topologicalOrder(roots).filter { $0.op is ScanOp && $0.selectedOutput == nil }
        for (i, a) in loops.enumerated() {
            for b in loops[(i + 1)...] where mergeable(a, b) {
                if let plan = try LoopMergePlan(a, b) { return plan }
            }
        }
        return nil
    }

    /// Same sequences, direction, length and truncation, not compiled, every
    /// step kept, and `b` (later in topological order) does not read `a`.
    private static func mergeable(_ a: Expr, _ b: Expr) -> Bool {
        let opA = a.op as! ScanOp, opB = b.op as! ScanOp
        let seqA = LoopOperands(a.inputs, of: opA).sequences, seqB = LoopOperands(b.inputs, of: opB).sequences
        guard opA.reverse == opB.reverse, opA.steps == opB.steps, opA.truncateGradient == opB.truncateGradient,
              opA.compiled == nil, opB.compiled == nil, !(opA.keepSteps + opB.keepSteps).contains(false),
              seqA.count == seqB.count, zip(seqA, seqB).allSatisfy({ $0 === $1 }) else { return false }
        return !GraphTraversal.topologicalOrder(b.inputs).contains { $0 === a }
    }

    private init?(_ a: Expr, _ b: Expr) throws {
        let opA = a.op as! ScanOp, opB = b.op as! ScanOp
        let bodyA = opA.body, bodyB = opB.body
        let inA = LoopOperands(a.inputs, of: opA), inB = LoopOperands(b.inputs, of: opB)
        // Each placeholder of `b` with the placeholder of `a` standing for the same operand, if any.
        var partner: [ObjectIdentifier: Expr] = [:]
        for (pb, pa) in zip(bodyB.sequences, bodyA.sequences) { partner[ObjectIdentifier(pb)] = pa }
        var addedNonSequences: [Int] = []
        for (m, pb) in bodyB.nonSequences.enumerated() {
            if let j = inA.nonSequences.firstIndex(where: { $0 === inB.nonSequences[m] }) { partner[ObjectIdentifier(pb)] = bodyA.nonSequences[j] }
            else { addedNonSequences.append(m) }
        }
        // States: paired with a state of `a` of the same start when every such pairing computes the same values.
        var statePairs: [Int: Int] = [:]
        for (k, initial) in inB.states.enumerated() {
            if let j = inA.states.indices.first(where: { inA.states[$0] === initial && !statePairs.values.contains($0)
                                                         && bodyA.states[$0].type == bodyB.states[k].type }) {
                statePairs[k] = j
            }
        }
        func makeMatcher(_ states: [Int: Int]) -> SameValues {
            var m = SameValues()
            for pb in bodyB.sequences + bodyB.nonSequences { if let pa = partner[ObjectIdentifier(pb)] { m.pair(pb, pa) } }
            for (k, j) in states { m.pair(bodyB.states[k], bodyA.states[j]) }
            return m
        }
        var matcher = makeMatcher(statePairs)
        if !statePairs.allSatisfy({ matcher.same(bodyA.stateOutputs[$0.value], bodyB.stateOutputs[$0.key]) }) {
            statePairs = [:]
            matcher = makeMatcher(statePairs)
        }
        for (k, j) in statePairs { partner[ObjectIdentifier(bodyB.states[k])] = bodyA.states[j] }
        // A placeholder both bodies hold must stand for the same operand in both.
        let placeholdersA = Set(bodyA.placeholders.map(ObjectIdentifier.init))
        for pb in bodyB.placeholders where placeholdersA.contains(ObjectIdentifier(pb)) && partner[ObjectIdentifier(pb)] !== pb { return nil }
        let addedStates = bodyB.states.indices.filter { statePairs[$0] == nil }
        var extraPairs: [Int: Int] = [:]
        for (e, output) in bodyB.extraOutputs.enumerated() {
            if let j = bodyA.extraOutputs.indices.first(where: { matcher.same(bodyA.extraOutputs[$0], output) }) { extraPairs[e] = j }
        }
        let addedExtras = bodyB.extraOutputs.indices.filter { extraPairs[$0] == nil }
        // The second body's new outputs, on the first body's placeholders.
        let renamed = try matcher.renaming(addedStates.map { bodyB.stateOutputs[$0] } + addedExtras.map { bodyB.extraOutputs[$0] })
        let body = ScanBody(sequences: bodyA.sequences, states: bodyA.states + addedStates.map { bodyB.states[$0] },
                            nonSequences: bodyA.nonSequences + addedNonSequences.map { bodyB.nonSequences[$0] },
                            stateOutputs: bodyA.stateOutputs + renamed[..<addedStates.count],
                            extraOutputs: bodyA.extraOutputs + renamed[addedStates.count...])
        loop = ScanOp(body: body, reverse: opA.reverse, keepSteps: Array(repeating: true, count: body.outputs.count),
                      steps: opA.steps, truncateGradient: opA.truncateGradient,
                      differentiableStates: opA.differentiableStates + addedStates.map { opB.differentiableStates[$0] }, compiled: nil)
        operands = LoopOperands(sequences: inA.sequences, states: inA.states + addedStates.map { inB.states[$0] },
                                nonSequences: inA.nonSequences + addedNonSequences.map { inB.nonSequences[$0] })
        let statesA = bodyA.states.count, states = body.states.count
        firstResults = Array(0..<statesA) + bodyA.extraOutputs.indices.map { states + $0 }
        secondResults = bodyB.states.indices.map { statePairs[$0] ?? statesA + addedStates.firstIndex(of: $0)! }
            + bodyB.extraOutputs.indices.map { states + (extraPairs[$0] ?? bodyA.extraOutputs.count + addedExtras.firstIndex(of: $0)!) }
        first = a
        second = b
    }
}

/// Whether two body graphs compute the same values, with placeholders of
/// the second body paired with placeholders of the first: the same node,
/// paired placeholders, equal constants, or the same pure op applied to
/// operands that compute the same values.
struct SameValues {
    private var pairs: [ObjectIdentifier: Expr] = [:]
    private var memo: [Pair: Bool] = [:]

    private struct Pair: Hashable { let a: ObjectIdentifier, b: ObjectIdentifier }

    /// Pairs placeholder `second` of the second body with `first` of the first.
    mutating func pair(_ second: Expr, _ first: Expr) { if second !== first { pairs[ObjectIdentifier(second)] = first } }

    mutating func same(_ a: Expr, _ b: Expr) -> Bool {
        if let p = pairs[ObjectIdentifier(b)] { return p === a }
        if a === b { return true }
        guard a.type == b.type else { return false }
        let key = Pair(a: ObjectIdentifier(a), b: ObjectIdentifier(b))
        if let known = memo[key] { return known }
        var result = false
        switch (a.kind, b.kind) {
        case (.constant(let x), .constant(let y)):
            result = x.shape == y.shape && x.dtype == y.dtype && x.doubles == y.doubles
        case (.apply(let f, let xs), .apply(let g, let ys)):
            result = f.isPure && g.isPure && f.signature == g.signature && xs.count == ys.count
                && zip(xs, ys).allSatisfy { same($0.0, $0.1) }
        default:
            result = false
        }
        memo[key] = result
        return result
    }

    /// `outputs` of the second body with its paired placeholders replaced by the first body's.
    func renaming(_ outputs: [Expr]) throws -> [Expr] {
        if pairs.isEmpty || outputs.isEmpty { return outputs }
        var map: [Expr: Expr] = [:]
        for node in GraphTraversal.topologicalOrder(outputs) where node.op == nil {
            if let p = pairs[ObjectIdentifier(node)] { map[node] = p }
        }
        return map.isEmpty ? outputs : try GraphTraversal.replacing(map, in: outputs)
    }
}
