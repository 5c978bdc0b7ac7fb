import LaminaTensor

/// Which end of a sequence the padding goes to.
public enum PaddingSide: Sendable {
    /// Real steps first, padding after them (the usual choice with a masked recurrent layer).
    case post
    /// Padding first, real steps last (Keras's `pad_sequences` default), so the last step is real.
    case pre
}

/// Ragged sequences padded to one length: a float32 (count, steps, features) array, a float32
/// (count, steps) mask with 1 on real steps and 0 on padding, and each sequence's length.
public struct PaddedSequences: Sendable {
    /// The sequences, (count, steps, features).
    public let inputs: NDArray
    /// The mask, (count, steps).
    public let mask: NDArray
    /// The real length of each sequence.
    public let lengths: [Int]

    /// Pads `sequences` (each a list of steps, each step `features` numbers) to `length` steps (by default
    /// the longest sequence's length) with `value`, on `side`.
    /// - Throws: ``LaminaError/invalidArgument(function:detail:)`` for no sequences, a step whose size differs
    ///   from the first step's (naming the sequence and step), or a sequence longer than `length`.
    public init(_ sequences: [[[Float]]], length: Int? = nil, side: PaddingSide = .post, value: Float = 0) throws {
        let features = try sequenceFeatures(sequences)
        let longest = sequences.map(\.count).max() ?? 0
        let steps = length ?? longest
        if let row = sequences.firstIndex(where: { $0.count > steps }) {
            throw LaminaError.invalidArgument(function: "PaddedSequences", detail: "sequence \(row) has \(sequences[row].count) steps, more than the padded length \(steps); pass a larger length")
        }
        var inputs = [Float](repeating: value, count: sequences.count * steps * features)
        var mask = [Float](repeating: 0, count: sequences.count * steps)
        for (row, sequence) in sequences.enumerated() {
            let offset = side == .post ? 0 : steps - sequence.count
            for (t, step) in sequence.enumerated() {
                let position = row * steps + offset + t
                mask[position] = 1
                for (f, x) in step.enumerated() { inputs[position * features + f] = x }
            }
        }
        self.inputs = NDArray(inputs, shape: [sequences.count, steps, features])
        self.mask = NDArray(mask, shape: [sequences.count, steps])
        lengths = sequences.map(\.count)
    }
}

/// The number of features per step of `sequences`, checked equal for every step.
/// - Throws: ``LaminaError/invalidArgument(function:detail:)`` for no sequences, no steps at all,
///   or a step of another size.
func sequenceFeatures(_ sequences: [[[Float]]]) throws -> Int {
    guard let first = sequences.lazy.flatMap({ $0 }).first else {
        throw LaminaError.invalidArgument(function: "PaddedSequences", detail: "there are no steps to pad (\(sequences.count) sequence(s), all empty)")
    }
    for (row, sequence) in sequences.enumerated() {
        if let t = sequence.firstIndex(where: { $0.count != first.count }) {
            throw LaminaError.invalidArgument(function: "PaddedSequences", detail: "step \(t) of sequence \(row) has \(sequence[t].count) features, but steps have \(first.count)")
        }
    }
    return first.count
}
