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
/// The time axis must have a known size.
///
/// **Masks.** With a (batch, time) `mask`, nonzero on real steps, only real
/// steps count: with m̃ the mask padded by p zeros at each end and
/// n[b, i] = Σ_j m̃[b, i·s + j] the real steps in window i,
///
///     max:      y[b, i, f] = max over real j of x̃[b, i·s + j, f]     (0 when n[b, i] = 0)
///     averages: y[b, i, f] = Σ_j m̃·x̃[b, i·s + j, f] / n[b, i]      (0 when n[b, i] = 0)
///
/// (both averages are this mean over real steps). ``outputMask(from:)`` is
/// 1 where n[b, i] > 0 and 0 for a window with no real step; an
/// ``OutputMaskLayer`` passes it on to the next layer.
///
/// ```swift
/// let pooled = try Pool1DLayer(incoming: sequence, poolSize: 2, name: "pool")   // (batch, T/2, features)
/// let masked = try Pool1DLayer(incoming: sequence, poolSize: 3, stride: 2, mode: .averageExcludingPad, mask: mask)
/// let lstm = try LSTMLayer(incoming: masked, units: 16, mask: try OutputMaskLayer(of: masked))
/// ```
public final class Pool1DLayer: Layer, WindowedSequenceLayer, @unchecked Sendable {
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
    ///   - mask: an optional (batch, time) layer, nonzero on real steps; only real steps are pooled.
    ///   - name: the layer name.
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` for an input of another rank or
    ///   unknown length, sizes that leave no window, or a mask that is not (batch, time).
    public init(incoming: Layer, poolSize: Int, stride: Int? = nil, pad: Int = 0, mode: PoolMode = .max,
                mask: Layer? = nil, name: String? = nil) throws {
        (self.poolSize, self.stride, self.pad, self.mode) = (poolSize, stride ?? poolSize, pad, mode)
        try super.init(incomings: [incoming] + (mask.map { [$0] } ?? []), name: name)
        guard inputShape.count == 3, let steps = inputShape[1] else {
            throw LaminaError.invalidLayer(layer: displayName, detail: "pooling along time needs (batch, time, features) inputs with a known number of steps, got \(formatShapeSpec(inputShape))")
        }
        guard poolSize >= 1, self.stride >= 1, pad >= 0, pad < poolSize else {
            throw LaminaError.invalidLayer(layer: displayName, detail: "needs poolSize ≥ 1, stride ≥ 1 and 0 ≤ pad < poolSize, got poolSize \(poolSize), stride \(self.stride), pad \(pad)")
        }
        guard steps + 2 * pad >= poolSize else {
            throw LaminaError.invalidLayer(layer: displayName, detail: "a window of \(poolSize) steps does not fit \(steps) steps padded by \(pad) at each end")
        }
        if mask != nil {
            let shape = inputShapes[1]
            guard shape.count == 2, shape[1] == nil || shape[1] == steps else {
                throw LaminaError.invalidLayer(layer: displayName, detail: "the mask must be (batch, time) = \(formatShapeSpec(Array(inputShape.prefix(2)))), got \(formatShapeSpec(shape))")
            }
        }
    }

    /// The mask layer passed as `mask`, if any.
    public var maskLayer: Layer? { inputLayers.count > 1 ? inputLayers[1] : nil }

    /// The number of output steps for `steps` input steps: ⌊(T + 2p − k) / s⌋ + 1.
    public func outputLength(steps: Int) -> Int { (steps + 2 * pad - poolSize) / stride + 1 }

    public override func outputShape(for inputShapes: [[Int?]]) throws -> [Int?] {
        let shape = inputShapes[0]
        return [shape[0], shape[1].map(outputLength), shape[2]]
    }

    public override func output(for inputs: [Expr], deterministic: Bool) throws -> Expr {
        guard inputs.count > 1 else { return try unmaskedOutput(inputs[0]) }
        let x = inputs[0]
        let keep = try keepMask(inputs[1], dtype: x.dtype)                         // (batch, T)
        let counts = try realSteps(keep)                                            // (batch, L)
        let anyReal = try counts.isGreater(than: counts.literal(0)).dimshuffle([0, 1, nil])
        let steps = try keep.dimshuffle([0, 1, nil])
        if mode == .max {
            // Real steps keep x exactly (x·1 + 0); masked ones become the floor (x·0 − 10³⁰), as does the padding.
            let floored = try padSteps(x * steps + (steps - 1) * -poolingFloor, before: pad, after: pad, value: poolingFloor)
            let pooled = try windows(of: floored) { try $0.maximum($1) }
            return try Expr.select(anyReal, pooled, pooled.literal(0))
        }
        let sums = try windows(of: padSteps(x * steps, before: pad, after: pad, value: 0)) { try $0 + $1 }
        return try sums / counts.maximum(counts.literal(1)).dimshuffle([0, 1, nil])
    }

    /// 1 where a window holds at least one real step, 0 where it holds none, in the input mask's dtype.
    public func outputMask(from inputMask: Expr) throws -> Expr {
        let counts = try realSteps(keepMask(inputMask, dtype: .float64))
        return try counts.isGreater(than: counts.literal(0)).cast(to: inputMask.dtype)
    }

    /// n[b, i], the real steps in each window, from a 0/1 (batch, T) mask.
    private func realSteps(_ keep: Expr) throws -> Expr {
        try windows(of: padSteps(keep, before: pad, after: pad, value: 0)) { try $0 + $1 }
    }

    /// Window i of the padded `x` (batch, T + 2p, …) combined by `combine` over its k steps: (batch, L, …).
    private func windows(of x: Expr, combine: (Expr, Expr) throws -> Expr) throws -> Expr {
        guard let steps = inputShape[1] else { throw LaminaError.invalidLayer(layer: displayName, detail: "the number of steps is unknown") }
        let length = outputLength(steps: steps)
        var pooled: Expr?
        for j in 0..<poolSize {
            let window = try x.subtensor([.all, .range(start: j, stop: j + stride * (length - 1) + 1, step: stride)])
            pooled = try pooled.map { try combine($0, window) } ?? window
        }
        return pooled!
    }

    /// Pooling without a mask: every step is real, padding is −∞ (max) or 0 (averages).
    private func unmaskedOutput(_ input: Expr) throws -> Expr {
        guard let steps = inputShape[1] else { throw LaminaError.invalidLayer(layer: displayName, detail: "the number of steps is unknown") }
        let length = outputLength(steps: steps)
        let x = try padSteps(input, before: pad, after: pad, value: mode == .max ? poolingFloor : 0)
        let pooled = try windows(of: x) { mode == .max ? try $0.maximum($1) : try $0 + $1 }
        switch mode {
        case .max: return pooled
        case .averageIncludingPad: return try pooled / Double(poolSize)
        case .averageExcludingPad:
            let counts = (0..<length).map { i -> Double in
                let start = i * stride - pad
                return Double(min(start + poolSize, steps) - max(start, 0))
            }
            return try pooled / Expr.constant(NDArray(counts, shape: [1, length, 1]).cast(to: x.dtype))
        }
    }
}
