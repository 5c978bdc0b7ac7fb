import Synchronization

/// The body of a loop: a graph from placeholders (the current slices of the
/// sequences, the previous states, the non-sequences) to the next states and
/// the other per-step outputs. The compiler's `compileLoopBodies` pass
/// compiles it (``CompiledLoopBody``); the body itself holds only the graph.
final class ScanBody: Sendable {
    private static let counter = Atomic<Int>(0)

    /// A unique number, part of the loop op's signature.
    let id: Int
    let sequences: [Expr]
    let states: [Expr]
    let nonSequences: [Expr]
    let stateOutputs: [Expr]
    let extraOutputs: [Expr]
    init(sequences: [Expr], states: [Expr], nonSequences: [Expr], stateOutputs: [Expr], extraOutputs: [Expr]) {
        id = ScanBody.counter.add(1, ordering: .relaxed).newValue
        self.sequences = sequences
        self.states = states
        self.nonSequences = nonSequences
        self.stateOutputs = stateOutputs
        self.extraOutputs = extraOutputs
    }

    /// Placeholders in the order the plan binds them.
    var placeholders: [Expr] { sequences + states + nonSequences }
    var outputs: [Expr] { stateOutputs + extraOutputs }

    /// A new body with more sequence and non-sequence placeholders (added
    /// after this body's) and `outputs` in place of this body's results (laid
    /// out the same: the states, then the extra outputs).
    func adding(sequences newSequences: [Expr] = [], nonSequences newNonSequences: [Expr] = [], outputs: [Expr]) -> ScanBody {
        let results = LoopResults(outputs, states: states.count)
        return ScanBody(sequences: sequences + newSequences, states: states, nonSequences: nonSequences + newNonSequences,
                        stateOutputs: results.states, extraOutputs: results.extras)
    }
}
