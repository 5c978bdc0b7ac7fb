// A custom layer is a small subclass: make its parameters as plain `let`s
// before super.init (a ParameterBuilder), register them after it, and write
// the output as a few expression operations. Here, a
// "swish" activation with one learned slope per unit, y = x·σ(β⊙x)
// (Ramachandran et al. 2017), trained inside a small network.
import Foundation
import Lamina
import LaminaGraph
import LaminaTensor

/// y = x · σ(β ⊙ x), with β learned per unit (default 1), not regularized.
final class SwishLayer: Layer, @unchecked Sendable {
    /// The slopes, one per unit.
    let beta: Expr

    init(incoming: Layer, beta: any ParameterSource = Constant(1), name: String? = nil) throws {
        let shape = try incoming.outputShape, label = name ?? "SwishLayer"
        guard shape.count == 2, let units = shape[1] else {
            throw LaminaError.invalidLayer(layer: label, detail: "needs (batch, units) inputs with a known number of units, got \(formatShapeSpec(shape))")
        }
        // Made before the layer exists, named "swish.beta", registered (tags, role, owner) once it does.
        var made = ParameterBuilder(prefix: name, label: label)
        self.beta = try made.add(beta, shape: [units], name: "beta", role: Role.parameter, tags: [.trainable])
        try super.init(incoming: incoming, name: name)
        registerParameters(made)
    }

    // The shape is unchanged, so outputShape(for:) keeps its default.
    override func output(for inputs: [Expr], deterministic: Bool) throws -> Expr {
        let x = inputs[0]
        return try x * (x * beta.dimshuffle([nil, 0])).sigmoid()
    }
}

do {
    let (input, swish, network) = try LayerDefaults.using(seed: 3) {
        let input = try InputLayer(shape: [nil, 1], name: "x")
        let hidden = try DenseLayer(incoming: input, units: 16, nonlinearity: nil, name: "hidden")
        let swish = try SwishLayer(incoming: hidden, name: "swish")
        let output = try DenseLayer(incoming: swish, units: 1, nonlinearity: nil, name: "output")
        return (input, swish, output)
    }
    print("layers:", allLayers(of: network).map(\.description).joined(separator: " → "))
    print("parameters:", allParams(of: network).map { $0.name ?? "?" })

    // Fit y = |x| on [−2, 2].
    let xs = (0..<64).map { Float($0) / 16 - 2 }
    let x = NDArray(xs, shape: [64, 1]), y = NDArray(xs.map { abs($0) }, shape: [64, 1])
    let target = Expr.input("y", shape: [nil, 1])
    let loss = try aggregate(squaredError(output(of: network), target))
    let step = try function(inputs: [input.inputVar, target], outputs: [loss],
                            updates: adam(.loss(loss), params: allParams(of: network, tags: [.trainable]), learningRate: 0.02))
    for iteration in 0...500 {
        let value = try step(x, y)[0].scalarValue
        if iteration % 100 == 0 { print(String(format: "iteration %3d: mean squared error %.5f", iteration, value)) }
    }
    let slopes = (swish.beta as! Shared).value.doubles
    print(String(format: "learned slopes β: min %.3f, max %.3f", slopes.min()!, slopes.max()!))
} catch {
    print("error: \(error)")
    exit(1)
}
