import LaminaGraph
import LaminaTensor

/// A highway layer (Srivastava, Greff & Schmidhuber 2015, "Highway
/// Networks", arXiv:1505.00387): a dense layer whose output is mixed with
/// its input by a learned transform gate,
///
///     H = nonlinearity(x·W_H + b_H)
///     T = σ(x·W_T + b_T)
///     y = T ⊙ H + (1 − T) ⊙ x
///
/// so the input and output have the same width (batch, units). The paper
/// initializes the transform-gate bias b_T negative ("e.g. −1, −3") so that
/// the layer starts close to carrying its input through; the default here is −2.
///
/// Defaults: `W_H = GlorotUniform()`, `b_H = Constant(0)`, `W_T = GlorotUniform()`,
/// `b_T = Constant(-2)`, `nonlinearity = .rectify`. Parameters, in order:
/// `W_H`, `b_H`, `W_T`, `b_T` (the biases not regularizable).
///
/// ```swift
/// let highway = try HighwayLayer(incoming: hidden, name: "highway1")   // highway1.W_H (64, 64), ...
/// ```
public final class HighwayLayer: Layer, @unchecked Sendable {
    /// The activation of the transform H.
    public let nonlinearity: Nonlinearity
    /// The transform's weights (units, units) and bias (units,).
    public let W_H: Expr, b_H: Expr
    /// The transform gate's weights (units, units) and bias (units,).
    public let W_T: Expr, b_T: Expr

    /// - Parameters:
    ///   - incoming: a layer of shape (batch, units) with a known number of units.
    ///   - W_H, b_H: the sources of the transform's weights and bias.
    ///   - W_T, b_T: the sources of the transform gate's weights and bias (b_T negative by default).
    ///   - nonlinearity: the activation of the transform (default ``Nonlinearity/rectify``).
    ///   - name: the layer name, the prefix of its parameter names.
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` for an input that is not
    ///   (batch, units) with a known size, or a source that does not fit.
    public init(incoming: Layer, W_H: any ParameterSource = GlorotUniform(), b_H: any ParameterSource = Constant(0),
                W_T: any ParameterSource = GlorotUniform(), b_T: any ParameterSource = Constant(-2),
                nonlinearity: Nonlinearity = .rectify, name: String? = nil) throws {
        self.nonlinearity = nonlinearity
        let label = name ?? "HighwayLayer"
        let shape = try incoming.outputShape
        guard shape.count == 2, let units = shape[1] else {
            throw LaminaError.invalidLayer(layer: label, detail: "a highway layer needs (batch, units) inputs with known units, got \(formatShapeSpec(shape))")
        }
        var made = ParameterBuilder(prefix: name, label: label)
        self.W_H = try made.add(W_H, shape: [units, units], name: "W_H", role: Role.weight)
        self.b_H = try made.add(b_H, shape: [units], name: "b_H", role: Role.bias, tags: .bias)
        self.W_T = try made.add(W_T, shape: [units, units], name: "W_T", role: Role.weight)
        self.b_T = try made.add(b_T, shape: [units], name: "b_T", role: Role.bias, tags: .bias)
        try super.init(incoming: incoming, name: name)
        registerParameters(made)
    }

    public override func output(for inputs: [Expr], deterministic: Bool) throws -> Expr {
        let x = inputs[0]
        let transform = try nonlinearity(x.dot(W_H) + b_H)
        let gate = try (x.dot(W_T) + b_T).sigmoid()
        return try gate * transform + (1 - gate) * x
    }
}
