import LaminaGraph
import LaminaTensor

/// A fully connected layer (Lasagne's `DenseLayer`):
/// y = nonlinearity(x·W + b).
///
/// The input's trailing axes after the first `numLeadingAxes` are flattened
/// into one axis of `numInputs` features, so `W` has shape
/// (numInputs, units) and the output has shape
/// inputShape[..<numLeadingAxes] + [units].
///
/// Defaults (Lasagne's): `W = GlorotUniform()`, `b = Constant(0)` (not
/// regularizable; `nil` for no bias), `nonlinearity = .rectify` (`nil` for linear),
/// `numLeadingAxes = 1`.
///
/// ```swift
/// let hidden = try DenseLayer(incoming: input, units: 64, name: "hidden")   // hidden.W (?, 64), hidden.b
/// ```
public final class DenseLayer: Layer, @unchecked Sendable {
    /// The number of output units.
    public let units: Int
    /// The number of leading axes kept (the others are flattened into the features).
    public let numLeadingAxes: Int
    /// The activation (`nil` for linear).
    public let nonlinearity: Nonlinearity?
    /// The weights, (numInputs, units).
    public let W: Expr
    /// The bias, (units,), or `nil`.
    public let b: Expr?

    /// - Parameters:
    ///   - incoming: the layer whose output this layer takes.
    ///   - units: the number of output units.
    ///   - W: the weights' source (default `GlorotUniform()`): an initializer, an array, or an expression.
    ///   - b: the bias's source (default `Constant(0)`), or `nil` for no bias.
    ///   - nonlinearity: the activation (default ``Nonlinearity/rectify``), or `nil` for linear.
    ///   - numLeadingAxes: the number of leading axes kept (negative counts from the end).
    ///   - name: the layer name, the prefix of its parameter names.
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` when `units` is not positive,
    ///   `numLeadingAxes` leaves no feature axis, or a feature axis has unknown size.
    public init(incoming: Layer, units: Int, W: any ParameterSource = GlorotUniform(),
                b: (any ParameterSource)? = Constant(0), nonlinearity: Nonlinearity? = .rectify,
                numLeadingAxes: Int = 1, name: String? = nil) throws {
        self.units = units
        self.nonlinearity = nonlinearity
        let label = name ?? "DenseLayer"
        let shape = try incoming.outputShape
        let leading = numLeadingAxes < 0 ? numLeadingAxes + shape.count : numLeadingAxes
        self.numLeadingAxes = leading
        guard units > 0 else { throw LaminaError.invalidLayer(layer: label, detail: "units must be positive, got \(units)") }
        guard leading >= 0 && leading < shape.count else {
            throw LaminaError.invalidLayer(layer: label, detail: "numLeadingAxes \(numLeadingAxes) leaves no feature axis in the input shape \(formatShapeSpec(shape))")
        }
        let features = shape[leading...]
        guard features.allSatisfy({ $0 != nil }) else {
            throw LaminaError.invalidLayer(layer: label, detail: "needs known sizes on the feature axes \(leading)... of the input shape \(formatShapeSpec(shape))")
        }
        let numInputs = features.reduce(1) { $0 * $1! }
        var made = ParameterBuilder(prefix: name, label: label)
        self.W = try made.add(W, shape: [numInputs, units], name: "W", role: Role.weight)
        self.b = try b.map { try made.add($0, shape: [units], name: "b", role: Role.bias, tags: .bias) }
        try super.init(incoming: incoming, name: name)
        registerParameters(made)
    }

    public override func outputShape(for inputShapes: [[Int?]]) throws -> [Int?] {
        Array(inputShapes[0][..<numLeadingAxes]) + [units]
    }

    public override func output(for inputs: [Expr], deterministic: Bool) throws -> Expr {
        var x = inputs[0]
        if x.rank > numLeadingAxes + 1 { x = try x.flatten(ndim: numLeadingAxes + 1) }
        var activation = try x.dot(W)
        if let b { activation = try activation + b }
        return try nonlinearity?(activation) ?? activation
    }
}
