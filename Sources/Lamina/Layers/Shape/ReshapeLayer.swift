import LaminaGraph

/// Reshapes its input (Lasagne's `ReshapeLayer(shape)`). Each entry of
/// `shape` is a size (`.size(n)`, or an integer literal), `.copy(i)` for the
/// size of input axis i (Lasagne's `[i]`), or at most one `.infer` (`-1`)
/// for whatever size makes the element count match.
///
/// ```swift
/// let steps = try ReshapeLayer(incoming: input, shape: [.copy(0), 8, 8])   // (?, 64) → (?, 8, 8)
/// let flat = try ReshapeLayer(incoming: steps, shape: [.copy(0), -1])       // (?, 8, 8) → (?, 64)
/// ```
///
/// The output shape is computed as Lasagne does: an unknown input size
/// copied to one output axis cancels out, so the `-1` entry is still known
/// when all other sizes are.
public final class ReshapeLayer: Layer, @unchecked Sendable {
    /// The target shape.
    public let shape: [ReshapeEntry]

    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` for more than one `-1`, a copied
    ///   axis out of range, a negative size, or an element count that cannot match.
    public init(incoming: Layer, shape: [ReshapeEntry], name: String? = nil) throws {
        self.shape = shape
        try super.init(incoming: incoming, name: name)
        _ = try outputShape
    }

    public override func outputShape(for inputShapes: [[Int?]]) throws -> [Int?] {
        let input = inputShapes[0]
        guard shape.filter({ $0 == .infer }).count <= 1 else {
            throw LaminaError.invalidLayer(layer: displayName, detail: "the shape \(shape) has more than one -1")
        }
        // Sizes of the output, and of both sides with each unknown input size
        // that is copied to the output counted once on both sides as 1.
        var output: [Int?] = [], maskedInput = input, maskedOutput: [Int?] = []
        for entry in shape {
            switch entry {
            case .size(let n):
                guard n >= 0 else { throw LaminaError.invalidLayer(layer: displayName, detail: "negative size \(n) in \(shape)") }
                output.append(n); maskedOutput.append(n)
            case .copy(let i):
                guard i >= 0 && i < input.count else {
                    throw LaminaError.invalidLayer(layer: displayName, detail: "entry [\(i)] refers to an axis the input shape \(formatShapeSpec(input)) does not have")
                }
                output.append(input[i])
                if input[i] == nil && maskedInput[i] == nil {
                    maskedInput[i] = 1
                    maskedOutput.append(1)
                } else {
                    maskedOutput.append(input[i])
                }
            case .infer:
                output.append(nil); maskedOutput.append(1)
            }
        }
        let inputCount = maskedInput.contains(where: { $0 == nil }) ? nil : maskedInput.reduce(1) { $0 * $1! }
        var outputCount = maskedOutput.contains(where: { $0 == nil }) ? nil : maskedOutput.reduce(1) { $0 * $1! }
        if let inferAt = shape.firstIndex(of: .infer) {
            if let inputCount, let known = outputCount, known > 0, inputCount % known == 0 {
                output[inferAt] = inputCount / known
                outputCount = inputCount
            } else if let inputCount, let known = outputCount {
                throw LaminaError.invalidLayer(layer: displayName, detail: "\(formatShapeSpec(input)) cannot be reshaped to \(shape): \(inputCount) elements do not divide into parts of \(known)")
            } else {
                outputCount = nil
            }
        }
        if let inputCount, let outputCount, inputCount != outputCount {
            throw LaminaError.invalidLayer(layer: displayName, detail: "\(formatShapeSpec(input)) cannot be reshaped to \(shape): the element counts differ")
        }
        return output
    }

    public override func output(for inputs: [Expr], deterministic: Bool) throws -> Expr {
        try inputs[0].reshape(shape)
    }
}
