import LaminaGraph

/// Adagrad (Duchi et al. 2011; Lasagne's `adagrad(learning_rate=1.0, epsilon=1e-6)`):
/// a ← a + g², θ ← θ − η·g / √(a + ε).
///
/// - Parameters:
///   - epsilonPlacement: ``EpsilonPlacement/insideSquareRoot`` (Lasagne, default) or
///     ``EpsilonPlacement/outsideSquareRoot`` (Keras, PyTorch: η·g / (√a + ε)).
///   - initialAccumulator: a's starting value (0; TensorFlow 1's `AdagradOptimizer` starts at 0.1 with ε = 0).
public func adagrad(_ lossOrGradients: LossOrGradients, params: [Shared], learningRate: Hyperparameter = 1.0,
                    epsilon: Double = 1e-6, epsilonPlacement: EpsilonPlacement = .insideSquareRoot,
                    initialAccumulator: Double = 0) throws -> [(Shared, Expr)] {
    let gradients = try lossOrGradients.gradients(for: params, function: "adagrad")
    var updates: [(Shared, Expr)] = []
    for (p, g) in zip(params, gradients) {
        let accumulator = stateVariable(like: p, "accumulator", value: initialAccumulator)
        let newAccumulator = try accumulator + g.square()
        updates.append((accumulator, newAccumulator))
        updates.append((p, try p - learningRate.expr(like: p) * g / epsilonPlacement.denominator(newAccumulator, epsilon)))
    }
    return updates
}
