/// What ``scan(sequences:initialStates:nonSequences:steps:goBackwards:truncateGradient:outputOrder:body:)``
/// and ``unrolledScan(sequences:initialStates:nonSequences:steps:goBackwards:outputOrder:body:)`` share:
/// the placeholders a loop body is built on, the body built once and its
/// states checked against the initial states, and the random draws it made.
struct LoopSetup {
    /// One placeholder per sequence: a slice, the sequence without its first axis (`x[t]`).
    let sequences: [Expr]
    /// One placeholder per initial state, of its type (`h[t-1]`).
    let states: [Expr]
    /// The next states and extra outputs the body returned.
    let stateOutputs: [Expr], extraOutputs: [Expr]
    /// The random draws the body made (not those made outside it), whose step the loop sets per iteration.
    let draws: [Expr]

    /// Builds the body once on placeholders. `nonSequences` is what the body
    /// receives for the non-sequences; `op` names the loop in errors.
    /// - Throws: ``GraphError`` when the body returns the wrong number of states, or a
    ///   state of another dtype, rank or axis size than its initial state.
    init(op: String, sequences: [Expr], initialStates: [Expr], nonSequences: [Expr],
         body: (_ sequences: [Expr], _ states: [Expr], _ nonSequences: [Expr]) throws -> (states: [Expr], outputs: [Expr])) throws {
        self.sequences = sequences.enumerated().map { k, s in
            Expr.input("\(s.name ?? "sequence\(k)")[t]", dtype: s.dtype, shape: Array(s.shape.dropFirst()))
        }
        states = initialStates.enumerated().map { k, s in
            Expr.input("\(s.name ?? "state\(k)")[t-1]", dtype: s.dtype, shape: s.shape)
        }
        let firstBodyID = Expr.nextID
        let built = try body(self.sequences, states, nonSequences)
        guard built.states.count == initialStates.count else {
            throw GraphError.invalidArgument(op: op, detail: "the body returns \(built.states.count) state(s) for \(initialStates.count) initial state(s)")
        }
        for (k, (out, initial)) in zip(built.states, initialStates).enumerated() {
            let fits = out.dtype == initial.dtype && out.rank == initial.rank
                && zip(out.shape, initial.shape).allSatisfy { $0.0 == nil || $0.1 == nil || $0.0 == $0.1 }
            guard fits else {
                throw GraphError.typeMismatch(op: op, operands: [initial.type, out.type],
                                              detail: "state \(k): the body returns \(out.type) for an initial state of type \(initial.type)")
            }
        }
        stateOutputs = built.states
        extraOutputs = built.outputs
        // Only draws made by the body; a draw made outside stays the same at every step.
        draws = GraphTraversal.topologicalOrder(built.states + built.outputs).filter {
            $0.op is RandomDrawOp && $0.id >= firstBodyID && $0.inputs[1].constantValue != nil
        }
    }
}
