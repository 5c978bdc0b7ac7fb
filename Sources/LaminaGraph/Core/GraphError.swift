import LaminaTensor

/// Errors raised while building, differentiating, compiling or calling a graph.
/// Each message names the op or function and the operand types or shapes.
public enum GraphError: Error, CustomStringConvertible, Equatable {
    /// Operand shapes that do not fit an op.
    case shapeMismatch(op: String, operands: [TensorType], detail: String)
    /// Operand dtypes that do not fit an op.
    case typeMismatch(op: String, operands: [TensorType], detail: String)
    /// A bad argument to an op (an axis out of range, a bad permutation, ...).
    case invalidArgument(op: String, detail: String)
    /// A gradient that cannot be taken.
    case gradient(String)
    /// A function called with bad arguments, or a graph that cannot be compiled.
    case function(String)
    /// An error from an array kernel while running a compiled function.
    case runtime(op: String, detail: String)

    public var description: String {
        switch self {
        case .shapeMismatch(let op, let operands, let detail):
            return "\(op): shape mismatch for operands \(operands.map(\.description).joined(separator: ", ")): \(detail)"
        case .typeMismatch(let op, let operands, let detail):
            return "\(op): type mismatch for operands \(operands.map(\.description).joined(separator: ", ")): \(detail)"
        case .invalidArgument(let op, let detail): return "\(op): \(detail)"
        case .gradient(let detail): return "grad: \(detail)"
        case .function(let detail): return "function: \(detail)"
        case .runtime(let op, let detail): return "\(op): \(detail)"
        }
    }
}
