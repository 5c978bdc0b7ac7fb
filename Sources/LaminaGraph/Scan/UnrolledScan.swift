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
    let seqPlaceholders = sequences.map { Expr.input("\($0.name ?? "sequence")[t]", dtype: $0.dtype, shape: Array($0.shape.dropFirst())) }
    let statePlaceholders = initialStates.map { Expr.input("\($0.name ?? "state")[t-1]", dtype: $0.dtype, shape: $0.shape) }
    let firstID = Expr.nextID
    let built = try body(seqPlaceholders, statePlaceholders, nonSequences)
    guard built.states.count == initialStates.count else {
        throw GraphError.invalidArgument(op: "unrolled_scan", detail: "the body returns \(built.states.count) state(s) for \(initialStates.count) initial state(s)")
    }
    for (k, (out, initial)) in zip(built.states, initialStates).enumerated() where out.dtype != initial.dtype || out.rank != initial.rank {
        throw GraphError.typeMismatch(op: "unrolled_scan", operands: [initial.type, out.type],
                                      detail: "state \(k): the body returns \(out.type) for an initial state of type \(initial.type)")
    }
    let template = built.states + built.outputs
    let drawSteps = GraphTraversal.topologicalOrder(template).filter {
        $0.op is RandomDrawOp && $0.id >= firstID && $0.inputs[1].constantValue != nil
    }.map { $0.inputs[1] }
    var states = initialStates
    var stacked: [[Expr]] = Array(repeating: [], count: initialStates.count)
    var extras: [[Expr]] = Array(repeating: [], count: built.outputs.count)
    for i in 0..<n {
        let t = goBackwards ? n - 1 - i : i
        var map: [Expr: Expr] = [:]
        for (p, seq) in zip(seqPlaceholders, sequences) { map[p] = try seq.subtensor([.index(t)]) }
        for (p, state) in zip(statePlaceholders, states) { map[p] = state }
        // Draws made by the body take the iteration number, as in the loop.
        let step = Expr.scalar(Double(i), dtype: .float64)
        for d in drawSteps { map[d] = step }
        let outputs = try GraphTraversal.replacing(map, in: template)
        states = Array(outputs[..<initialStates.count])
        for k in states.indices { stacked[k].append(states[k]) }
        for (k, e) in outputs[states.count...].enumerated() { extras[k].append(e) }
    }
    // Entries in iteration order, or by sequence position.
    func stack(_ items: [Expr]) throws -> Expr {
        try Expr.stack(goBackwards && outputOrder == .sequence ? items.reversed() : items, axis: 0)
    }
    return ScanResult(states: try stacked.map(stack), outputs: try extras.map(stack), finalStates: states)
}
