import LaminaGraph

/// Multiplies by learned scales, shared over some axes (Lasagne's
/// `ScaleLayer(scales=Constant(1), shared_axes='auto')`): y = x ⊙ s, with s
/// broadcast over `sharedAxes` (by default every axis but axis 1). The
/// scales are trainable, not regularizable.
public final class ScaleLayer: SharedAxesLayer, @unchecked Sendable {
    /// The scales.
    public let scales: Expr

    /// - Parameters:
    ///   - incoming: the layer whose output this layer takes.
    ///   - scales: the scales' source (default `Constant(1)`).
    ///   - sharedAxes: the axes the scales are broadcast over (default: all but axis 1).
    ///   - name: the layer name.
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` when a unit axis has unknown size.
    public init(incoming: Layer, scales: any ParameterSource = Constant(1), sharedAxes: SharedAxes = .auto, name: String? = nil) throws {
        let label = name ?? "ScaleLayer"
        var made = ParameterBuilder(prefix: name, label: label)
        let shape = try SharedAxesLayer.unitShape(of: incoming, sharedAxes: sharedAxes, layer: label, purpose: "the scales")
        self.scales = try made.add(scales, shape: shape, name: "scales", role: Role.scale, tags: .bias)
        try super.init(incoming: incoming, sharedAxes: sharedAxes, name: name)
        registerParameters(made)
    }

    public override func output(for inputs: [Expr], deterministic: Bool) throws -> Expr {
        try inputs[0] * broadcast(scales, rank: inputs[0].rank)
    }
}
