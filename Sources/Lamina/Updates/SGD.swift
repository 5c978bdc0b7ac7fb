import LaminaGraph

/// Stochastic gradient descent (Lasagne's `sgd`): θ ← θ − η·g.
///
/// - Parameters:
///   - lossOrGradients: the loss to minimize, or one gradient per parameter.
///   - params: the shared variables to update (usually `allParams(of: net, tags: [.trainable])`).
///   - learningRate: η.
/// - Returns: one (parameter, new value) pair per parameter, for `function(updates:)`.
public func sgd(_ lossOrGradients: LossOrGradients, params: [Shared], learningRate: Hyperparameter) throws -> [(Shared, Expr)] {
    let gradients = try lossOrGradients.gradients(for: params, function: "sgd")
    return try zip(params, gradients).map { p, g in (p, try p - g * learningRate.expr(like: p)) }
}
