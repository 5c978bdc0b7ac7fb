import LaminaGraph

/// Applies any function of expressions to its input (Lasagne's
/// `ExpressionLayer(function, output_shape=None)`): the transparency hatch
/// for computations no layer provides.
///
/// ```swift
/// let squared = try ExpressionLayer(incoming: hidden) { try $0.square() }
/// let pooled = try ExpressionLayer(incoming: sequence, outputShape: .auto) { try $0.mean(axes: [1]) }
/// ```
public final class ExpressionLayer: Layer, @unchecked Sendable {
    /// How the output shape is found.
    public enum OutputShape {
        /// The input's shape (the default).
        case sameAsInput
        /// A fixed shape.
        case fixed([Int?])
        /// A function of the input shape.
        case computed(([Int?]) throws -> [Int?])
        /// Applying the function to a placeholder of the input's shape (in
        /// ``LayerDefaults/floatX``) and reading the static shape of the result.
        case auto
    }

    /// The function.
    public let function: (Expr) throws -> Expr
    /// How the output shape is found.
    public let shapeRule: OutputShape

    /// - Parameters:
    ///   - incoming: the layer whose output this layer takes.
    ///   - outputShape: how the output shape is found (default: the input's).
    ///   - name: the layer name.
    ///   - function: the expression to compute from the input expression.
    public init(incoming: Layer, outputShape: OutputShape = .sameAsInput, name: String? = nil,
                function: @escaping (Expr) throws -> Expr) throws {
        self.function = function
        self.shapeRule = outputShape
        try super.init(incoming: incoming, name: name)
    }

    public override func outputShape(for inputShapes: [[Int?]]) throws -> [Int?] {
        switch shapeRule {
        case .sameAsInput: return inputShapes[0]
        case .fixed(let shape): return shape
        case .computed(let rule): return try rule(inputShapes[0])
        case .auto: return try inferredShape(inputShapes, layer: displayName) { try function($0[0]) }
        }
    }

    public override func output(for inputs: [Expr], deterministic: Bool) throws -> Expr {
        try function(inputs[0])
    }
}
