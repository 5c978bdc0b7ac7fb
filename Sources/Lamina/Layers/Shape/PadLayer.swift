import LaminaGraph

/// Pads the axes after the first `batchNDim` with a constant (Lasagne's
/// `PadLayer(width, val=0, batch_ndim=2)`): axis `batchNDim + k` gets
/// `widths[k].before` elements of `value` before the data and
/// `widths[k].after` after it.
///
/// ```swift
/// let padded = try PadLayer(incoming: images, width: 1)   // (b, c, h, w) → (b, c, h + 2, w + 2)
/// ```
public final class PadLayer: Layer, @unchecked Sendable {
    /// The padding before and after each axis from `batchNDim` on.
    public let widths: [(before: Int, after: Int)]
    /// The fill value.
    public let value: Double
    /// The number of leading axes that are not padded.
    public let batchNDim: Int

    /// The same `width` before and after every axis from `batchNDim` on.
    public convenience init(incoming: Layer, width: Int, value: Double = 0, batchNDim: Int = 2, name: String? = nil) throws {
        let padded = try incoming.outputShape.count - batchNDim
        try self.init(incoming: incoming, widths: Array(repeating: (width, width), count: Swift.max(padded, 0)),
                      value: value, batchNDim: batchNDim, name: name)
    }

    /// One (before, after) pair per axis from `batchNDim` on.
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` for negative widths or more pairs than axes.
    public init(incoming: Layer, widths: [(before: Int, after: Int)], value: Double = 0, batchNDim: Int = 2, name: String? = nil) throws {
        self.widths = widths
        self.value = value
        self.batchNDim = batchNDim
        try super.init(incoming: incoming, name: name)
        guard batchNDim >= 0, batchNDim + widths.count <= inputShape.count else {
            throw LaminaError.invalidLayer(layer: displayName, detail: "\(widths.count) padding widths after \(batchNDim) batch axes do not fit the input shape \(formatShapeSpec(inputShape))")
        }
        guard widths.allSatisfy({ $0.before >= 0 && $0.after >= 0 }) else {
            throw LaminaError.invalidLayer(layer: displayName, detail: "padding widths must be ≥ 0, got \(widths)")
        }
    }

    public override func outputShape(for inputShapes: [[Int?]]) throws -> [Int?] {
        var shape = inputShapes[0]
        for (k, width) in widths.enumerated() { shape[batchNDim + k] = shape[batchNDim + k].map { $0 + width.before + width.after } }
        return shape
    }

    public override func output(for inputs: [Expr], deterministic: Bool) throws -> Expr {
        var y = inputs[0]
        for (k, width) in widths.enumerated() where width.before > 0 || width.after > 0 {
            let axis = batchNDim + k
            let slab = try firstElements(of: y, along: [axis]).filledLike(value)
            let parts = Array(repeating: slab, count: width.before) + [y] + Array(repeating: slab, count: width.after)
            y = try Expr.concatenate(parts, axis: axis)
        }
        return y
    }
}
