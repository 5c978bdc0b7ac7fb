import LaminaGraph
import LaminaTensor

/// Pooling along time (Lasagne's `Pool1DLayer` with `ignore_border=True`,
/// applied to the time axis of Lamina's (batch, time, features) sequences).
///
/// With window k (`poolSize`), stride s and padding p (steps added at both
/// ends), a sequence of T steps gives L = ⌊(T + 2p − k) / s⌋ + 1 steps; step i
/// combines padded steps i·s … i·s + k − 1 by ``PoolMode``:
///
///     max:                  y[b, i, f] = max_j x̃[b, i·s + j, f]      (padding is −∞)
///     averageIncludingPad:  y[b, i, f] = Σ_j x̃[b, i·s + j, f] / k     (padding is 0)
///     averageExcludingPad:  y[b, i, f] = Σ_j x̃[b, i·s + j, f] / (number of real steps in the window)
///
/// The time axis must have a known size. (A mask does not pool along: pool
/// whole sequences with ``GlobalPoolLayer``, which takes one.)
///
/// ```swift
/// let pooled = try Pool1DLayer(incoming: sequence, poolSize: 2, name: "pool")   // (batch, T/2, features)
/// ```
public final class Pool1DLayer: Layer, @unchecked Sendable {
    /// The window length k.
    public let poolSize: Int
    /// The step s between windows (by default the window length).
    public let stride: Int
    /// The number of steps p padded at each end.
    public let pad: Int
    /// How a window's values are combined.
    public let mode: PoolMode

    /// - Parameters:
    ///   - incoming: a layer of shape (batch, time, features) with a known number of steps.
    ///   - poolSize: the window length k ≥ 1.
    ///   - stride: the step between windows (≥ 1; default `poolSize`).
    ///   - pad: steps added at each end (0 ≤ p < k).
    ///   - mode: ``PoolMode/max`` (default) or an average.
    ///   - name: the layer name.
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` for an input of another rank or
    ///   unknown length, or sizes that leave no window.
    public init(incoming: Layer, poolSize: Int, stride: Int? = nil, pad: Int = 0, mode: PoolMode = .max, name: String? = nil) throws {
        (self.poolSize, self.stride, self.pad, self.mode) = (poolSize, stride ?? poolSize, pad, mode)
        try super.init(incoming: incoming, name: name)
        guard inputShape.count == 3, let steps = inputShape[1] else {
            throw LaminaError.invalidLayer(layer: displayName, detail: "pooling along time needs (batch, time, features) inputs with a known number of steps, got \(formatShapeSpec(inputShape))")
        }
        guard poolSize >= 1, self.stride >= 1, pad >= 0, pad < poolSize else {
            throw LaminaError.invalidLayer(layer: displayName, detail: "needs poolSize ≥ 1, stride ≥ 1 and 0 ≤ pad < poolSize, got poolSize \(poolSize), stride \(self.stride), pad \(pad)")
        }
        guard steps + 2 * pad >= poolSize else {
            throw LaminaError.invalidLayer(layer: displayName, detail: "a window of \(poolSize) steps does not fit \(steps) steps padded by \(pad) at each end")
        }
    }

    /// The number of output steps for `steps` input steps: ⌊(T + 2p − k) / s⌋ + 1.
    public func outputLength(steps: Int) -> Int { (steps + 2 * pad - poolSize) / stride + 1 }

    public override func outputShape(for inputShapes: [[Int?]]) throws -> [Int?] {
        let shape = inputShapes[0]
        return [shape[0], shape[1].map(outputLength), shape[2]]
    }

    public override func output(for inputs: [Expr], deterministic: Bool) throws -> Expr {
        var x = inputs[0]
        guard let steps = inputShape[1] else { throw LaminaError.invalidLayer(layer: displayName, detail: "the number of steps is unknown") }
        let length = outputLength(steps: steps)
        if pad > 0 {
            let filler = mode == .max ? poolingFloor : 0
            let padding = try (x.subtensor([.all, .range(0, pad), .all]) * 0) + filler   // (batch, p, features) of the filler
            x = try Expr.concatenate([padding, x, padding], axis: 1)
        }
        var pooled: Expr?
        for j in 0..<poolSize {
            let window = try x.subtensor([.all, .range(start: j, stop: j + stride * (length - 1) + 1, step: stride), .all])
            pooled = try pooled.map { mode == .max ? try $0.maximum(window) : try $0 + window } ?? window
        }
        switch mode {
        case .max: return pooled!
        case .averageIncludingPad: return try pooled! / Double(poolSize)
        case .averageExcludingPad:
            let counts = (0..<length).map { i -> Double in
                let start = i * stride - pad
                return Double(min(start + poolSize, steps) - max(start, 0))
            }
            return try pooled! / Expr.constant(NDArray(counts, shape: [1, length, 1]).cast(to: x.dtype))
        }
    }
}
