import LaminaGraph

/// RMSprop (Tieleman & Hinton 2012; Lasagne's `rmsprop(learning_rate=1.0, rho=0.9, epsilon=1e-6)`):
/// a ← ρ·a + (1 − ρ)·g², θ ← θ − η·g / √(a + ε).
///
/// Libraries differ in where ε goes and where a starts; the options
/// reproduce each exactly (read from the optimizer files of the sources that
/// `lamina profiles --sources` lists, such as K2a, PT and TF1):
/// - Lasagne: defaults (η = 1, ρ = 0.9, ε = 1e-6 inside √, a₀ = 0).
/// - Keras 1/2, PyTorch (η = 1e-2, ρ = 0.99), Chainer: `epsilonPlacement: .outsideSquareRoot`.
/// - TensorFlow 1 `RMSPropOptimizer`: ε = 1e-10 inside √, `initialAccumulator: 1`.
///
/// - Parameters:
///   - rho: ρ, the decay of the running average.
///   - epsilonPlacement: √(a + ε) (default) or √a + ε.
///   - initialAccumulator: a's starting value.
public func rmsprop(_ lossOrGradients: LossOrGradients, params: [Shared], learningRate: Hyperparameter = 1.0,
                    rho: Double = 0.9, epsilon: Double = 1e-6, epsilonPlacement: EpsilonPlacement = .insideSquareRoot,
                    initialAccumulator: Double = 0) throws -> [(Shared, Expr)] {
    let gradients = try lossOrGradients.gradients(for: params, function: "rmsprop")
    var updates: [(Shared, Expr)] = []
    for (p, g) in zip(params, gradients) {
        let accumulator = stateVariable(like: p, "accumulator", value: initialAccumulator)
        let newAccumulator = try accumulator * rho + g.square() * (1 - rho)
        updates.append((accumulator, newAccumulator))
        updates.append((p, try p - learningRate.expr(like: p) * g / epsilonPlacement.denominator(newAccumulator, epsilon)))
    }
    return updates
}
