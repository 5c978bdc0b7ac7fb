import LaminaGraph

/// Applies a nonlinearity to its input (Lasagne's `NonlinearityLayer`,
/// default `rectify`). The shape is unchanged.
public final class NonlinearityLayer: Layer, @unchecked Sendable {
    /// The activation.
    public let nonlinearity: Nonlinearity

    /// - Parameters:
    ///   - incoming: the layer whose output this layer takes.
    ///   - nonlinearity: the activation (default ``Nonlinearity/rectify``).
    ///   - name: the layer name.
    public init(incoming: Layer, nonlinearity: Nonlinearity = .rectify, name: String? = nil) throws {
        self.nonlinearity = nonlinearity
        try super.init(incoming: incoming, name: name)
    }

    public override func output(for inputs: [Expr], deterministic: Bool) throws -> Expr {
        try nonlinearity(inputs[0])
    }
}
