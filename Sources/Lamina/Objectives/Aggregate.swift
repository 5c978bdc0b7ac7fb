import LaminaGraph

/// How ``aggregate(_:weights:mode:)`` reduces a loss to a scalar.
public enum AggregationMode: Sendable {
    /// Σ wᵢ·lᵢ / N over all N elements (the plain mean without weights).
    case mean
    /// Σ wᵢ·lᵢ.
    case sum
    /// Σ wᵢ·lᵢ / Σ wᵢ: the mean over the elements a mask keeps.
    case normalizedSum
}

/// The loss reduced to a scalar (Lasagne's `aggregate(loss, weights=None, mode='mean')`).
///
/// - Parameters:
///   - loss: elementwise or per-example losses.
///   - weights: weights (or a 0/1 mask) that broadcast to the loss, such as
///     a (batch, time) mask of padded sequence steps; `nil` for none.
///   - mode: ``AggregationMode/mean`` (default), ``AggregationMode/sum`` or
///     ``AggregationMode/normalizedSum`` (which needs weights).
/// - Throws: ``LaminaError/invalidArgument(function:detail:)`` for a normalized sum without weights.
public func aggregate(_ loss: Expr, weights: Expr? = nil, mode: AggregationMode = .mean) throws -> Expr {
    let weighted = try weights.map { try loss * $0.cast(to: loss.dtype) } ?? loss
    switch mode {
    case .mean: return try weighted.mean()
    case .sum: return try weighted.sum()
    case .normalizedSum:
        guard let weights else {
            throw LaminaError.invalidArgument(function: "aggregate", detail: "a normalized sum divides by the sum of the weights; pass weights (or use .mean)")
        }
        return try weighted.sum() / weights.cast(to: loss.dtype).broadcast(like: loss).sum()
    }
}
