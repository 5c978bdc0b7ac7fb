import Testing
@testable import LaminaTensor

/// Whether `actual` matches `expected` within `tolerance` (absolute plus
/// relative: |a − e| ≤ tol·(1 + |e|)). NaN matches NaN; an infinity matches
/// only the infinity of the same sign.
func isClose(_ actual: Double, _ expected: Double, tolerance: Double) -> Bool {
    if expected.isNaN || actual.isNaN { return expected.isNaN && actual.isNaN }
    if expected.isInfinite || actual.isInfinite { return expected == actual }
    return abs(actual - expected) <= tolerance * (1 + abs(expected))
}

/// The positions at which `actual` and `expected` differ (see ``isClose``).
func mismatchedIndices(_ actual: [Double], _ expected: [Double], tolerance: Double) -> [Int] {
    zip(actual, expected).enumerated().filter { !isClose($0.element.0, $0.element.1, tolerance: tolerance) }.map(\.offset)
}

/// Records an issue unless the arrays have equal length and every element matches (see ``isClose``).
func expectClose(_ actual: [Double], _ expected: [Double], tolerance: Double,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    guard actual.count == expected.count else {
        Issue.record("count \(actual.count) differs from expected count \(expected.count)", sourceLocation: sourceLocation)
        return
    }
    let bad = mismatchedIndices(actual, expected, tolerance: tolerance)
    if !bad.isEmpty {
        let shown = bad.prefix(8).map { "[\($0)] \(actual[$0]) vs expected \(expected[$0])" }.joined(separator: "; ")
        Issue.record("\(bad.count) of \(actual.count) elements differ beyond \(tolerance): \(shown)",
                     sourceLocation: sourceLocation)
    }
}

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
