import LaminaGraph

/// The elementwise squared error (p − t)² (Lasagne's `squared_error`).
public func squaredError(_ predictions: Expr, _ targets: Expr) throws -> Expr {
    try (predictions - targets).square()
}
