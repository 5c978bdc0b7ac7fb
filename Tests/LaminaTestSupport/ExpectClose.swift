import Testing
import LaminaTensor

/// Whether `actual` matches `expected` within `absolute + relative·|expected|`.
///
/// NaN matches only NaN, and an infinity only the infinity of the same sign;
/// a finite `expected` never matches a non-finite `actual`.
package func isClose(_ actual: Double, _ expected: Double, absolute: Double, relative: Double) -> Bool {
    if expected.isNaN || actual.isNaN { return expected.isNaN && actual.isNaN }
    if expected.isInfinite || actual.isInfinite { return expected == actual }
    return Swift.abs(actual - expected) <= absolute + relative * Swift.abs(expected)
}

/// The positions at which `actual` and `expected` differ (see ``isClose(_:_:absolute:relative:)``).
package func mismatchedIndices(_ actual: [Double], _ expected: [Double], absolute: Double, relative: Double) -> [Int] {
    zip(actual, expected).enumerated()
        .filter { !isClose($0.element.0, $0.element.1, absolute: absolute, relative: relative) }
        .map(\.offset)
}

/// Records an issue unless `actual` and `expected` have the same length and
/// every element matches: |a − e| ≤ `absolute` + `relative`·|e| (see
/// ``isClose(_:_:absolute:relative:)``). The issue names up to eight
/// mismatched positions with both values.
package func expectClose(
    _ actual: [Double], _ expected: [Double],
    absolute: Double, relative: Double,
    _ comment: Comment? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let context = comment.map { " (\($0.rawValue))" } ?? ""
    guard actual.count == expected.count else {
        Issue.record("expected \(expected.count) values, got \(actual.count): \(actual)\(context)", sourceLocation: sourceLocation)
        return
    }
    let bad = mismatchedIndices(actual, expected, absolute: absolute, relative: relative)
    guard !bad.isEmpty else { return }
    let shown = bad.prefix(8).map { "element \($0): got \(actual[$0]), expected \(expected[$0])" }.joined(separator: "; ")
    Issue.record("\(bad.count) of \(actual.count) elements differ beyond \(absolute) + \(relative)·|e|: \(shown)\(context)",
                 sourceLocation: sourceLocation)
}

/// Expects an array's dtype (when given), shape and values (see
/// ``expectClose(_:_:absolute:relative:_:sourceLocation:)``).
package func expectClose(
    _ actual: NDArray, _ expected: [Double], shape: [Int], dtype: DType? = nil,
    absolute: Double, relative: Double,
    _ comment: Comment? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    if let dtype {
        #expect(actual.dtype == dtype, "dtype \(actual.dtype), expected \(dtype)", sourceLocation: sourceLocation)
    }
    #expect(actual.shape == shape, "shape \(actual.shape), expected \(shape)", sourceLocation: sourceLocation)
    expectClose(actual.doubles, expected, absolute: absolute, relative: relative, comment, sourceLocation: sourceLocation)
}
