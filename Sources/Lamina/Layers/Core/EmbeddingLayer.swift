import LaminaGraph

/// Looks up a learned vector for each integer index (Lasagne's
/// `EmbeddingLayer(input_size, output_size, W=Normal())`): y = W[x], with W
/// of shape (inputSize, outputSize) and output shape inputShape + [outputSize].
/// Indices are cast to int32 if they are not. The default `W` is Lasagne's
/// `Normal()`, N(0, 0.01²).
public final class EmbeddingLayer: Layer, @unchecked Sendable {
    /// The number of distinct indices (the vocabulary size).
    public let inputSize: Int
    /// The size of each vector.
    public let outputSize: Int
    /// The embedding matrix.
    public let W: Expr

    /// - Parameters:
    ///   - incoming: the layer whose output this layer takes.
    ///   - inputSize: the number of distinct indices.
    ///   - outputSize: the size of each vector.
    ///   - W: the embedding matrix's source (default `Normal()`, std 0.01).
    ///   - name: the layer name.
    public init(incoming: Layer, inputSize: Int, outputSize: Int, W: any ParameterSource = Normal(), name: String? = nil) throws {
        self.inputSize = inputSize
        self.outputSize = outputSize
        let label = name ?? "EmbeddingLayer"
        guard inputSize > 0, outputSize > 0 else {
            throw LaminaError.invalidLayer(layer: label, detail: "inputSize and outputSize must be positive, got \(inputSize) and \(outputSize)")
        }
        var made = ParameterBuilder(prefix: name, label: label)
        self.W = try made.add(W, shape: [inputSize, outputSize], name: "W", role: Role.embedding)
        try super.init(incoming: incoming, name: name)
        registerParameters(made)
    }

    public override func outputShape(for inputShapes: [[Int?]]) throws -> [Int?] { inputShapes[0] + [outputSize] }

    public override func output(for inputs: [Expr], deterministic: Bool) throws -> Expr {
        try W.take(inputs[0].cast(to: .int32), axis: 0)
    }
}
