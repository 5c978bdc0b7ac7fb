import LaminaGraph
import LaminaTensor

/// The entry point of a network (Lasagne's `InputLayer`): wraps an input
/// placeholder expression of a given shape.
///
/// ```swift
/// let input = try InputLayer(shape: [nil, 64], name: "pixels")   // batches of 64 features
/// ```
public final class InputLayer: Layer, @unchecked Sendable {
    /// The declared shape (`nil` for sizes known only at run time).
    public let shape: [Int?]
    /// The placeholder this layer outputs unless overridden.
    public let inputVar: Expr

    /// - Parameters:
    ///   - shape: sizes of the input's axes, `nil` where unknown (typically the batch axis).
    ///   - inputVar: an existing placeholder or expression to use (its rank must match);
    ///     by default a new placeholder named after the layer.
    ///   - dtype: the placeholder's dtype; by default ``LayerDefaults/floatX``.
    ///   - name: the layer name.
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` for a non-positive size or a
    ///   `inputVar` whose type does not fit.
    public init(shape: [Int?], inputVar: Expr? = nil, dtype: DType? = nil, name: String? = nil) throws {
        let label = name ?? "InputLayer"
        if let bad = shape.first(where: { ($0 ?? 1) <= 0 }) {
            throw LaminaError.invalidLayer(layer: label, detail: "sizes must be positive or unknown (nil), got \(bad!) in \(formatShapeSpec(shape))")
        }
        if let inputVar {
            guard inputVar.rank == shape.count, zip(inputVar.shape, shape).allSatisfy({ $0.0 == nil || $0.1 == nil || $0.0 == $0.1 }) else {
                throw LaminaError.invalidLayer(layer: label, detail: "input variable \(inputVar) does not fit the shape \(formatShapeSpec(shape))")
            }
        }
        self.shape = shape
        self.inputVar = inputVar ?? Expr.input(name ?? "input", dtype: dtype ?? LayerDefaults.floatX, shape: shape)
        try super.init(incomings: [], name: name)
        Role.annotate(self.inputVar, layer: displayName, role: Role.input)
    }

    public override func outputShape(for inputShapes: [[Int?]]) throws -> [Int?] { shape }

    /// The input placeholder's role, ``VariableRole/input``.
    public override var valueRoles: [VariableRole] { [.input] }

    public override func output(for inputs: [Expr], deterministic: Bool) throws -> Expr { inputVar }
}
