import LaminaGraph
import LaminaTensor

/// Pooling over all steps of a sequence (Lasagne's `GlobalPoolLayer` over the
/// time axis of (batch, time, features)), optionally masked: steps where the
/// (batch, time) mask is 0 are left out.
///
///     max:   y[b, f] = max over real steps t of x[b, t, f]     (−10³⁰ for a sequence with no real step)
///     mean:  y[b, f] = Σ_t m[b, t]·x[b, t, f] / max(1, Σ_t m[b, t])   (0 for a sequence with no real step)
///
/// Without a mask every step is real. ``PoolMode/averageIncludingPad`` and
/// ``PoolMode/averageExcludingPad`` both mean the masked mean here.
///
/// ```swift
/// let summary = try GlobalPoolLayer(incoming: lstm, mode: .max, mask: mask, name: "pool")   // (batch, units)
/// ```
public final class GlobalPoolLayer: Layer, @unchecked Sendable {
    /// How the steps are combined.
    public let mode: PoolMode
    /// Whether a mask layer is the second incoming layer.
    public let isMasked: Bool

    /// - Parameters:
    ///   - incoming: a layer of shape (batch, time, features).
    ///   - mode: ``PoolMode/max`` (default) or a mean.
    ///   - mask: an optional (batch, time) layer of 1 for real steps and 0 for padding.
    ///   - name: the layer name.
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` for an input that is not
    ///   rank 3 or a mask that is not (batch, time).
    public init(incoming: Layer, mode: PoolMode = .max, mask: Layer? = nil, name: String? = nil) throws {
        self.mode = mode
        isMasked = mask != nil
        try super.init(incomings: [incoming] + (mask.map { [$0] } ?? []), name: name)
        guard inputShapes[0].count == 3 else {
            throw LaminaError.invalidLayer(layer: displayName, detail: "global pooling over time needs (batch, time, features) inputs, got \(formatShapeSpec(inputShapes[0]))")
        }
        if isMasked {
            let m = inputShapes[1], x = inputShapes[0]
            guard m.count == 2, zip(m, x.prefix(2)).allSatisfy({ $0.0 == nil || $0.1 == nil || $0.0 == $0.1 }) else {
                throw LaminaError.invalidLayer(layer: displayName, detail: "the mask must be (batch, time) = \(formatShapeSpec(Array(x.prefix(2)))), got \(formatShapeSpec(m))")
            }
        }
    }

    public override func outputShape(for inputShapes: [[Int?]]) throws -> [Int?] {
        [inputShapes[0][0], inputShapes[0][2]]
    }

    public override func output(for inputs: [Expr], deterministic: Bool) throws -> Expr {
        let x = inputs[0]
        guard isMasked else { return mode == .max ? try x.max(axes: [1]) : try x.mean(axes: [1]) }
        let mask = try inputs[1].cast(to: x.dtype).dimshuffle([0, 1, nil])   // (batch, time, 1)
        if mode == .max {
            // Real steps keep x exactly (x·1 + 0); padded ones become the floor (x·0 − 10³⁰).
            return try (x * mask + (mask - 1) * -poolingFloor).max(axes: [1])
        }
        let counts = try mask.sum(axes: [1]).maximum(x.literal(1))   // (batch, 1)
        return try (x * mask).sum(axes: [1]) / counts
    }
}
