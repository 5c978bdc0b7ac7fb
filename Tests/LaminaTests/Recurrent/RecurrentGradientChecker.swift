import Testing
import LaminaTensor
import LaminaGraph

/// Finite-difference check, in float64, of the gradients of `output` with
/// respect to shared parameters and chosen input placeholders (masks and
/// other inputs in `feeds` are held fixed), modelled on the engine tests'
/// checker.
///
/// The cost is Σᵢ wᵢ·yᵢ with fixed distinct weights of both signs. Each
/// symbolic gradient element is compared with (f(θ + h) − f(θ − h)) / 2h;
/// an element passes when |symbolic − numeric| ≤ tolerance · max(1, |symbolic|, |numeric|).
func checkRecurrentGradients(
    of output: Expr, wrt params: [Shared], inputs differentiated: [Expr], feeds: [Expr: NDArray],
    epsilon: Double = 1e-6, tolerance: Double = 1e-6, sourceLocation: SourceLocation = #_sourceLocation
) throws {
    #expect(output.dtype == .float64, "gradient checks run in float64, the output is \(output.type)", sourceLocation: sourceLocation)
    let placeholders = feeds.keys.sorted { $0.id < $1.id }
    let shape = try function(inputs: placeholders, outputs: [output]).call(feeds)[0].shape
    let weights = (0..<shape.reduce(1, *)).map { i -> Double in (i % 2 == 0 ? 1 : -1) * (0.5 + 0.3 * Double(i % 7)) }
    let cost = try (output * Expr.constant(NDArray(weights, shape: shape))).sum()
    let gradients = try grad(cost, wrt: params + differentiated)
    let symbolic = try function(inputs: placeholders, outputs: gradients).call(feeds)
    let costOnly = try function(inputs: placeholders, outputs: [cost])
    func f(_ feeds: [Expr: NDArray]) throws -> Double { try costOnly.call(feeds)[0].scalarValue }

    func compare(_ analytic: Double, _ numeric: Double, _ label: String) {
        let scale = Swift.max(1, Swift.abs(analytic), Swift.abs(numeric))
        #expect(Swift.abs(analytic - numeric) <= tolerance * scale,
                "gradient mismatch for \(label): symbolic \(analytic), finite difference \(numeric)", sourceLocation: sourceLocation)
    }
    for (k, param) in params.enumerated() {
        let original = param.value
        var values = original.doubles
        for i in values.indices {
            let saved = values[i]
            values[i] = saved + epsilon
            try param.setValue(NDArray(values, shape: original.shape))
            let plus = try f(feeds)
            values[i] = saved - epsilon
            try param.setValue(NDArray(values, shape: original.shape))
            let minus = try f(feeds)
            values[i] = saved
            try param.setValue(original)
            compare(symbolic[k].doubles[i], (plus - minus) / (2 * epsilon), "\(param.name ?? "?")[\(i)]")
        }
    }
    for (k, input) in differentiated.enumerated() {
        let original = feeds[input]!
        var values = original.doubles
        for i in values.indices {
            var changed = feeds
            let saved = values[i]
            values[i] = saved + epsilon
            changed[input] = NDArray(values, shape: original.shape)
            let plus = try f(changed)
            values[i] = saved - epsilon
            changed[input] = NDArray(values, shape: original.shape)
            let minus = try f(changed)
            values[i] = saved
            compare(symbolic[params.count + k].doubles[i], (plus - minus) / (2 * epsilon), "\(input.name ?? "input")[\(i)]")
        }
    }
}
