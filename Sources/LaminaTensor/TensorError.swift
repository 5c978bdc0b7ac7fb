/// An error raised by an array operation: the operation's name and what
/// was wrong, in words a user can act on.
public struct TensorError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The operation that failed, such as `"matmul"` or `"reshape"`.
    public let operation: String
    /// What was expected and what was found.
    public let message: String

    /// An error of `operation` with an explanation.
    public init(_ operation: String, _ message: String) {
        self.operation = operation
        self.message = message
    }

    public var description: String { "\(operation): \(message)" }
}

/// Formats a shape the way NumPy prints it: `(2, 3)`, `(5,)`, `()`.
public func formatShape(_ shape: [Int]) -> String {
    shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
}
