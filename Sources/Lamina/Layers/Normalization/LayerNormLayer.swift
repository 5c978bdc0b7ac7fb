import LaminaGraph

/// Layer normalization (Ba, Kiros & Hinton 2016): each example is normalized
/// over `axes` (by default every axis but the batch axis 0), then scaled and
/// shifted elementwise:
///
///     y = (x − μ) / √(σ² + ε) · γ + β
///
/// with μ, σ² the mean and variance over `axes` per example, and γ
/// (default 1) and β (default 0) of the shape of the normalized axes
/// (trainable, not regularizable; `nil` leaves one out). The same in
/// training and inference. ε defaults to Lasagne's 1e-4 (its `layer_norm`,
/// which for 2-D inputs is the same layer; for more axes Lasagne shares γ
/// and β per channel, here they are per element as in PyTorch's `LayerNorm`).
public final class LayerNormLayer: Layer, @unchecked Sendable {
    /// The axes normalized over.
    public let axes: [Int]
    /// ε added to the variance.
    public let epsilon: Double
    /// The scale γ, or `nil`.
    public let gamma: Expr?
    /// The shift β, or `nil`.
    public let beta: Expr?

    /// - Parameters:
    ///   - incoming: the layer whose output this layer takes.
    ///   - axes: the axes to normalize over (default: all but axis 0); their sizes must be known.
    ///   - epsilon: ε added to the variance (1e-4).
    ///   - gamma, beta: the scale and shift (`nil` for none).
    ///   - name: the layer name.
    public init(incoming: Layer, axes: [Int]? = nil, epsilon: Double = 1e-4, gamma: (any ParameterSource)? = Constant(1),
                beta: (any ParameterSource)? = Constant(0), name: String? = nil) throws {
        let label = name ?? "LayerNormLayer"
        let inputShape = try incoming.outputShape
        let normalized = try normalizedAxes(axes ?? Array(1..<Swift.max(inputShape.count, 1)), rank: inputShape.count, layer: label)
        self.axes = normalized
        self.epsilon = epsilon
        guard !normalized.isEmpty else { throw LaminaError.invalidLayer(layer: label, detail: "there are no axes to normalize over") }
        let shape = try knownSizes(inputShape, at: normalized, layer: label, purpose: "layer normalization")
        var made = ParameterBuilder(prefix: name, label: label)
        self.gamma = try gamma.map { try made.add($0, shape: shape, name: "gamma", role: Role.scale, tags: .bias) }
        self.beta = try beta.map { try made.add($0, shape: shape, name: "beta", role: Role.bias, tags: .bias) }
        try super.init(incoming: incoming, name: name)
        registerParameters(made)
    }

    public override func output(for inputs: [Expr], deterministic: Bool) throws -> Expr {
        let x = inputs[0]
        let centered = try x - x.mean(axes: axes, keepDims: true)
        let variance = try centered.square().mean(axes: axes, keepDims: true)
        var y = try centered / (variance + epsilon).sqrt()
        let pattern = broadcastPattern(rank: x.rank, keeping: axes)
        if let gamma { y = try y * gamma.dimshuffle(pattern) }
        if let beta { y = try y + beta.dimshuffle(pattern) }
        return y
    }
}
