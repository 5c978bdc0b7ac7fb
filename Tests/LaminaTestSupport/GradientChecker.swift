import Testing
import LaminaTensor
import LaminaGraph

/// Finite-difference check of symbolic gradients, in float64: the one checker
/// every test target uses.
///
/// Takes `grad(cost, wrt: params + inputs)` and, for each entry of
/// `optionSets`, compiles one function returning the cost and every gradient
/// and one returning the cost alone (f), both over the placeholders of
/// `feeds`. Each gradient element is compared with the central difference
/// (f(θ + h) − f(θ − h)) / 2h, θ being the element, moved in the shared
/// variable's value (restored afterwards) or in the fed array. An element
/// passes when |symbolic − numeric| ≤ `tolerance` · max(1, |symbolic|, |numeric|).
/// Failures are recorded at `sourceLocation`, naming the variable, the element
/// (`name[i, j] (flat k)`), the options and both values.
///
/// - Parameters:
///   - cost: a float64 scalar.
///   - params: shared variables to differentiate, perturbed in place.
///   - inputs: placeholders in `feeds` to differentiate; the other feeds
///     (masks, token ids) are held fixed.
///   - feeds: a value for every placeholder the cost needs.
///   - epsilon: the step h.
///   - tolerance: the relative tolerance above.
///   - optionSets: the compile options to check under, one after the other.
package func checkGradients(
    ofCost cost: Expr, wrt params: [Shared], inputs: [Expr], feeds: [Expr: NDArray],
    epsilon: Double = 1e-6, tolerance: Double = 1e-6, optionSets: [CompileOptions] = [.default],
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    #expect(cost.rank == 0 && cost.dtype == .float64, "the cost must be a float64 scalar, got \(cost.type)",
            sourceLocation: sourceLocation)
    let placeholders = feeds.keys.sorted { $0.id < $1.id }
    let gradients = try grad(cost, wrt: params + inputs)
    for options in optionSets {
        let label = options == .none ? "rewrites off" : (options == .default ? "default rewrites" : "custom options")
        let full = try function(inputs: placeholders, outputs: [cost] + gradients, options: options)
        let costOnly = try function(inputs: placeholders, outputs: [cost], options: options)
        func f(_ feeds: [Expr: NDArray]) throws -> Double { try costOnly.call(feeds)[0].scalarValue }
        let results = try full.call(feeds)
        #expect(results[0].scalarValue.isFinite, "cost is not finite at the check point (\(label))", sourceLocation: sourceLocation)

        func compare(_ symbolic: NDArray, _ original: NDArray, _ name: String,
                     _ costAt: (NDArray) throws -> Double) throws {
            guard symbolic.shape == original.shape else {
                Issue.record("gradient for \(name) has shape \(symbolic.shape), expected \(original.shape) (\(label))",
                             sourceLocation: sourceLocation)
                return
            }
            let analytic = symbolic.doubles
            var values = original.doubles
            for i in values.indices {
                let saved = values[i]
                values[i] = saved + epsilon
                let plus = try costAt(NDArray(values, shape: original.shape))
                values[i] = saved - epsilon
                let minus = try costAt(NDArray(values, shape: original.shape))
                values[i] = saved
                let numeric = (plus - minus) / (2 * epsilon)
                let a = analytic[i]
                let scale = Swift.max(1, Swift.abs(a), Swift.abs(numeric))
                #expect(Swift.abs(a - numeric) <= tolerance * scale, """
                    gradient mismatch for \(name)\(multiIndex(i, shape: original.shape)) (flat \(i)), \(label): \
                    symbolic \(a), finite difference \(numeric), difference \(a - numeric)
                    """, sourceLocation: sourceLocation)
            }
        }
        for (k, param) in params.enumerated() {
            let original = param.value
            defer { try? param.setValue(original) }
            try compare(results[k + 1], original, param.name ?? "parameter \(k)") { moved in
                try param.setValue(moved)
                return try f(feeds)
            }
        }
        for (k, input) in inputs.enumerated() {
            guard let original = feeds[input] else {
                Issue.record("no value fed for the differentiated input \(input.name ?? "\(k)")", sourceLocation: sourceLocation)
                continue
            }
            try compare(results[params.count + k + 1], original, input.name ?? "input \(k)") { moved in
                var changed = feeds
                changed[input] = moved
                return try f(changed)
            }
        }
    }
}

/// Checks the gradient of a scalar cost built from float64 placeholders.
///
/// Creates one float64 input placeholder per point (named `x0`, `x1`, ...,
/// with the point's shape, or with `shapes[i]` when given, so that unknown
/// sizes can be exercised), builds the cost with `makeCost` and checks it at
/// the points with ``checkGradients(ofCost:wrt:inputs:feeds:epsilon:tolerance:optionSets:sourceLocation:)``,
/// by default with every rewrite off (the op gradients as written) and with
/// the default rewrites.
package func checkGradient(
    _ makeCost: ([Expr]) throws -> Expr,
    at points: [NDArray],
    shapes: [[Int?]]? = nil,
    epsilon: Double = 1e-6,
    tolerance: Double = 1e-6,
    optionSets: [CompileOptions] = [.none, .default],
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    precondition(shapes == nil || shapes!.count == points.count, "one declared shape per point")
    let inputs = points.enumerated().map { i, p in
        Expr.input("x\(i)", dtype: .float64, shape: shapes?[i] ?? p.shape.map { $0 })
    }
    let feeds = Dictionary(uniqueKeysWithValues: zip(inputs, points.map { NDArray($0.doubles, shape: $0.shape) }))
    try checkGradients(ofCost: try makeCost(inputs), wrt: [], inputs: inputs, feeds: feeds, epsilon: epsilon,
                       tolerance: tolerance, optionSets: optionSets, sourceLocation: sourceLocation)
}

/// Checks the gradients of a float64 layer output with respect to shared
/// parameters and input placeholders, through the cost Σᵢ wᵢ·yᵢ over the
/// output `y` with fixed distinct weights of both signs (so a gradient landing
/// on the wrong element is caught), with the default rewrites.
///
/// The inputs differentiated are `inputs` when given (others in `feeds`, such
/// as masks, are held fixed), else every float placeholder of `feeds` when
/// `differentiateInputs` is set; see
/// ``checkGradients(ofCost:wrt:inputs:feeds:epsilon:tolerance:optionSets:sourceLocation:)``.
package func checkGradients(
    of output: Expr, wrt params: [Shared], inputs: [Expr]? = nil, feeds: [Expr: NDArray] = [:],
    differentiateInputs: Bool = false, epsilon: Double = 1e-6, tolerance: Double = 1e-6,
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    #expect(output.dtype == .float64, "gradient checks run in float64, the output is \(output.type)", sourceLocation: sourceLocation)
    let placeholders = feeds.keys.sorted { $0.id < $1.id }
    let outputShape = try function(inputs: placeholders, outputs: [output]).call(feeds)[0].shape
    let weights: [Double] = (0..<outputShape.reduce(1, *)).map { (i: Int) -> Double in
        let magnitude: Double = 0.5 + 0.3 * Double(i % 7)
        return i % 2 == 0 ? magnitude : -magnitude
    }
    let cost = try (output * Expr.constant(NDArray(weights, shape: outputShape))).sum()
    let differentiable = inputs ?? placeholders.filter { differentiateInputs && $0.dtype.isFloatingPoint }
    try checkGradients(ofCost: cost, wrt: params, inputs: differentiable, feeds: feeds, epsilon: epsilon,
                       tolerance: tolerance, sourceLocation: sourceLocation)
}
