import Testing
import LaminaTensor
import LaminaGraph

/// Finite-difference check, in float64, of the gradients of a layer output
/// with respect to the given shared parameters (and input placeholders).
///
/// The cost is Σᵢ wᵢ·yᵢ over the output `y`, with fixed distinct weights of
/// both signs, so a gradient landing on the wrong element is caught. Each
/// symbolic gradient element is compared with (f(θ + h) − f(θ − h)) / 2h,
/// where f is the compiled cost and θ the element, perturbed in the shared
/// variable's value (or the fed array). The inputs differentiated are
/// `inputs` when given (others, such as masks, are held fixed), else every
/// float placeholder when `differentiateInputs` is set. An element passes when
/// |symbolic − numeric| ≤ tolerance · max(1, |symbolic|, |numeric|).
func checkGradients(
    of output: Expr, wrt params: [Shared], inputs: [Expr]? = nil, feeds: [Expr: NDArray] = [:], differentiateInputs: Bool = false,
    epsilon: Double = 1e-6, tolerance: Double = 1e-6,
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    #expect(output.dtype == .float64, "gradient checks run in float64, the output is \(output.type)", sourceLocation: sourceLocation)
    let placeholders = feeds.keys.sorted { $0.id < $1.id }
    let outputShape = try function(inputs: placeholders, outputs: [output]).call(feeds)[0].shape
    let count = outputShape.reduce(1, *)
    let weights: [Double] = (0..<count).map { (i: Int) -> Double in
        let magnitude: Double = 0.5 + 0.3 * Double(i % 7)
        return i % 2 == 0 ? magnitude : -magnitude
    }
    let cost = try (output * Expr.constant(NDArray(weights, shape: outputShape))).sum()
    let differentiable = inputs ?? placeholders.filter { differentiateInputs && $0.dtype.isFloatingPoint }
    let gradients = try grad(cost, wrt: params + differentiable)
    let full = try function(inputs: placeholders, outputs: gradients)
    let costOnly = try function(inputs: placeholders, outputs: [cost])
    let symbolic = try full.call(feeds)
    func f(_ feeds: [Expr: NDArray]) throws -> Double { try costOnly.call(feeds)[0].scalarValue }

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
    for (k, input) in differentiable.enumerated() {
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

    func compare(_ analytic: Double, _ numeric: Double, _ label: String) {
        let scale = Swift.max(1, Swift.abs(analytic), Swift.abs(numeric))
        #expect(Swift.abs(analytic - numeric) <= tolerance * scale,
                "gradient mismatch for \(label): symbolic \(analytic), finite difference \(numeric)", sourceLocation: sourceLocation)
    }
}
