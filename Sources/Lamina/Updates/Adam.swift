import LaminaGraph

/// How Adam-style rules combine bias correction and ε.
public enum AdamEpsilon: Sendable {
    /// The "ε-hat" form of Kingma & Ba's section 2 (Lasagne, Keras, TensorFlow):
    /// ηₜ = η·√(1 − β₂ᵗ)/(1 − β₁ᵗ), θ ← θ − ηₜ·m / (√v + ε).
    case epsilonHat
    /// Bias-corrected moments (PyTorch, Chainer, Kingma & Ba's Algorithm 1):
    /// θ ← θ − η·m̂ / (√v̂ + ε), m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ).
    case biasCorrected

    /// The step for moments m and v (v already maximized for AMSGrad) at step t (float64 scalar).
    func step(m: Expr, v: Expr, t: Expr, learningRate: Expr, beta1: Double, beta2: Double, epsilon: Double) throws -> Expr {
        let correction1 = try (1 - t.literal(beta1).pow(t)).cast(to: m.dtype)
        let correction2 = try (1 - t.literal(beta2).pow(t)).cast(to: m.dtype)
        switch self {
        case .epsilonHat:
            return try learningRate * correction2.sqrt() / correction1 * m / (v.sqrt() + epsilon)
        case .biasCorrected:
            return try learningRate * (m / correction1) / ((v / correction2).sqrt() + epsilon)
        }
    }
}

/// Adam (Kingma & Ba 2014; Lasagne's `adam(learning_rate=1e-3, beta1=0.9, beta2=0.999, epsilon=1e-8)`):
///
///     t ← t + 1
///     m ← β₁·m + (1 − β₁)·g
///     v ← β₂·v + (1 − β₂)·g²
///     θ ← θ − η·√(1 − β₂ᵗ)/(1 − β₁ᵗ) · m / (√v + ε)        (ε-hat form)
///
/// The first step moves every parameter by about η·sign(g). `epsilon: .biasCorrected`
/// gives PyTorch's form (see ``AdamEpsilon``). Keras ≥ 2.1.3 and tf.keras use ε = 1e-7.
/// One step counter t is shared by all parameters; m and v are new state variables.
public func adam(_ lossOrGradients: LossOrGradients, params: [Shared], learningRate: Hyperparameter = 1e-3,
                 beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
                 epsilonForm: AdamEpsilon = .epsilonHat) throws -> [(Shared, Expr)] {
    try adamFamily("adam", lossOrGradients, params: params, learningRate: learningRate, beta1: beta1, beta2: beta2,
                   epsilon: epsilon, epsilonForm: epsilonForm, keepMaximum: false)
}

/// AMSGrad (Reddi et al. 2018; Lasagne's `amsgrad(learning_rate=1e-3, beta1=0.9, beta2=0.999, epsilon=1e-8)`):
/// Adam with v̄ ← max(v̄, v) in place of v in the step, so the effective step size never grows.
public func amsgrad(_ lossOrGradients: LossOrGradients, params: [Shared], learningRate: Hyperparameter = 1e-3,
                    beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
                    epsilonForm: AdamEpsilon = .epsilonHat) throws -> [(Shared, Expr)] {
    try adamFamily("amsgrad", lossOrGradients, params: params, learningRate: learningRate, beta1: beta1, beta2: beta2,
                   epsilon: epsilon, epsilonForm: epsilonForm, keepMaximum: true)
}

private func adamFamily(_ rule: String, _ lossOrGradients: LossOrGradients, params: [Shared], learningRate: Hyperparameter,
                        beta1: Double, beta2: Double, epsilon: Double, epsilonForm: AdamEpsilon,
                        keepMaximum: Bool) throws -> [(Shared, Expr)] {
    let gradients = try lossOrGradients.gradients(for: params, function: rule)
    let previousStep = stepCounter(rule)
    let t = try previousStep + 1
    var updates: [(Shared, Expr)] = []
    for (p, g) in zip(params, gradients) {
        let m = stateVariable(like: p, "m"), v = stateVariable(like: p, "v")
        let newM = try m * beta1 + g * (1 - beta1)
        let newV = try v * beta2 + g.square() * (1 - beta2)
        updates += [(m, newM), (v, newV)]
        var denominatorV = newV
        if keepMaximum {
            let vMax = stateVariable(like: p, "v_max")
            denominatorV = try vMax.maximum(newV)
            updates.append((vMax, denominatorV))
        }
        let step = try epsilonForm.step(m: newM, v: denominatorV, t: t, learningRate: learningRate.expr(like: p),
                                        beta1: beta1, beta2: beta2, epsilon: epsilon)
        updates.append((p, try p - step))
    }
    updates.append((previousStep, t))
    return updates
}
