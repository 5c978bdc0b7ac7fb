import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// Reproducible float64 draws, uniform on [low, high).
func uniform(_ shape: [Int], seed: UInt64, low: Double = -1, high: Double = 1) -> NDArray {
    var rng = RandomGenerator(seed: seed)
    return rng.uniform(shape: shape, low: low, high: high, dtype: .float64)
}

/// Reproducible float64 standard normal draws.
func normal(_ shape: [Int], seed: UInt64) -> NDArray {
    var rng = RandomGenerator(seed: seed)
    return rng.normal(shape: shape, dtype: .float64)
}

/// The fixed weights `probe` uses for `count` elements: distinct, of both signs.
func probeWeights(_ count: Int) -> [Double] {
    (0..<count).map { (i: Int) -> Double in
        let magnitude: Double = 0.5 + 0.3 * Double(i)
        return i % 2 == 0 ? magnitude : -magnitude
    }
}

/// Σᵢ wᵢ·eᵢ with distinct fixed weights, a float64 scalar: turns an
/// expression of any (statically known) shape into a cost whose gradient
/// differs per element, so a gradient landing on the wrong element is caught.
func probe(_ e: Expr) throws -> Expr {
    guard e.type.isFullyKnown else {
        throw GraphError.invalidArgument(op: "probe", detail: "needs a fully known shape, got \(e.type)")
    }
    let shape = e.shape.map { $0! }
    let count = shape.reduce(1, *)
    let weights = Expr.constant(NDArray(probeWeights(count), shape: shape))
    return try (e * weights).sum()
}

/// Evaluates `outputs` feeding `feeds`, once with every rewrite off and once
/// with the default rewrites, and returns both result lists.
func evaluateBoth(_ outputs: [Expr], _ feeds: [(Expr, NDArray)] = []) throws -> [(String, [NDArray])] {
    try [("rewrites off", CompileOptions.none), ("default rewrites", .default)].map { label, options in
        let f = try function(inputs: feeds.map(\.0), outputs: outputs, options: options)
        return (label, try f.call(feeds.map(\.1)))
    }
}

/// Expects `e` (fed with `feeds`) to have `shape`, `dtype` and `expected`
/// values, both with rewrites off and with the default rewrites.
func expectValues(
    _ e: Expr, _ feeds: [(Expr, NDArray)] = [], _ expected: [Double], shape: [Int], dtype: DType? = nil,
    absolute: Double = 1e-12, relative: Double = 1e-12,
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    for (label, results) in try evaluateBoth([e], feeds) {
        expectClose(results[0], expected, shape: shape, dtype: dtype ?? e.dtype, absolute: absolute,
                    relative: relative, Comment(rawValue: label), sourceLocation: sourceLocation)
    }
}
