import Testing
import LaminaTensor
import LaminaGraph
import Lamina

/// Expects `actual` to match `expected` element by element:
/// |a − e| ≤ absolute + relative·|e|.
func expectClose(
    _ actual: [Double], _ expected: [Double],
    absolute: Double = 1e-9, relative: Double = 1e-9,
    _ comment: Comment? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let context = comment.map { " (\($0.rawValue))" } ?? ""
    guard actual.count == expected.count else {
        Issue.record("expected \(expected.count) values, got \(actual.count): \(actual)\(context)", sourceLocation: sourceLocation)
        return
    }
    for (i, (a, e)) in zip(actual, expected).enumerated() {
        let ok = e.isNaN ? a.isNaN : (e.isInfinite ? a == e : Swift.abs(a - e) <= absolute + relative * Swift.abs(e))
        #expect(ok, "element \(i): got \(a), expected \(e)\(context)", sourceLocation: sourceLocation)
    }
}

/// Expects an array's shape and values.
func expectClose(
    _ actual: NDArray, _ expected: [Double], shape: [Int],
    absolute: Double = 1e-9, relative: Double = 1e-9,
    _ comment: Comment? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(actual.shape == shape, "shape \(actual.shape), expected \(shape)", sourceLocation: sourceLocation)
    expectClose(actual.doubles, expected, absolute: absolute, relative: relative, comment, sourceLocation: sourceLocation)
}

/// A float64 array.
func f64(_ values: [Double], _ shape: [Int]) -> NDArray { NDArray(values, shape: shape) }

/// A float32 array.
func f32(_ values: [Float], _ shape: [Int]) -> NDArray { NDArray(values, shape: shape) }

/// An int32 array.
func i32(_ values: [Int32], _ shape: [Int]) -> NDArray { NDArray(values, shape: shape) }

/// Runs `body` with float64 parameters and a fixed seed (isolated per test).
func float64<R>(seed: UInt64 = 1, _ body: () throws -> R) rethrows -> R {
    try LayerDefaults.using(floatX: .float64, seed: seed, body)
}

/// Evaluates `expr`, feeding `feeds`.
func evaluate(_ expr: Expr, _ feeds: [Expr: NDArray] = [:]) throws -> NDArray {
    try expr.eval(feeds)
}

/// The message of an error, for checking that it names what is wrong.
func message(of body: () throws -> Void) -> String {
    do { try body() } catch { return String(describing: error) }
    return "no error"
}
