import LaminaGraph

/// Permutes axes, inserts broadcastable size-1 axes and drops size-1 axes
/// (Lasagne's `DimshuffleLayer(pattern)`, Theano's `dimshuffle`): each entry
/// of `pattern` is an input axis, or `nil` (Lasagne's `'x'`) for a new size-1
/// axis; input axes left out must have known size 1.
///
/// ```swift
/// let timeMajor = try DimshuffleLayer(incoming: sequence, pattern: [1, 0, 2])   // (batch, time, f) → (time, batch, f)
/// let column = try DimshuffleLayer(incoming: vector, pattern: [0, nil])
/// ```
public final class DimshuffleLayer: Layer, @unchecked Sendable {
    /// The pattern.
    public let pattern: [Int?]

    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` for a pattern that does not fit the input.
    public init(incoming: Layer, pattern: [Int?], name: String? = nil) throws {
        self.pattern = pattern
        try super.init(incoming: incoming, name: name)
        _ = try outputShape
    }

    public override func outputShape(for inputShapes: [[Int?]]) throws -> [Int?] {
        try inferredShape(inputShapes, layer: displayName) { try $0[0].dimshuffle(pattern) }
    }

    public override func output(for inputs: [Expr], deterministic: Bool) throws -> Expr {
        try inputs[0].dimshuffle(pattern)
    }
}
