import LaminaGraph

/// Adds classical momentum to any update rule (Lasagne's `apply_momentum`):
/// with the rule's proposed value θ′ and a velocity v (a new state variable, starting at 0),
/// x = μ·v + θ′, then v ← x − θ and θ ← x.
///
/// - Parameters:
///   - updates: the rule's updates; their order is kept and the velocities are appended.
///   - params: the parameters to give momentum (by default every updated variable).
///   - momentum: μ (default 0.9).
public func applyMomentum(_ updates: [(Shared, Expr)], params: [Shared]? = nil, momentum: Hyperparameter = 0.9) throws -> [(Shared, Expr)] {
    try applyVelocity(updates, params: params) { param, proposed, velocity in
        let x = try momentum.expr(like: param) * velocity + proposed
        return (newParam: x, newVelocity: try x - param)
    }
}

/// SGD with classical momentum (Lasagne's `momentum(learning_rate, momentum=0.9)`):
/// v ← μ·v − η·g, θ ← θ + v.
public func momentum(_ lossOrGradients: LossOrGradients, params: [Shared], learningRate: Hyperparameter,
                     momentum: Hyperparameter = 0.9) throws -> [(Shared, Expr)] {
    try applyMomentum(sgd(lossOrGradients, params: params, learningRate: learningRate), momentum: momentum)
}

/// Adds Nesterov momentum to any update rule (Lasagne's `apply_nesterov_momentum`,
/// in the form of Sutskever 2013 rewritten for the current parameters):
/// with the rule's proposed value θ′, x = μ·v + θ′ − θ, then v ← x and θ ← μ·x + θ′.
public func applyNesterovMomentum(_ updates: [(Shared, Expr)], params: [Shared]? = nil, momentum: Hyperparameter = 0.9) throws -> [(Shared, Expr)] {
    try applyVelocity(updates, params: params) { param, proposed, velocity in
        let mu = try momentum.expr(like: param)
        let x = try mu * velocity + proposed - param
        return (newParam: try mu * x + proposed, newVelocity: x)
    }
}

/// SGD with Nesterov momentum (Lasagne's `nesterov_momentum(learning_rate, momentum=0.9)`):
/// v ← μ·v − η·g, θ ← θ + μ·v − η·g.
public func nesterovMomentum(_ lossOrGradients: LossOrGradients, params: [Shared], learningRate: Hyperparameter,
                             momentum: Hyperparameter = 0.9) throws -> [(Shared, Expr)] {
    try applyNesterovMomentum(sgd(lossOrGradients, params: params, learningRate: learningRate), momentum: momentum)
}

/// Replaces each selected parameter's update using a new velocity variable, and appends the velocities' updates.
private func applyVelocity(_ updates: [(Shared, Expr)], params: [Shared]?,
                           _ step: (Shared, Expr, Shared) throws -> (newParam: Expr, newVelocity: Expr)) throws -> [(Shared, Expr)] {
    let selected = Set((params ?? updates.map(\.0)).map(ObjectIdentifier.init))
    var result = updates
    var velocities: [(Shared, Expr)] = []
    for (k, (param, proposed)) in updates.enumerated() where selected.contains(ObjectIdentifier(param)) {
        let velocity = stateVariable(like: param, "velocity")
        let (newParam, newVelocity) = try step(param, proposed, velocity)
        result[k] = (param, newParam)
        velocities.append((velocity, newVelocity))
    }
    return result + velocities
}
