import LaminaTensor

/// What a loop rewrite removes from a loop: operands by group (the
/// placeholders the body no longer reads, or states it no longer carries)
/// and extra outputs, by index.
struct LoopRemovals {
    var sequences: Set<Int> = []
    var states: Set<Int> = []
    var nonSequences: Set<Int> = []
    var extras: Set<Int> = []
}

/// A loop rebuilt by a rewrite: the new loop's results, the new result of
/// each old result it keeps, and the stacked value of each body value the
/// rewrite asked for.
struct RebuiltLoop {
    /// The new loop's application (its result 0).
    let node: Expr
    private let oldToNew: [Expr?]
    private let stacked: [ObjectIdentifier: Expr]

    /// Rebuilds the loop `node` (applying `loop`) without `removed`, with
    /// `outputs` in place of its body's results (laid out as the body's, the
    /// removed ones included), and stacking `values` (per-step values of the
    /// body): a sequence slice is read from its sequence, a value the body
    /// already returns from that result, and any other becomes a new extra output.
    init(_ node: Expr, _ loop: ScanOp, removing removed: LoopRemovals, outputs: [Expr]? = nil, stacking values: [Expr] = []) throws {
        let body = loop.body, operands = LoopOperands(node.inputs, of: loop)
        let results = LoopResults(outputs ?? body.outputs, of: loop)
        func kept<T>(_ items: [T], _ gone: Set<Int>) -> [T] { items.indices.filter { !gone.contains($0) }.map { items[$0] } }
        let sequences = kept(body.sequences, removed.sequences)
        let stateOutputs = kept(results.states, removed.states)
        var extras = kept(results.extras, removed.extras)
        var sources: [ObjectIdentifier: Int] = [:]   // value → index of the new result stacking it
        var outer: [ObjectIdentifier: Expr] = [:]
        for (p, s) in zip(sequences, kept(operands.sequences, removed.sequences)) { outer[ObjectIdentifier(p)] = s }
        for (k, e) in (stateOutputs + extras).enumerated() where sources[ObjectIdentifier(e)] == nil { sources[ObjectIdentifier(e)] = k }
        for v in values where outer[ObjectIdentifier(v)] == nil && sources[ObjectIdentifier(v)] == nil {
            sources[ObjectIdentifier(v)] = stateOutputs.count + extras.count
            extras.append(v)
        }
        let newBody = ScanBody(sequences: sequences, states: kept(body.states, removed.states),
                               nonSequences: kept(body.nonSequences, removed.nonSequences),
                               stateOutputs: stateOutputs, extraOutputs: extras)
        let newLoop = ScanOp(body: newBody, reverse: loop.reverse, keepSteps: Array(repeating: true, count: newBody.outputs.count),
                             steps: loop.steps, truncateGradient: loop.truncateGradient,
                             differentiableStates: kept(loop.differentiableStates, removed.states), compiled: nil)
        let newOperands = LoopOperands(sequences: kept(operands.sequences, removed.sequences),
                                       states: kept(operands.states, removed.states),
                                       nonSequences: kept(operands.nonSequences, removed.nonSequences))
        let all = try Expr.applyMulti(newLoop, newOperands.all)
        self.node = all[0]
        var map: [Expr?] = []
        var next = 0
        for k in results.states.indices { map.append(removed.states.contains(k) ? nil : all[next]); if !removed.states.contains(k) { next += 1 } }
        for k in results.extras.indices { map.append(removed.extras.contains(k) ? nil : all[next]); if !removed.extras.contains(k) { next += 1 } }
        oldToNew = map
        var stackedValues: [ObjectIdentifier: Expr] = outer
        for v in values where stackedValues[ObjectIdentifier(v)] == nil { stackedValues[ObjectIdentifier(v)] = all[sources[ObjectIdentifier(v)]!] }
        stacked = stackedValues
    }

    /// The new result standing for old result `k`, nil if it was removed.
    func result(_ k: Int) -> Expr? { oldToNew[k] }

    /// The stacked value of `value`, one of the values the rebuild stacked.
    func stackedValue(of value: Expr) -> Expr { stacked[ObjectIdentifier(value)]! }

    /// The replacement of the old loop: every kept result by its new one,
    /// and the removed ones by `removedResults` (nil where unused).
    func replacement(_ removedResults: [Int: LoopResultReplacement] = [:]) -> LoopReplacement {
        LoopReplacement(results: oldToNew.indices.map { k in oldToNew[k].map { .whole($0) } ?? removedResults[k] }, loop: node)
    }
}
