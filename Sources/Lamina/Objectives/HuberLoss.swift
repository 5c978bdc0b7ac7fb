import LaminaGraph

/// The Huber loss per element (Huber 1964; Lasagne's `huber_loss(delta=1)`):
/// ½·d² where |d| ≤ δ, and δ·(|d| − δ/2) elsewhere, with d = t − p. Quadratic
/// near zero, linear in the tails, with a continuous derivative.
public func huberLoss(_ predictions: Expr, _ targets: Expr, delta: Double = 1) throws -> Expr {
    let difference = try (targets - predictions).abs()
    let quadratic = try difference.square() * 0.5
    let linear = try (difference - delta / 2) * delta
    return try Expr.select(difference.isLessOrEqual(to: difference.literal(delta)), quadratic, linear)
}
