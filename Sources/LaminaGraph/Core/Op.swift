import LaminaTensor

/// An operation of the expression graph.
///
/// An op knows three things: the type of its result (checking its operands
/// and throwing a ``GraphError`` that names it and the operand types when
/// they do not fit), how to compute its value from concrete operands into a
/// preallocated output, and its gradient as new expressions (so gradients
/// can themselves be printed, rewritten and differentiated again).
public protocol Op: Sendable, CustomStringConvertible {
    /// A short name for printing and error messages, such as `"dot"`.
    var name: String { get }
    /// The op with its parameters. Two applications with equal signatures and
    /// identical operands compute the same value (used to merge duplicates).
    var signature: String { get }
    /// The static type of the result.
    func outputType(_ inputs: [TensorType]) throws -> TensorType
    /// The concrete shape of the result for concrete operand shapes.
    func outputShape(_ inputs: [[Int]]) throws -> [Int]
    /// Computes the value into `output`, which has `outputShape`'s element count.
    func evaluate(_ inputs: [RawOperand], into output: RawOutput, shape: [Int]) throws
    /// The gradient with respect to each operand (`nil` where there is none),
    /// given the gradient of the cost with respect to `output`.
    func gradient(inputs: [Expr], output: Expr, outputGradient: Expr) throws -> [Expr?]
    /// Whether the result is the first operand's memory reinterpreted (no copy).
    var isView: Bool { get }
    /// Whether `evaluate` still works when `output` is the memory of operand
    /// `operand` (same shape and dtype), so the compiler may reuse that buffer.
    func canOverwrite(operand: Int) -> Bool
    /// Whether two applications to the same operands may be merged (false for random draws).
    var isPure: Bool { get }
}

extension Op {
    public var signature: String { description }
    public var description: String { name }
    public var isView: Bool { false }
    public func canOverwrite(operand: Int) -> Bool { false }
    public var isPure: Bool { true }

    /// The default for ops without a gradient: none for any operand.
    public func noGradient(_ inputs: [Expr]) -> [Expr?] { inputs.map { _ in nil } }

    /// Checks the operand count.
    func expectArity(_ inputs: [TensorType], _ n: Int) throws {
        guard inputs.count == n else {
            throw GraphError.invalidArgument(op: name, detail: "expects \(n) operand(s), got \(inputs.count)")
        }
    }
}

/// Normalizes one axis (negative counts from the end).
func normalizeAxis(_ axis: Int, rank: Int, op: String) throws -> Int {
    let a = axis < 0 ? axis + rank : axis
    guard a >= 0 && a < rank else {
        throw GraphError.invalidArgument(op: op, detail: "axis \(axis) is out of range for rank \(rank)")
    }
    return a
}

/// Runs an array kernel, turning its error into a ``GraphError``.
func runKernel<R>(_ op: String, _ body: () throws -> R) throws -> R {
    do { return try body() } catch let e as TensorError {
        throw GraphError.runtime(op: op, detail: e.message)
    }
}
