import LaminaGraph
import LaminaTensor

/// What an update rule differentiates: a scalar loss (the rule takes
/// `grad(loss, wrt: params)`), or gradients computed beforehand (for example
/// clipped by ``totalNormConstraint(_:maxNorm:epsilon:)``), one per parameter
/// (Lasagne's `loss_or_grads`).
public enum LossOrGradients {
    /// A float scalar to minimize.
    case loss(Expr)
    /// One gradient per parameter, in parameter order.
    case gradients([Expr])

    /// The gradients with respect to `params`.
    /// - Throws: ``LaminaError/invalidArgument(function:detail:)`` for a wrong number of
    ///   gradients or a gradient whose type does not fit its parameter; `grad`'s errors.
    public func gradients(for params: [Shared], function: String = "update") throws -> [Expr] {
        switch self {
        case .loss(let loss):
            return try grad(loss, wrt: params)
        case .gradients(let gradients):
            guard gradients.count == params.count else {
                throw LaminaError.invalidArgument(function: function, detail: "\(gradients.count) gradients were given for \(params.count) parameters")
            }
            for (g, p) in zip(gradients, params) where g.rank != p.rank || g.dtype != p.dtype {
                throw LaminaError.invalidArgument(function: function, detail: "the gradient \(g.type) does not fit parameter \(p.name ?? "?") of type \(p.type)")
            }
            return gradients
        }
    }
}

/// A hyperparameter of an update rule: a number, or an expression (such as
/// a ``Shared`` scalar the training loop changes, for a learning-rate schedule).
public enum Hyperparameter: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, @unchecked Sendable {
    case value(Double)
    case expression(Expr)

    public init(floatLiteral value: Double) { self = .value(value) }
    public init(integerLiteral value: Int) { self = .value(Double(value)) }

    /// The hyperparameter as a scalar expression of `like`'s dtype.
    func expr(like parameter: Expr) throws -> Expr {
        switch self {
        case .value(let v): return parameter.literal(v)
        case .expression(let e): return try e.cast(to: parameter.dtype)
        }
    }
}

/// Where an adaptive rule adds ε to a running average a of squared gradients.
public enum EpsilonPlacement: Sendable {
    /// g / √(a + ε): Lasagne, TensorFlow 1's `RMSPropOptimizer`, the new tf.keras/Keras 3 RMSprop.
    case insideSquareRoot
    /// g / (√a + ε): Keras 1/2, legacy tf.keras, PyTorch, Chainer, Torch7.
    case outsideSquareRoot

    /// √(a + ε) or √a + ε.
    func denominator(_ average: Expr, _ epsilon: Double) throws -> Expr {
        switch self {
        case .insideSquareRoot: return try (average + epsilon).sqrt()
        case .outsideSquareRoot: return try average.sqrt() + epsilon
        }
    }
}

/// A new state variable for `param` (a velocity, an accumulator, ...),
/// filled with `value`, of the parameter's current shape and dtype, named `"param.slot"`.
func stateVariable(like param: Shared, _ slot: String, value: Double = 0) -> Shared {
    Shared(NDArray(repeating: value, shape: param.value.shape, dtype: param.dtype), name: "\(param.name ?? "param").\(slot)", shape: param.shape)
}

/// A new float64 scalar step counter t (starting at 0) shared by all parameters of one rule.
func stepCounter(_ rule: String) -> Shared {
    Shared(NDArray(scalar: 0.0), name: "\(rule).t")
}
