import LaminaGraph

/// Adadelta (Zeiler 2012; Lasagne's `adadelta(learning_rate=1.0, rho=0.95, epsilon=1e-6)`):
///
///     a ← ρ·a + (1 − ρ)·g²
///     Δ = g·√(d + ε) / √(a + ε)
///     θ ← θ − η·Δ
///     d ← ρ·d + (1 − ρ)·Δ²
///
/// with a and d new state variables starting at 0 (Keras and PyTorch use the same form).
public func adadelta(_ lossOrGradients: LossOrGradients, params: [Shared], learningRate: Hyperparameter = 1.0,
                     rho: Double = 0.95, epsilon: Double = 1e-6) throws -> [(Shared, Expr)] {
    let gradients = try lossOrGradients.gradients(for: params, function: "adadelta")
    var updates: [(Shared, Expr)] = []
    for (p, g) in zip(params, gradients) {
        let accumulator = stateVariable(like: p, "accumulator")
        let deltaAccumulator = stateVariable(like: p, "delta_accumulator")
        let newAccumulator = try accumulator * rho + g.square() * (1 - rho)
        let delta = try g * (deltaAccumulator + epsilon).sqrt() / (newAccumulator + epsilon).sqrt()
        updates.append((accumulator, newAccumulator))
        updates.append((p, try p - learningRate.expr(like: p) * delta))
        updates.append((deltaAccumulator, try deltaAccumulator * rho + delta.square() * (1 - rho)))
    }
    return updates
}
