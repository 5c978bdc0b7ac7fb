import LaminaGraph

/// Adamax (Kingma & Ba 2014, section 7; Lasagne's `adamax(learning_rate=2e-3, beta1=0.9, beta2=0.999, epsilon=1e-8)`):
///
///     t ← t + 1
///     m ← β₁·m + (1 − β₁)·g
///     u ← max(β₂·u, |g|)
///     θ ← θ − η/(1 − β₁ᵗ) · m / (u + ε)
///
/// (PyTorch adds ε inside the maximum instead: u ← max(β₂·u, |g| + ε).)
public func adamax(_ lossOrGradients: LossOrGradients, params: [Shared], learningRate: Hyperparameter = 2e-3,
                   beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8) throws -> [(Shared, Expr)] {
    let gradients = try lossOrGradients.gradients(for: params, function: "adamax")
    let previousStep = stepCounter("adamax")
    let t = try previousStep + 1
    var updates: [(Shared, Expr)] = []
    for (p, g) in zip(params, gradients) {
        let m = stateVariable(like: p, "m"), u = stateVariable(like: p, "u")
        let newM = try m * beta1 + g * (1 - beta1)
        let newU = try (u * beta2).maximum(g.abs())
        let correction = try (1 - t.literal(beta1).pow(t)).cast(to: p.dtype)
        updates += [(m, newM), (u, newU)]
        updates.append((p, try p - learningRate.expr(like: p) / correction * newM / (newU + epsilon)))
    }
    updates.append((previousStep, t))
    return updates
}
