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
    public private(set) var W: Expr!
    /// The bias, (units,), or `nil`.
    public private(set) var b: Expr?

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
        let inputRank = try incoming.outputShape.count
        self.numLeadingAxes = numLeadingAxes < 0 ? numLeadingAxes + inputRank : numLeadingAxes
        try super.init(incoming: incoming, name: name)
        guard units > 0 else { throw LaminaError.invalidLayer(layer: displayName, detail: "units must be positive, got \(units)") }
        guard self.numLeadingAxes >= 0 && self.numLeadingAxes < inputRank else {
            throw LaminaError.invalidLayer(layer: displayName, detail: "numLeadingAxes \(numLeadingAxes) leaves no feature axis in the input shape \(formatShapeSpec(inputShape))")
        }
        let features = inputShape[self.numLeadingAxes...]
        guard features.allSatisfy({ $0 != nil }) else {
            throw LaminaError.invalidLayer(layer: displayName, detail: "needs known sizes on the feature axes \(self.numLeadingAxes)... of the input shape \(formatShapeSpec(inputShape))")
        }
        let numInputs = features.reduce(1) { $0 * $1! }
        self.W = try addParam(W, shape: [numInputs, units], name: "W", role: Role.weight)
        self.b = try b.map { try addParam($0, shape: [units], name: "b", role: Role.bias, tags: .bias) }
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
