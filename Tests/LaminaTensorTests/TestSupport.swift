import Testing
@testable import LaminaTensor

/// Runs `body`, expecting a ``TensorError`` from `operation` whose message contains every string in `fragments`.
func expectTensorError(_ operation: String, mentioning fragments: [String] = [],
                       sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
    do {
        try body()
        Issue.record("expected a \(operation) error, but nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as TensorError {
        #expect(error.operation == operation, "error \(error)", sourceLocation: sourceLocation)
        for fragment in fragments {
            #expect(error.message.contains(fragment), "\"\(error.message)\" does not mention \"\(fragment)\"",
                    sourceLocation: sourceLocation)
        }
    } catch {
        Issue.record("expected a TensorError, got \(error)", sourceLocation: sourceLocation)
    }
}

extension NDArray {
    /// An array holding `values` converted to `dtype` (int32 truncates; bool is `!= 0`).
    static func floats(_ values: [Double], shape: [Int], dtype: DType) -> NDArray {
        switch dtype {
        case .float32: return NDArray(values.map { Float($0) }, shape: shape)
        case .float64: return NDArray(values, shape: shape)
        case .int32: return NDArray(values.map { Int32($0) }, shape: shape)
        case .bool: return NDArray(values.map { $0 != 0 }, shape: shape)
        }
    }

    /// `0, 1, …, count−1` in `shape`, as `dtype`.
    static func arange(_ shape: [Int], dtype: DType = .float32) -> NDArray {
        floats((0..<shape.reduce(1, *)).map(Double.init), shape: shape, dtype: dtype)
    }
}
