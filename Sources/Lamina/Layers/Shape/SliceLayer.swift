import LaminaGraph
import LaminaTensor

/// Slices its input along one axis (Lasagne's `SliceLayer(indices, axis=-1)`):
/// `.index(i)` takes one position and drops the axis; `.range(start, stop)` or
/// `.range(start:stop:step:)` keeps a range (Python semantics, negative
/// positions count from the end).
///
/// ```swift
/// let last = try SliceLayer(incoming: sequence, indices: .index(-1), axis: 1)   // the last time step
/// ```
public final class SliceLayer: Layer, @unchecked Sendable {
    /// The index or range taken.
    public let indices: SliceIndex
    /// The sliced axis (negative counts from the end).
    public let axis: Int

    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` for an axis or index out of range.
    public init(incoming: Layer, indices: SliceIndex, axis: Int = -1, name: String? = nil) throws {
        self.indices = indices
        let rank = try incoming.outputShape.count
        self.axis = try normalizedAxes([axis], rank: rank, layer: name ?? "SliceLayer")[0]
        try super.init(incoming: incoming, name: name)
        _ = try outputShape
    }

    /// The full slice: `indices` on ``axis``, everything elsewhere.
    var fullIndices: [SliceIndex] { (0...axis).map { $0 == axis ? indices : .all } }

    public override func outputShape(for inputShapes: [[Int?]]) throws -> [Int?] {
        try inferredShape(inputShapes, layer: displayName) { try $0[0].subtensor(fullIndices) }
    }

    public override func output(for inputs: [Expr], deterministic: Bool) throws -> Expr {
        try inputs[0].subtensor(fullIndices)
    }
}
