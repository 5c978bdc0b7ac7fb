import LaminaGraph

/// An elementwise (or row-wise, for softmax) activation function on
/// expressions (Lasagne's `lasagne.nonlinearities`). Layers take one as
/// their `nonlinearity` argument; it is also callable directly:
///
/// ```swift
/// let h = try Nonlinearity.rectify(x)
/// let swish = Nonlinearity("swish") { x in try x * x.sigmoid() }
/// ```
public struct Nonlinearity: Sendable, CustomStringConvertible {
    /// A name for printing.
    public let name: String
    /// The function.
    public let function: @Sendable (Expr) throws -> Expr

    /// A nonlinearity named `name` computing `function`.
    public init(_ name: String, _ function: @escaping @Sendable (Expr) throws -> Expr) {
        self.name = name
        self.function = function
    }

    /// Applies the function.
    public func callAsFunction(_ x: Expr) throws -> Expr { try function(x) }

    public var description: String { name }

    /// σ(x) = 1 / (1 + e^−x)
    public static let sigmoid = Nonlinearity("sigmoid") { try $0.sigmoid() }

    /// clip(0.2·x + 0.5, 0, 1): Theano's and Keras 1/2's hard sigmoid.
    public static let hardSigmoid = Nonlinearity.hardSigmoid(slope: 0.2)

    /// clip(x/6 + 0.5, 0, 1) = relu6(x + 3)/6: Keras 3's hard sigmoid.
    public static let hardSigmoidKeras3 = Nonlinearity.hardSigmoid(slope: 1.0 / 6)

    /// clip(slope·x + 0.5, 0, 1).
    public static func hardSigmoid(slope: Double) -> Nonlinearity {
        Nonlinearity("hard_sigmoid(\(slope))") { try $0.hardSigmoid(slope: slope) }
    }

    /// tanh x
    public static let tanh = Nonlinearity("tanh") { try $0.tanh() }

    /// scaleOut · tanh(scaleIn · x) (Lasagne's `ScaledTanH(scale_in=1, scale_out=1)`;
    /// LeCun et al. 1998 recommend scaleIn = 2/3, scaleOut = 1.7159).
    public static func scaledTanh(scaleIn: Double = 1, scaleOut: Double = 1) -> Nonlinearity {
        Nonlinearity("scaled_tanh(\(scaleIn), \(scaleOut))") { x in try (x * scaleIn).tanh() * scaleOut }
    }

    /// max(x, 0): Lasagne's default for dense and recurrent layers.
    public static let rectify = Nonlinearity("rectify") { try $0.rectify() }

    /// x for x > 0, leakiness·x otherwise (Lasagne's `LeakyRectify(leakiness=0.01)`).
    public static func leakyRectify(leakiness: Double = 0.01) -> Nonlinearity {
        Nonlinearity("leaky_rectify(\(leakiness))") { x in
            try Expr.select(x.isGreater(than: x.literal(0)), x, x * leakiness)
        }
    }

    /// ``leakyRectify(leakiness:)`` with leakiness 1/3 (Lasagne's `very_leaky_rectify`).
    public static let veryLeakyRectify = Nonlinearity.leakyRectify(leakiness: 1.0 / 3)

    /// ELU (Clevert et al. 2015): x for x > 0, α·(eˣ − 1) otherwise, with α = 1
    /// (Lasagne's `elu`). Computed as max(x, 0) + α·expm1(min(x, 0)), which
    /// never evaluates eˣ for large x.
    public static let elu = Nonlinearity.elu(alpha: 1)

    /// ELU with a given α.
    public static func elu(alpha: Double) -> Nonlinearity {
        Nonlinearity("elu(\(alpha))") { x in try x.rectify() + x.minimum(x.literal(0)).expm1() * alpha }
    }

    /// SELU (Klambauer et al. 2017): λ·ELU_α(x) with λ = 1.0507009873554805
    /// and α = 1.6732632423543772 (Lasagne's `selu`).
    public static let selu = Nonlinearity.selu(scale: 1.0507009873554805, alpha: 1.6732632423543772)

    /// λ·ELU_α(x) with the given λ (`scale`) and α.
    public static func selu(scale: Double, alpha: Double) -> Nonlinearity {
        let elu = Nonlinearity.elu(alpha: alpha)
        return Nonlinearity("selu(\(scale), \(alpha))") { x in try elu(x) * scale }
    }

    /// ln(1 + eˣ), computed stably.
    public static let softplus = Nonlinearity("softplus") { try $0.softplus() }

    /// e^xᵢ / Σⱼ e^xⱼ over the last axis (Lasagne's `softmax`, for (batch, classes) inputs).
    public static let softmax = Nonlinearity("softmax") { try $0.softmax() }

    /// The identity, x (Lasagne's `linear`, alias `identity`).
    public static let linear = Nonlinearity("linear") { $0 }
}
