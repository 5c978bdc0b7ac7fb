import LaminaGraph

/// `tensor` rescaled so that its norm over `normAxes` is at most `maxNorm`
/// (Srebro & Shraibman 2005; Lasagne's `norm_constraint(max_norm, norm_axes=None, epsilon=1e-7)`):
/// x · clip(‖x‖, 0, c) / (ε + ‖x‖), with the norms taken over `normAxes`.
///
/// Usually applied to an update: `updates[k].1 = try normConstraint(updates[k].1, maxNorm: 3)`.
/// - Parameter normAxes: the axes to sum over; by default [0] for a 2-D dense
///   weight (the norm of each output unit's incoming weights) and all but
///   axis 0 for 3- to 5-D convolution weights.
/// - Throws: ``LaminaError/invalidArgument(function:detail:)`` for another rank without `normAxes`.
public func normConstraint(_ tensor: Expr, maxNorm: Double, normAxes: [Int]? = nil, epsilon: Double = 1e-7) throws -> Expr {
    let axes: [Int]
    if let normAxes { axes = normAxes }
    else if tensor.rank == 2 { axes = [0] }
    else if (3...5).contains(tensor.rank) { axes = Array(1..<tensor.rank) }
    else {
        throw LaminaError.invalidArgument(function: "normConstraint", detail: "no default norm axes for a tensor of rank \(tensor.rank) (\(tensor.type)); pass normAxes")
    }
    let norms = try tensor.square().sum(axes: axes, keepDims: true).sqrt()
    let target = try norms.clip(0, maxNorm)
    return try tensor * (target / (norms + epsilon))
}

/// The total norm √(Σ‖xᵢ‖²) of `tensors` (each ‖xᵢ‖² in its own dtype, cast to the first's,
/// summed in order from the first), the norm ``totalNormConstraint(_:maxNorm:epsilon:)`` clips by.
/// - Throws: ``LaminaError/invalidArgument(function:detail:)`` when there are no tensors.
public func totalNorm(_ tensors: [Expr]) throws -> Expr {
    guard let first = tensors.first else {
        throw LaminaError.invalidArgument(function: "totalNorm", detail: "there are no tensors to take the norm of")
    }
    let squares = try tensors.map { try $0.square().sum().cast(to: first.dtype) }
    return try squares.dropFirst().reduce(squares[0]) { try $0 + $1 }.sqrt()
}

/// The tensors (usually gradients) rescaled together so that their total
/// norm √(Σ‖xᵢ‖²) is at most `maxNorm` (Pascanu et al. 2013; Lasagne's
/// `total_norm_constraint(max_norm, epsilon=1e-7, return_norm)`): each xᵢ is
/// multiplied by clip(N, 0, c) / (ε + N). Pass the result to an update rule
/// as `.gradients(...)`.
/// - Returns: the rescaled tensors and the total norm N before rescaling.
public func totalNormConstraint(_ tensors: [Expr], maxNorm: Double, epsilon: Double = 1e-7) throws -> (tensors: [Expr], norm: Expr) {
    guard !tensors.isEmpty else {
        throw LaminaError.invalidArgument(function: "totalNormConstraint", detail: "there are no tensors to rescale")
    }
    let norm = try totalNorm(tensors)
    let multiplier = try norm.clip(0, maxNorm) / (norm + epsilon)
    return (try tensors.map { try $0 * multiplier.cast(to: $0.dtype) }, norm)
}
