import LaminaGraph

/// Categorical cross-entropy per example, −Σₖ tₖ·ln pₖ over the last axis
/// (Lasagne's `categorical_crossentropy`).
///
/// - Parameters:
///   - predictions: probabilities (for example a softmax output), (batch, classes).
///   - targets: int32 class indices (batch,) or target probabilities of the
///     predictions' shape (one-hot or soft).
/// - Returns: one loss per example; reduce with ``aggregate(_:weights:mode:)``.
///   When `predictions` is `softmax(x)`, compiling rewrites ln softmax(x) to
///   the stable log_softmax(x).
public func categoricalCrossEntropy(_ predictions: Expr, _ targets: Expr) throws -> Expr {
    try predictions.categoricalCrossEntropy(targets)
}

/// Binary cross-entropy per element, −(t·ln p + (1 − t)·ln(1 − p)) (Lasagne's
/// `binary_crossentropy`), for predicted probabilities `p` and targets `t` in
/// [0, 1]. When `p` is `sigmoid(x)`, compiling rewrites it to stable softplus forms.
public func binaryCrossEntropy(_ predictions: Expr, _ targets: Expr) throws -> Expr {
    try predictions.binaryCrossEntropy(targets)
}
