import LaminaTensor

/// The results of ``scan(sequences:initialStates:nonSequences:steps:goBackwards:truncateGradient:outputOrder:body:)``.
public struct ScanResult {
    /// Each state after every iteration, stacked along a new first axis.
    public let states: [Expr]
    /// Each extra (not fed back) output of every iteration, stacked along a new first axis.
    public let outputs: [Expr]
    /// Each state after the last iteration. Asking only for these lets the
    /// compiled loop keep one step in memory instead of all of them.
    public let finalStates: [Expr]
}

/// The order of the stacked results of a backwards loop.
public enum ScanOutputOrder: Sendable {
    /// Entry i is the i-th iteration (Theano's convention): with `goBackwards`,
    /// entry 0 holds the result for the last sequence element.
    case iteration
    /// Entry i holds the result for sequence element i, whatever the direction
    /// (what a backwards recurrent layer returns; saves a reversal).
    case sequence
}

/// A loop whose body is a graph (Theano's `scan`).
///
/// The body is called once, with placeholders, to build the step graph:
/// `body(sequenceSlices, previousStates, nonSequences)` returns the next
/// states (one per initial state, same dtype and shape) and any extra
/// per-step outputs. Anything else the body uses from outside (parameters,
/// expressions computed before the loop) is passed into the loop
/// automatically and computed once, before it.
///
/// ```swift
/// // h_t = tanh(x_t·W + h_{t−1}·U)
/// let result = try scan(sequences: [x], initialStates: [h0]) { xs, hs, _ in
///     (states: [try (xs[0].dot(W) + hs[0].dot(U)).tanh()], outputs: [])
/// }
/// let hidden = result.states[0]        // (steps, batch, units)
/// ```
///
/// - Parameters:
///   - sequences: arrays iterated along their first axis (all of the same length).
///   - initialStates: the states before the first iteration.
///   - nonSequences: values the body receives unchanged at every step.
///   - steps: the number of iterations; required without sequences, otherwise
///     the sequences are cut to their first `steps` elements.
///   - goBackwards: iterate from the last sequence element to the first.
///   - truncateGradient: backpropagate through only the last k iterations
///     (Theano's `truncate_gradient`); earlier inputs get zero gradient.
///   - outputOrder: how backwards results are ordered (see ``ScanOutputOrder``).
/// - Throws: ``GraphError`` when the body returns the wrong number of states or a
///   state of the wrong dtype or shape, or the sequences disagree in length.
public func scan(sequences: [Expr] = [], initialStates: [Expr] = [], nonSequences: [Expr] = [],
                 steps: Int? = nil, goBackwards: Bool = false, truncateGradient: Int? = nil,
                 outputOrder: ScanOutputOrder = .iteration,
                 body: (_ sequences: [Expr], _ states: [Expr], _ nonSequences: [Expr]) throws -> (states: [Expr], outputs: [Expr]))
    throws -> ScanResult {
    if let steps, steps < 0 { throw GraphError.invalidArgument(op: "scan", detail: "steps must be ≥ 0, got \(steps)") }
    if sequences.isEmpty && steps == nil {
        throw GraphError.invalidArgument(op: "scan", detail: "without sequences, the number of steps must be given")
    }
    if let k = truncateGradient, k < 1 { throw GraphError.invalidArgument(op: "scan", detail: "truncateGradient must be ≥ 1, got \(k)") }
    let seqs = try sequences.map { seq -> Expr in
        guard seq.rank >= 1 else { throw GraphError.invalidArgument(op: "scan", detail: "sequence \(seq) has no axis to iterate over") }
        guard let steps, seq.shape[0] != steps else { return seq }
        return try seq.subtensor([.range(nil, steps)])
    }
    let nonSeqPlaceholders = nonSequences.enumerated().map { k, s in
        Expr.input(s.name ?? "nonsequence\(k)", dtype: s.dtype, shape: s.shape)
    }
    let setup = try LoopSetup(op: "scan", sequences: seqs, initialStates: initialStates, nonSequences: nonSeqPlaceholders, body: body)
    let seqPlaceholders = setup.sequences, statePlaceholders = setup.states
    var allStates = statePlaceholders, allInitial = initialStates
    var outputs = setup.stateOutputs + setup.extraOutputs
    // Random draws in the body take the iteration number as their step, so
    // every iteration draws fresh values (Lasagne issue #429). The number is a
    // state of its own: 0, 1, 2, ... in iteration order.
    let draws = setup.draws
    var hasIterationState = false
    if !draws.isEmpty {
        let iteration = Expr.input("iteration[t-1]", dtype: .float64, shape: [])
        let replacements = Dictionary(draws.map { ($0.inputs[1], iteration) }, uniquingKeysWith: { a, _ in a })
        outputs = try GraphTraversal.replacing(replacements, in: outputs)
        allStates.append(iteration)
        allInitial.append(Expr.scalar(0, dtype: .float64))
        outputs.insert(try iteration + 1, at: setup.stateOutputs.count)
        hasIterationState = true
    }
    // Values from outside the body become non-sequences.
    let (captured, capturedPlaceholders, rewritten) = try captureFreeVariables(outputs, placeholders: seqPlaceholders + allStates + nonSeqPlaceholders)
    outputs = rewritten
    let results = LoopResults(outputs, states: allStates.count)
    let body = ScanBody(sequences: seqPlaceholders, states: allStates, nonSequences: nonSeqPlaceholders + capturedPlaceholders,
                        stateOutputs: results.states, extraOutputs: results.extras)
    let op = ScanOp(body: body, reverse: goBackwards, keepSteps: Array(repeating: true, count: outputs.count),
                    steps: seqs.isEmpty ? steps : nil, truncateGradient: truncateGradient,
                    differentiableStates: initialStates.map { $0.dtype.isFloatingPoint } + (hasIterationState ? [false] : []),
                    compiled: nil)
    let applied = LoopResults(try Expr.applyMulti(op, LoopOperands(sequences: seqs, states: allInitial, nonSequences: nonSequences + captured).all),
                              states: allStates.count)
    let userStates = applied.states[..<initialStates.count]
    let lastPosition: SliceIndex = .index(goBackwards ? 0 : -1)
    func ordered(_ e: Expr) throws -> Expr {
        goBackwards && outputOrder == .iteration ? try e.subtensor([.range(start: nil, stop: nil, step: -1)]) : e
    }
    return ScanResult(states: try userStates.map(ordered), outputs: try applied.extras.map(ordered),
                      finalStates: try userStates.map { try $0.subtensor([lastPosition]) })
}

/// Replaces, in the graph of `outputs`, every value from outside the loop
/// body (one that depends on no placeholder, other than a constant) by a new
/// placeholder. Returns the outside values, their placeholders and the rewritten outputs.
func captureFreeVariables(_ outputs: [Expr], placeholders: [Expr]) throws -> ([Expr], [Expr], [Expr]) {
    let order = GraphTraversal.topologicalOrder(outputs)
    var inner = Set(placeholders.map(ObjectIdentifier.init))
    for node in order where node.inputs.contains(where: { inner.contains(ObjectIdentifier($0)) }) {
        inner.insert(ObjectIdentifier(node))
    }
    var free: [Expr] = []
    var seen = Set<ObjectIdentifier>()
    func consider(_ e: Expr) {
        guard !inner.contains(ObjectIdentifier(e)), e.constantValue == nil, seen.insert(ObjectIdentifier(e)).inserted else { return }
        free.append(e)
    }
    for node in order where inner.contains(ObjectIdentifier(node)) { node.inputs.forEach(consider) }
    outputs.forEach(consider)
    let freePlaceholders = free.map { Expr.input($0.name ?? "outer\($0.id)", dtype: $0.dtype, shape: $0.shape) }
    let map = Dictionary(uniqueKeysWithValues: zip(free, freePlaceholders).map { ($0.0, $0.1) })
    let rewritten = free.isEmpty ? outputs : try GraphTraversal.replacing(map, in: outputs)
    return (free, freePlaceholders, rewritten)
}
