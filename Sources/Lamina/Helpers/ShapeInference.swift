import LaminaGraph
import LaminaTensor

/// The static shape of `body`'s result for placeholders of the given shapes
/// and dtype: the engine's own shape rules, applied without running anything
/// (Lasagne's `ExpressionLayer(output_shape='auto')`). An engine error
/// becomes a ``LaminaError/invalidLayer(layer:detail:)`` naming `layer`.
func inferredShape(_ inputShapes: [[Int?]], dtype: DType = LayerDefaults.floatX, layer: String,
                   _ body: ([Expr]) throws -> Expr) throws -> [Int?] {
    let placeholders = inputShapes.enumerated().map { Expr.input("shape\($0.offset)", dtype: dtype, shape: $0.element) }
    do {
        return try body(placeholders).shape
    } catch let error as GraphError {
        throw LaminaError.invalidLayer(layer: layer, detail: "cannot apply to inputs of shape \(inputShapes.map(formatShapeSpec).joined(separator: ", ")): \(error)")
    }
}
