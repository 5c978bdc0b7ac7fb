import LaminaGraph

/// Joins its inputs along an axis (Lasagne's `ConcatLayer(axis=1)`). All
/// other axes must agree; the output's size on `axis` is the sum of the
/// inputs' (unknown if any is unknown).
public final class ConcatLayer: MergeLayer, @unchecked Sendable {
    /// The axis joined along (negative counts from the end).
    public let axis: Int

    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` when the axis is out of range
    ///   or the inputs disagree on another axis.
    public init(incomings: [Layer], axis: Int = 1, name: String? = nil) throws {
        self.axis = axis
        try super.init(incomings: incomings, name: name)
        _ = try outputShape
    }

    public override func outputShape(for inputShapes: [[Int?]]) throws -> [Int?] {
        let rank = inputShapes[0].count
        let a = axis < 0 ? axis + rank : axis
        guard a >= 0 && a < rank else {
            throw LaminaError.invalidLayer(layer: displayName, detail: "axis \(axis) is out of range for inputs of rank \(rank)")
        }
        var shape = try mergedShape(inputShapes, skipping: a)
        let sizes = inputShapes.map { $0[a] }
        shape[a] = sizes.contains(where: { $0 == nil }) ? nil : sizes.reduce(0) { $0 + $1! }
        return shape
    }

    public override func output(for inputs: [Expr], deterministic: Bool) throws -> Expr {
        try Expr.concatenate(inputs, axis: axis)
    }
}
