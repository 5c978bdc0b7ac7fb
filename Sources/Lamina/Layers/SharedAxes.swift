import LaminaGraph

/// The axes over which a per-unit parameter (a bias, a scale, batch
/// normalization's statistics) is shared, that is broadcast.
public enum SharedAxes: Sendable, Hashable {
    /// Every axis except axis 1, the channel or feature axis (Lasagne's `'auto'`):
    /// one value per feature for (batch, features) inputs, per channel for (batch, channels, ...).
    case auto
    /// The given axes (negative counts from the end).
    case axes([Int])

    /// The shared axes for an input of `rank`, normalized and sorted.
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` for an axis out of range.
    public func resolved(rank: Int, layer: String) throws -> [Int] {
        switch self {
        case .auto: return [0] + Array(2..<Swift.max(rank, 2))
        case .axes(let axes): return try normalizedAxes(axes, rank: rank, layer: layer)
        }
    }
}

/// Axes normalized (negative counts from the end), checked and sorted.
func normalizedAxes(_ axes: [Int], rank: Int, layer: String) throws -> [Int] {
    let normalized = axes.map { $0 < 0 ? $0 + rank : $0 }
    guard normalized.allSatisfy({ $0 >= 0 && $0 < rank }), Set(normalized).count == normalized.count else {
        throw LaminaError.invalidLayer(layer: layer, detail: "axes \(axes) are out of range or repeated for an input of rank \(rank)")
    }
    return normalized.sorted()
}

/// The dimshuffle pattern that lays a parameter's axes on the `kept` axes of
/// a rank-`rank` input and inserts broadcastable axes everywhere else.
func broadcastPattern(rank: Int, keeping kept: [Int]) -> [Int?] {
    var next = 0
    return (0..<rank).map { axis in
        guard kept.contains(axis) else { return nil }
        defer { next += 1 }
        return next
    }
}

/// The sizes of `shape` at `axes`, which must be known.
func knownSizes(_ shape: [Int?], at axes: [Int], layer: String, purpose: String) throws -> [Int] {
    try axes.map { axis in
        guard let size = shape[axis] else {
            throw LaminaError.invalidLayer(layer: layer, detail: "\(purpose) needs a known size on axis \(axis) of the input shape \(formatShapeSpec(shape))")
        }
        return size
    }
}

/// `x` with each of `axes` reduced to its first element and kept as a
/// broadcastable size-1 axis (an expression of the right shape for a mask
/// shared over those axes, or a padding slab).
func firstElements(of x: Expr, along axes: [Int]) throws -> Expr {
    if axes.isEmpty { return x }
    let picked = try x.subtensor((0..<x.rank).map { axes.contains($0) ? .index(0) : .all })
    return try picked.dimshuffle(broadcastPattern(rank: x.rank, keeping: (0..<x.rank).filter { !axes.contains($0) }))
}
