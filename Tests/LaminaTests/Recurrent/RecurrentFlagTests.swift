import Foundation
import Testing
import LaminaTensor
import LaminaGraph
@testable import Lamina
import LaminaTestSupport

/// Truncated backpropagation and gradient clipping, which finite differences
/// of the layer cannot check, against independent computations.
@Suite("Recurrent: truncated gradients and gradient clipping")
struct RecurrentFlagTests {
    typealias Flags = RecurrentData.Flags

    /// Σ wᵢ·yᵢ weights of both signs.
    func costWeights(_ count: Int) -> [Double] {
        (0..<count).map { (i: Int) -> Double in
            let magnitude = 0.5 + 0.3 * Double(i % 5)
            return i % 2 == 0 ? magnitude : -magnitude
        }
    }

    @Test(arguments: [false, true])
    func truncatedGradientMatchesFiniteDifferencesOfTheCutOffCost(backwards: Bool) throws {
        // With gradientSteps = k the backward pass covers only the last k iterations
        // (Theano's truncate_gradient): the gradient is that of the cost of those
        // iterations' outputs, with the state entering them held fixed.
        let k = 2, (batch, steps, units) = (RecurrentData.batch, RecurrentData.steps, RecurrentData.units)
        let (layer, feeds) = try LayerDefaults.using(floatX: .float64, seed: 7) {
            let (input, _, feeds) = try RecurrentData.inputs(Flags())
            let layer = try RecurrentLayer(incoming: input, units: units, W_in_to_hid: Normal(std: 0.7), W_hid_to_hid: Normal(std: 0.7),
                                           b: Normal(std: 0.5), nonlinearity: .tanh, options: RecurrentOptions(backwards: backwards, gradientSteps: k))
            return (layer, feeds)
        }
        let w = costWeights(batch * steps * units)
        let cost = try (output(of: layer) * Expr.constant(NDArray(w, shape: [batch, steps, units]))).sum()
        let params = [layer.W_in_to_hid, layer.W_hid_to_hid, layer.b!]
        let symbolic = try function(inputs: [layer.inputLayers[0].outputVarForTests], outputs: try grad(cost, wrt: params)).call(Array(feeds.values))
        // The cut-off cost in plain Swift.
        let x = Array(feeds.values)[0]
        let order = backwards ? Array((0..<steps).reversed()) : Array(0..<steps)
        func cutCost(_ values: [[Double]]) -> Double {
            var total = 0.0
            for b in 0..<batch {
                // The state entering the last k iterations, from the unperturbed weights.
                var h = [Double](repeating: 0, count: units)
                for (i, t) in order.enumerated() {
                    let xt = Array(x.doubles[(b * steps + t) * 3 ..< (b * steps + t + 1) * 3])
                    let ws = i < steps - k ? params.map(paramValues) : values
                    h = RecurrentReference.rnnStep(x: xt, h: h, input: ws[0], hidden: ws[1], bias: ws[2], units: units, activation: Foundation.tanh)
                    if i >= steps - k { for j in 0..<units { total += w[(b * steps + t) * units + j] * h[j] } }
                }
            }
            return total
        }
        let base = params.map(paramValues)
        for (p, values) in base.enumerated() {
            for i in values.indices {
                var plus = base, minus = base
                plus[p][i] += 1e-6
                minus[p][i] -= 1e-6
                let numeric = (cutCost(plus) - cutCost(minus)) / 2e-6
                #expect(Swift.abs(symbolic[p].doubles[i] - numeric) <= 1e-6 * Swift.max(1, Swift.abs(numeric)),
                        "parameter \(p)[\(i)]: truncated gradient \(symbolic[p].doubles[i]), cut-off finite difference \(numeric)")
            }
        }
    }

    @Test func truncationCoveringEveryStepIsFullBackpropagation() throws {
        func gradients(_ steps: Int?) throws -> [Double] {
            try LayerDefaults.using(floatX: .float64, seed: 7) {
                let (input, mask, feeds) = try RecurrentData.inputs(Flags(masked: true))
                let layer = try LSTMLayer(incoming: input, units: 2, mask: mask, options: RecurrentOptions(gradientSteps: steps))
                let g = try grad(try output(of: layer).sum(), wrt: allParams(of: layer, tags: [.trainable]))
                let inputs = feeds.keys.sorted { $0.id < $1.id }
                return try function(inputs: inputs, outputs: g).call(feeds).flatMap(\.doubles)
            }
        }
        let full = try gradients(nil)
        expectClose(try gradients(RecurrentData.steps), full, absolute: 1e-13, relative: 1e-10)
        #expect(try gradients(1) != full)
    }

    @Test func clippingLimitsThePreactivationGradients() throws {
        // One step of a vanilla tanh layer: ∂cost/∂a = clip(w ⊙ (1 − h²), −c, c), so ∂cost/∂b_j = Σ_batch of it.
        let c = 0.05
        try LayerDefaults.using(floatX: .float64, seed: 3) {
            let input = try InputLayer(shape: [nil, 1, 3], dtype: .float64)
            let layer = try RecurrentLayer(incoming: input, units: 2, W_in_to_hid: Normal(std: 0.7), b: Normal(std: 0.5), nonlinearity: .tanh,
                                           options: RecurrentOptions(gradientClipping: c))
            let x = RecurrentData.normal([2, 1, 3], seed: 12)
            let w = [1.5, -0.02, -2.0, 0.03]
            let cost = try (output(of: layer) * Expr.constant(NDArray(w, shape: [2, 1, 2]))).sum()
            let gb = try function(inputs: [input.inputVar], outputs: try grad(cost, wrt: [layer.b!])).call([x])[0].doubles
            let h = try output(of: layer).eval([input.inputVar: x]).doubles
            let clipped = (0..<4).map { Swift.min(c, Swift.max(-c, w[$0] * (1 - h[$0] * h[$0]))) }
            expectClose(gb, [clipped[0] + clipped[2], clipped[1] + clipped[3]], absolute: 1e-14, relative: 1e-9)
            #expect(clipped.contains(c) && clipped.contains(-c), "the case exercises the clipping")
        }
        // LSTM and GRU: every bias gradient is a sum over batch and steps of clipped values.
        for makeLayer in [{ (i: Layer, o: RecurrentOptions) throws -> RecurrentLayerBase in try LSTMLayer(incoming: i, units: 2, forgetgate: Gate(b: Constant(1)), options: o) },
                          { (i: Layer, o: RecurrentOptions) throws -> RecurrentLayerBase in try GRULayer(incoming: i, units: 2, options: o) }] {
            func biasGradient(_ clip: Double) throws -> [Double] {
                try LayerDefaults.using(floatX: .float64, seed: 5) {
                    let (input, _, feeds) = try RecurrentData.inputs(Flags())
                    let layer = try makeLayer(input, RecurrentOptions(gradientClipping: clip))
                    let biases = layer.params.filter { $0.tags == .bias }.map(\.expr)
                    let cost = try (output(of: layer) * 40).sum()
                    return try function(inputs: [input.inputVar], outputs: try grad(cost, wrt: biases)).call(Array(feeds.values)).flatMap(\.doubles)
                }
            }
            let limit = Double(RecurrentData.batch * RecurrentData.steps) * c
            #expect(try biasGradient(c).allSatisfy { Swift.abs($0) <= limit + 1e-12 })
            #expect(try biasGradient(0).contains { Swift.abs($0) > limit })
        }
    }

    @Test func learnedInitialStatesAreTrainableAndGetGradients() throws {
        try LayerDefaults.using(floatX: .float64, seed: 5) {
            let (input, mask, feeds) = try RecurrentData.inputs(Flags(masked: true))
            let layer = try GRULayer(incoming: input, units: 2, mask: mask, options: RecurrentOptions(learnInit: true))
            let trainable = allParams(of: layer, tags: [.trainable])
            #expect(trainable.last === layer.initialStateParams[0])
            let g = try grad(try output(of: layer).sum(), wrt: [layer.initialStateParams[0]!])
            let value = try function(inputs: feeds.keys.sorted { $0.id < $1.id }, outputs: g).call(feeds)[0]
            #expect(value.shape == [1, 2] && value.doubles.allSatisfy { $0 != 0 })
        }
    }
}

extension Layer {
    /// The placeholder of an input layer (tests only).
    var outputVarForTests: Expr { (self as! InputLayer).inputVar }
}
