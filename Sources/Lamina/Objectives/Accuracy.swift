import LaminaGraph

/// 1 where (p ≥ threshold) equals the target, else 0, per element, in the
/// predictions' dtype (Lasagne's `binary_accuracy(threshold=0.5)`). Targets are 0 or 1.
public func binaryAccuracy(_ predictions: Expr, _ targets: Expr, threshold: Double = 0.5) throws -> Expr {
    let predicted = try predictions.isGreaterOrEqual(to: predictions.literal(threshold)).cast(to: predictions.dtype)
    return try predicted.isEqual(to: targets.cast(to: predictions.dtype)).cast(to: predictions.dtype)
}

/// 1 where the target class is among the `topK` highest scores, else 0, per
/// example, in the predictions' dtype (Lasagne's `categorical_accuracy(top_k=1)`).
///
/// - Parameters:
///   - predictions: scores, (batch, classes).
///   - targets: int32 class indices (batch,), or one-hot (or probability) rows,
///     whose argmax is the target.
///   - topK: with 1, the argmax of the scores (the first on ties) must be the
///     target; with k > 1, fewer than k classes may score strictly higher than it.
public func categoricalAccuracy(_ predictions: Expr, _ targets: Expr, topK: Int = 1) throws -> Expr {
    guard topK >= 1 else { throw LaminaError.invalidArgument(function: "categoricalAccuracy", detail: "topK must be at least 1, got \(topK)") }
    let last = predictions.rank - 1
    let labels = targets.rank == predictions.rank ? try targets.argmax(axis: last) : targets
    if topK == 1 {
        return try predictions.argmax(axis: last).isEqual(to: labels.cast(to: .int32)).cast(to: predictions.dtype)
    }
    let oneHot = try oneHotTargets(predictions, labels.cast(to: .int32), function: "categoricalAccuracy")
    let targetScore = try (predictions * oneHot).sum(axes: [last], keepDims: true)
    let higher = try predictions.isGreater(than: targetScore).cast(to: predictions.dtype).sum(axes: [last])
    return try higher.isLess(than: higher.literal(Double(topK))).cast(to: predictions.dtype)
}
