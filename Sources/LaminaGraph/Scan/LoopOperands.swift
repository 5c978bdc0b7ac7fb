/// A loop's operands by group: the sequences (sliced along their first axis),
/// the initial states, then the non-sequences (the same at every step). The
/// one place that knows how ``ScanOp`` lays them out.
struct LoopOperands<Element> {
    var sequences: [Element]
    var states: [Element]
    var nonSequences: [Element]

    init(sequences: [Element], states: [Element], nonSequences: [Element]) {
        self.sequences = sequences
        self.states = states
        self.nonSequences = nonSequences
    }

    /// Splits `all`, laid out as `loop` takes its operands.
    init(_ all: [Element], of loop: ScanOp) {
        self.init(all, sequences: loop.sequenceCount, states: loop.stateCount)
    }

    /// Splits `all`: `sequences` elements, then `states`, then the non-sequences.
    init(_ all: [Element], sequences s: Int, states k: Int) {
        sequences = Array(all[..<s])
        states = Array(all[s..<(s + k)])
        nonSequences = Array(all[(s + k)...])
    }

    /// The operands in the loop's order.
    var all: [Element] { sequences + states + nonSequences }
}

/// A loop's results by group: one per state, then one per extra (not fed
/// back) output, in the order ``ScanOp`` returns them (and a body lists its outputs).
struct LoopResults<Element> {
    var states: [Element]
    var extras: [Element]

    /// Splits `all`, laid out as `loop` returns its results.
    init(_ all: [Element], of loop: ScanOp) {
        self.init(all, states: loop.stateCount)
    }

    /// Splits `all`, whose first `states` elements belong to states.
    init(_ all: [Element], states count: Int) {
        states = Array(all[..<count])
        extras = Array(all[count...])
    }

    /// The results in the loop's order.
    var all: [Element] { states + extras }
}
