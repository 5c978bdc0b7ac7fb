import LaminaGraph

/// Combines its inputs elementwise with a binary function, folded from the
/// left: f(f(x₁, x₂), x₃)… (Lasagne's `ElemwiseMergeLayer(merge_function)`).
/// The inputs must have the same shape (unknown sizes agree with anything).
///
/// ```swift
/// let product = try ElemwiseMergeLayer(incomings: [a, b]) { try $0 * $1 }
/// let largest = try ElemwiseMergeLayer(incomings: [a, b]) { try $0.maximum($1) }
/// ```
public class ElemwiseMergeLayer: MergeLayer, @unchecked Sendable {
    /// The binary function.
    public let mergeFunction: (Expr, Expr) throws -> Expr

    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` when the input shapes disagree.
    public init(incomings: [Layer], name: String? = nil, mergeFunction: @escaping (Expr, Expr) throws -> Expr) throws {
        self.mergeFunction = mergeFunction
        try super.init(incomings: incomings, name: name)
        _ = try outputShape
    }

    public override func outputShape(for inputShapes: [[Int?]]) throws -> [Int?] {
        try mergedShape(inputShapes)
    }

    public override func output(for inputs: [Expr], deterministic: Bool) throws -> Expr {
        try inputs.dropFirst().reduce(inputs[0]) { try mergeFunction($0, $1) }
    }
}
