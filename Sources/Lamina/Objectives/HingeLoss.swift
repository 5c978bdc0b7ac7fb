import LaminaGraph

/// The binary hinge loss max(0, δ − p·t) per element (Lasagne's
/// `binary_hinge_loss(delta=1, log_odds, binary=True)`).
///
/// - Parameters:
///   - predictions: scores: log-odds when `logOdds` is true (the default);
///     probabilities otherwise, converted to log-odds ln(p / (1 − p)).
///   - targets: labels in {0, 1} when `binary` is true (the default; mapped to
///     {−1, 1} by 2t − 1), or in {−1, 1} when false.
///   - delta: the margin δ (default 1).
public func binaryHingeLoss(_ predictions: Expr, _ targets: Expr, delta: Double = 1,
                            logOdds: Bool = true, binary: Bool = true) throws -> Expr {
    let scores = logOdds ? predictions : try (predictions / (1 - predictions)).log()
    var signs = try targets.cast(to: predictions.dtype)
    if binary { signs = try signs * 2 - 1 }
    return try (delta - scores * signs).rectify()
}

/// The multi-class hinge loss max(0, max_{k≠y} p_k − p_y + δ) per example
/// (Crammer & Singer 2001; Lasagne's `multiclass_hinge_loss(delta=1)`).
///
/// - Parameters:
///   - predictions: scores, (batch, classes); the number of classes must be known.
///   - targets: int32 class indices (batch,) or one-hot rows of the predictions' shape.
///   - delta: the margin δ (default 1).
public func multiclassHingeLoss(_ predictions: Expr, _ targets: Expr, delta: Double = 1) throws -> Expr {
    let oneHot = try oneHotTargets(predictions, targets, function: "multiclassHingeLoss")
    let last = predictions.rank - 1
    let correct = try (predictions * oneHot).sum(axes: [last])
    let others = try Expr.select(oneHot, predictions.literal(-.infinity), predictions).max(axes: [last])
    return try (others - correct + delta).rectify()
}

/// Int32 class indices turned into one-hot rows of `predictions`' dtype; one-hot targets pass through.
func oneHotTargets(_ predictions: Expr, _ targets: Expr, function: String) throws -> Expr {
    guard targets.dtype == .int32 else { return try targets.cast(to: predictions.dtype) }
    guard let classes = predictions.shape.last ?? nil, targets.rank == predictions.rank - 1 else {
        throw LaminaError.invalidArgument(function: function, detail: "int32 targets \(targets.type) need predictions with one more axis of known size, got \(predictions.type)")
    }
    return try targets.oneHot(depth: classes, dtype: predictions.dtype)
}
