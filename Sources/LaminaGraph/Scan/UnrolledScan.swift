import LaminaTensor

/// The same loop as ``scan(sequences:initialStates:nonSequences:steps:goBackwards:truncateGradient:outputOrder:body:)``,
/// unrolled: the body is applied once per iteration to slices of the
/// sequences, building one graph with every step (Lasagne's `unroll_scan`).
///
/// It needs a number of iterations known when the graph is built (a known
/// first axis of the sequences, or `steps`). Values and gradients equal the
/// loop's, random draws included (each unrolled step draws with its
/// iteration number, as the loop does). Unrolling lets the compiler fuse
/// across steps and avoids the loop's per-step overhead, at the cost of a
/// graph that grows with the number of steps.
/// - Throws: ``GraphError`` when the number of iterations is unknown, or for the
///   same body errors as `scan`.
public func unrolledScan(sequences: [Expr] = [], initialStates: [Expr] = [], nonSequences: [Expr] = [],
                         steps: Int? = nil, goBackwards: Bool = false, outputOrder: ScanOutputOrder = .iteration,
                         body: (_ sequences: [Expr], _ states: [Expr], _ nonSequences: [Expr]) throws -> (states: [Expr], outputs: [Expr]))
    throws -> ScanResult {
    guard let n = steps ?? sequences.lazy.compactMap({ $0.shape.first ?? nil }).first else {
        throw GraphError.invalidArgument(op: "unrolled_scan", detail: "unrolling needs a number of steps known when the graph is built (give `steps` or sequences with a known first axis)")
    }
    guard n > 0 else { throw GraphError.invalidArgument(op: "unrolled_scan", detail: "cannot unroll zero steps") }
    // The body is built once, on placeholders, and instantiated per step, so
    // its random draws are the same draw nodes as the loop's.
    let setup = try LoopSetup(op: "unrolled_scan", sequences: sequences, initialStates: initialStates, nonSequences: nonSequences, body: body)
    let template = setup.stateOutputs + setup.extraOutputs
    let drawSteps = setup.draws.map { $0.inputs[1] }
    var states = initialStates
    var stacked: [[Expr]] = Array(repeating: [], count: initialStates.count)
    var extras: [[Expr]] = Array(repeating: [], count: setup.extraOutputs.count)
    for i in 0..<n {
        let t = goBackwards ? n - 1 - i : i
        var map: [Expr: Expr] = [:]
        for (p, seq) in zip(setup.sequences, sequences) { map[p] = try seq.subtensor([.index(t)]) }
        for (p, state) in zip(setup.states, states) { map[p] = state }
        // Draws made by the body take the iteration number, as in the loop.
        let step = Expr.scalar(Double(i), dtype: .float64)
        for d in drawSteps { map[d] = step }
        let outputs = LoopResults(try GraphTraversal.replacing(map, in: template), states: initialStates.count)
        states = outputs.states
        for k in states.indices { stacked[k].append(states[k]) }
        for (k, e) in outputs.extras.enumerated() { extras[k].append(e) }
    }
    // Entries in iteration order, or by sequence position.
    func stack(_ items: [Expr]) throws -> Expr {
        try Expr.stack(goBackwards && outputOrder == .sequence ? items.reversed() : items, axis: 0)
    }
    return ScanResult(states: try stacked.map(stack), outputs: try extras.map(stack), finalStates: states)
}
