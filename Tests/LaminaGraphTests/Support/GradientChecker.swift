import Testing
import LaminaTensor
import LaminaGraph

/// Finite-difference check of symbolic gradients, in float64.
///
/// Creates one float64 input placeholder per point (named `x0`, `x1`, ...,
/// with the point's shape, or with `shapes[i]` when given, so that unknown
/// sizes can be exercised), builds the scalar cost with `makeCost`, takes
/// `grad(cost, wrt: inputs)`, and compiles one function returning the cost
/// and every gradient. Each gradient element is compared with the central
/// difference (f(x + h) − f(x − h)) / 2h, where f is a compiled cost-only
/// function. An element passes when
/// |symbolic − numeric| ≤ tolerance · max(1, |symbolic|, |numeric|).
///
/// The check runs once for each entry of `optionSets`: by default with every
/// rewrite off (the op gradients as written) and with the default rewrites.
/// Failures are recorded at `sourceLocation`, naming the input, the element
/// index and both values.
func checkGradient(
    _ makeCost: ([Expr]) throws -> Expr,
    at points: [NDArray],
    shapes: [[Int?]]? = nil,
    epsilon: Double = 1e-6,
    tolerance: Double = 1e-6,
    optionSets: [CompileOptions] = [.none, .default],
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    precondition(shapes == nil || shapes!.count == points.count, "one declared shape per point")
    let values = points.map(\.doubles)
    let inputs = points.enumerated().map { i, p in
        Expr.input("x\(i)", dtype: .float64, shape: shapes?[i] ?? p.shape.map { $0 })
    }
    let cost = try makeCost(inputs)
    #expect(cost.rank == 0 && cost.dtype == .float64, "the cost must be a float64 scalar, got \(cost.type)",
            sourceLocation: sourceLocation)
    let gradients = try grad(cost, wrt: inputs)

    for options in optionSets {
        let label = options == .none ? "rewrites off" : (options == .default ? "default rewrites" : "custom options")
        let full = try function(inputs: inputs, outputs: [cost] + gradients, options: options)
        let costOnly = try function(inputs: inputs, outputs: [cost], options: options)
        func f(_ arguments: [[Double]]) throws -> Double {
            try costOnly.call(zip(arguments, points).map { NDArray($0, shape: $1.shape) })[0].scalarValue
        }
        let results = try full.call(values.enumerated().map { NDArray($1, shape: points[$0].shape) })
        #expect(results[0].scalarValue.isFinite, "cost is not finite at the check point (\(label))", sourceLocation: sourceLocation)

        for (k, point) in points.enumerated() {
            let symbolic = results[k + 1]
            guard symbolic.shape == point.shape else {
                Issue.record("gradient for x\(k) has shape \(symbolic.shape), expected \(point.shape) (\(label))",
                             sourceLocation: sourceLocation)
                continue
            }
            let analytic = symbolic.doubles
            for i in 0..<point.count {
                var plus = values, minus = values
                plus[k][i] += epsilon
                minus[k][i] -= epsilon
                let numeric = (try f(plus) - f(minus)) / (2 * epsilon)
                let a = analytic[i]
                let scale = Swift.max(1, Swift.abs(a), Swift.abs(numeric))
                let ok = Swift.abs(a - numeric) <= tolerance * scale
                #expect(ok, """
                    gradient mismatch for x\(k)\(multiIndex(i, shape: point.shape)) (flat \(i)), \(label): \
                    symbolic \(a), finite difference \(numeric), difference \(a - numeric)
                    """, sourceLocation: sourceLocation)
            }
        }
    }
}

/// `[i, j, ...]` for the flat row-major position `flat` in `shape`.
func multiIndex(_ flat: Int, shape: [Int]) -> String {
    var rest = flat
    var index = [Int](repeating: 0, count: shape.count)
    for axis in shape.indices.reversed() where shape[axis] > 0 {
        index[axis] = rest % shape[axis]
        rest /= shape[axis]
    }
    return "[" + index.map(String.init).joined(separator: ", ") + "]"
}
