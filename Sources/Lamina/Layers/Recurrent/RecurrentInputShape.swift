import LaminaGraph

extension RecurrentLayerBase {
    /// The recurrent input rule, its one home: a recurrent layer reads an input
    /// of shape (batch, steps, features…), rank 3 or more.
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` naming `layer` and the shape found.
    static func checkSequenceInput(_ shape: [Int?], layer: String) throws {
        guard shape.count >= 3 else {
            throw LaminaError.invalidLayer(layer: layer, detail: "needs an input of shape (batch, steps, features…), got \(formatShapeSpec(shape))")
        }
    }

    /// The number of features per step of `incoming`'s output (the product of
    /// axes 2…), which a cell's input weights need before the layer exists.
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` for `units` ≤ 0, an
    ///   input that is not (batch, steps, features…) or a feature size unknown
    ///   when the graph is built.
    static func inputFeatureCount(of incoming: Layer, units: Int, layer: String) throws -> Int {
        let shape = try incoming.outputShape
        guard units > 0 else { throw LaminaError.invalidLayer(layer: layer, detail: "units must be positive, got \(units)") }
        try checkSequenceInput(shape, layer: layer)
        guard shape[2...].allSatisfy({ $0 != nil }) else {
            throw LaminaError.invalidLayer(layer: layer, detail: "needs known feature sizes (axes 2…) in the input shape \(formatShapeSpec(shape))")
        }
        return shape[2...].reduce(1) { $0 * $1! }
    }
}
