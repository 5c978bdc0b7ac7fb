import LaminaGraph

/// Adds a learned bias, shared over some axes (Lasagne's
/// `BiasLayer(b=Constant(0), shared_axes='auto')`): y = x + b, with b
/// broadcast over `sharedAxes` (by default every axis but axis 1, so one
/// bias per feature or channel). `b` is trainable, not regularizable; its
/// shape is the input's sizes on the other axes, which must be known.
public final class BiasLayer: SharedAxesLayer, @unchecked Sendable {
    /// The bias.
    public let b: Expr

    /// - Parameters:
    ///   - incoming: the layer whose output this layer takes.
    ///   - b: the bias's source (default `Constant(0)`).
    ///   - sharedAxes: the axes the bias is broadcast over (default: all but axis 1).
    ///   - name: the layer name.
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` when a unit axis has unknown size.
    public init(incoming: Layer, b: any ParameterSource = Constant(0), sharedAxes: SharedAxes = .auto, name: String? = nil) throws {
        let label = name ?? "BiasLayer"
        var made = ParameterBuilder(prefix: name, label: label)
        let shape = try SharedAxesLayer.unitShape(of: incoming, sharedAxes: sharedAxes, layer: label, purpose: "the bias")
        self.b = try made.add(b, shape: shape, name: "b", role: Role.bias, tags: .bias)
        try super.init(incoming: incoming, sharedAxes: sharedAxes, name: name)
        registerParameters(made)
    }

    public override func output(for inputs: [Expr], deterministic: Bool) throws -> Expr {
        try inputs[0] + broadcast(b, rank: inputs[0].rank)
    }
}
