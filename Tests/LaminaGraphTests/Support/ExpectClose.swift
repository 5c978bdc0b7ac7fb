import Testing
import LaminaTensor
import LaminaGraph

/// Expects `actual` to match `expected` element by element:
/// |a − e| ≤ absolute + relative·|e|. NaN matches only NaN, and an infinity
/// only the same infinity.
func expectClose(
    _ actual: [Double], _ expected: [Double],
    absolute: Double = 1e-12, relative: Double = 1e-12,
    _ comment: Comment? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let context = comment.map { " (\($0.rawValue))" } ?? ""
    guard actual.count == expected.count else {
        Issue.record("expected \(expected.count) values, got \(actual.count): \(actual)\(context)", sourceLocation: sourceLocation)
        return
    }
    for (i, (a, e)) in zip(actual, expected).enumerated() {
        let ok: Bool
        if e.isNaN { ok = a.isNaN }
        else if e.isInfinite { ok = a == e }
        else { ok = a.isFinite && Swift.abs(a - e) <= absolute + relative * Swift.abs(e) }
        #expect(ok, "element \(i): got \(a), expected \(e)\(context)", sourceLocation: sourceLocation)
    }
}

/// Expects an array's dtype (when given), shape and values.
func expectClose(
    _ actual: NDArray, _ expected: [Double], shape: [Int], dtype: DType? = nil,
    absolute: Double = 1e-12, relative: Double = 1e-12,
    _ comment: Comment? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    if let dtype {
        #expect(actual.dtype == dtype, "dtype \(actual.dtype), expected \(dtype)", sourceLocation: sourceLocation)
    }
    #expect(actual.shape == shape, "shape \(actual.shape), expected \(shape)", sourceLocation: sourceLocation)
    expectClose(actual.doubles, expected, absolute: absolute, relative: relative, comment, sourceLocation: sourceLocation)
}
