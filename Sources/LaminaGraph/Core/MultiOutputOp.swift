import LaminaTensor

/// An op with several results, such as `scan` (one stacked array per loop
/// output). Its application node stands for result 0; result k ≥ 1 is an
/// ``OutputOfOp`` node that selects it. `Expr.applyMulti` builds both.
///
/// The compiled function runs the op once and writes every result into its
/// own buffer; `grad` gathers the gradients of all results before asking the
/// op for the gradients of its operands.
public protocol MultiOutputOp: Op {
    /// The static types of all results.
    func outputTypes(_ inputs: [TensorType]) throws -> [TensorType]
    /// The concrete shapes of all results.
    func outputShapes(_ inputs: [[Int]]) throws -> [[Int]]
    /// Computes every result.
    func evaluate(_ inputs: [RawOperand], into outputs: [RawOutput], shapes: [[Int]]) throws
    /// Gradients of the operands given the gradients of the results (`nil` where a result is unused).
    func gradient(inputs: [Expr], outputs: [Expr], outputGradients: [Expr?]) throws -> [Expr?]
}

extension MultiOutputOp {
    public func outputType(_ inputs: [TensorType]) throws -> TensorType { try outputTypes(inputs)[0] }
    public func outputShape(_ inputs: [[Int]]) throws -> [Int] { try outputShapes(inputs)[0] }
    public func evaluate(_ inputs: [RawOperand], into output: RawOutput, shape: [Int]) throws {
        throw GraphError.runtime(op: name, detail: "internal: a multi-output op was evaluated as a single-output op")
    }
    public func gradient(inputs: [Expr], output: Expr, outputGradient: Expr) throws -> [Expr?] {
        throw GraphError.gradient("internal: the gradient of \(name) needs the gradients of all its results")
    }
}

/// Selects result `index` (≥ 1) of a multi-output application.
public struct OutputOfOp: Op {
    public let index: Int
    public let resultType: TensorType
    public var name: String { "output\(index)" }
    public var description: String { "output[\(index)]" }
    public func outputType(_ inputs: [TensorType]) throws -> TensorType { resultType }
    public func outputShape(_ inputs: [[Int]]) throws -> [Int] {
        throw GraphError.runtime(op: name, detail: "internal: result selectors are resolved by the compiler")
    }
    public func evaluate(_ inputs: [RawOperand], into output: RawOutput, shape: [Int]) throws {
        throw GraphError.runtime(op: name, detail: "internal: result selectors are resolved by the compiler")
    }
    public func gradient(inputs: [Expr], output: Expr, outputGradient: Expr) throws -> [Expr?] {
        throw GraphError.gradient("internal: result selectors are differentiated with their op")
    }
}

extension Expr {
    /// Applies a multi-output op; returns one expression per result.
    public static func applyMulti(_ op: any MultiOutputOp, _ inputs: [Expr]) throws -> [Expr] {
        let types = try op.outputTypes(inputs.map(\.type))
        let main = Expr(type: types[0], kind: .apply(op, inputs), name: nil)
        return [main] + types.indices.dropFirst().map { k in
            Expr(type: types[k], kind: .apply(OutputOfOp(index: k, resultType: types[k]), [main]), name: nil)
        }
    }

    /// For result k ≥ 1 of a multi-output application: the application and k.
    var selectedOutput: (Expr, Int)? {
        guard let sel = op as? OutputOfOp else { return nil }
        return (inputs[0], sel.index)
    }
}
