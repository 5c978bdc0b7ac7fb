/// A layer with several incoming layers (Lasagne's `MergeLayer`), such as
/// ``ConcatLayer`` or ``ElemwiseSumLayer``. Its ``Layer/output(for:deterministic:)``
/// receives one expression per incoming layer, in ``Layer/inputLayers`` order.
open class MergeLayer: Layer, @unchecked Sendable {
    /// A layer merging the outputs of `incomings`.
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` when `incomings` is empty.
    public override init(incomings: [Layer], name: String? = nil) throws {
        guard !incomings.isEmpty else {
            throw LaminaError.invalidLayer(layer: name ?? "MergeLayer", detail: "a merge layer needs at least one incoming layer")
        }
        try super.init(incomings: incomings, name: name)
    }

    /// Sizes of several input shapes that must agree (unknown sizes agree with
    /// anything): each axis takes the size any input knows.
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` naming the axis and the shapes that disagree.
    public func mergedShape(_ shapes: [[Int?]], skipping skippedAxis: Int? = nil) throws -> [Int?] {
        guard let first = shapes.first else { return [] }
        guard shapes.allSatisfy({ $0.count == first.count }) else {
            throw LaminaError.invalidLayer(layer: displayName, detail: "inputs of different ranks: \(shapes.map(formatShapeSpec).joined(separator: ", "))")
        }
        return try first.indices.map { axis in
            if axis == skippedAxis { return nil }
            let known = Set(shapes.compactMap { $0[axis] })
            guard known.count <= 1 else {
                throw LaminaError.invalidLayer(layer: displayName, detail: "input sizes differ on axis \(axis): \(shapes.map(formatShapeSpec).joined(separator: ", "))")
            }
            return known.first
        }
    }
}

/// `(?, 3)` style text for a shape with unknown sizes.
public func formatShapeSpec(_ shape: [Int?]) -> String {
    let parts = shape.map { $0.map(String.init) ?? "?" }
    return parts.count == 1 ? "(\(parts[0]),)" : "(" + parts.joined(separator: ", ") + ")"
}
