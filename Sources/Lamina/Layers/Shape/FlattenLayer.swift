import LaminaGraph

/// Flattens the trailing axes into one, keeping the first `outdim − 1` axes
/// (Lasagne's `FlattenLayer(outdim=2)`): (batch, a, b, c) → (batch, a·b·c) by default.
public final class FlattenLayer: Layer, @unchecked Sendable {
    /// The number of axes of the output.
    public let outdim: Int

    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` unless 1 ≤ outdim ≤ the input's rank.
    public init(incoming: Layer, outdim: Int = 2, name: String? = nil) throws {
        self.outdim = outdim
        try super.init(incoming: incoming, name: name)
        guard outdim >= 1 && outdim <= inputShape.count else {
            throw LaminaError.invalidLayer(layer: displayName, detail: "outdim must be between 1 and the input's rank \(inputShape.count), got \(outdim)")
        }
    }

    public override func outputShape(for inputShapes: [[Int?]]) throws -> [Int?] {
        let input = inputShapes[0]
        let flattened = input[(outdim - 1)...]
        let size = flattened.contains(where: { $0 == nil }) ? nil : flattened.reduce(1) { $0 * $1! }
        return Array(input[..<(outdim - 1)]) + [size]
    }

    public override func output(for inputs: [Expr], deterministic: Bool) throws -> Expr {
        try inputs[0].flatten(ndim: outdim)
    }
}
