import Testing
import LaminaTensor
import LaminaGraph
@testable import Lamina
import LaminaTestSupport

/// Attention layers: hand-computed masks and weights, the fully masked row,
/// gradients against finite differences in float64, taps and errors.
@Suite("Attention: layers")
struct AttentionLayerTests {
    /// Seeded N(0, 1) values.
    func normal(_ shape: [Int], seed: UInt64) -> NDArray { RecurrentData.normal(shape, seed: seed) }

    @Test func causalWeightsAreUniformOverThePastForEqualScores() throws {
        // q = k = 0: every allowed score is 0, so row i spreads 1/(i+1) over keys 0…i and gives 0 to the rest.
        let q = Expr.input("q", dtype: .float64, shape: [1, 3, 2]), v = Expr.input("v", dtype: .float64, shape: [1, 3, 2])
        let r = try scaledDotProductAttention(query: q, key: q, value: v, causal: true)
        let f = try function(inputs: [q, v], outputs: [r.weights, r.output])
        let values = try f.call([NDArray([Double](repeating: 0, count: 6), shape: [1, 3, 2]), NDArray([1, 0, 0, 1, 1, 1.0], shape: [1, 3, 2])])
        let third = 1.0 / 3
        let expectedWeights: [Double] = [1, 0, 0, 0.5, 0.5, 0, third, third, third]
        #expect(values[0].doubles == expectedWeights)
        // Output row i = mean of v[0…i]: [1, 0], [0.5, 0.5], [2/3, 2/3].
        let twoThirds = 2.0 / 3
        expectClose(values[1].doubles, [1, 0, 0.5, 0.5, twoThirds, twoThirds], absolute: 1e-15, relative: 0)
    }

    /// An additive attention over (2, 3 queries, 2) queries and (2, 4 keys, 3) keys, with a mask input.
    func additive(causal: Bool = false) throws -> (AdditiveAttentionLayer, InputLayer, InputLayer, InputLayer) {
        let q = try InputLayer(shape: [nil, nil, 2], name: "q"), k = try InputLayer(shape: [nil, nil, 3], name: "k")
        let mask = try InputLayer(shape: [nil, nil], name: "mask")
        let layer = try AdditiveAttentionLayer(query: q, key: k, units: 4, b: Normal(std: 0.5), v: Normal(std: 1), mask: mask,
                                               causal: causal, name: "attention")
        return (layer, q, k, mask)
    }

    @Test func aFullyMaskedRowGetsZeroWeightsAndAZeroOutputNotNaN() throws {
        try float64 {
            let (layer, q, k, mask) = try additive()
            let outputs = try output(of: [layer, try AttentionWeightsLayer(of: layer)])
            let feeds: [Expr: NDArray] = [q.inputVar: normal([2, 3, 2], seed: 3), k.inputVar: normal([2, 4, 3], seed: 4),
                                          mask.inputVar: NDArray([1, 1, 0, 0, 0, 0, 0, 0.0], shape: [2, 4])]
            let f = try function(inputs: [q.inputVar, k.inputVar, mask.inputVar], outputs: outputs)
            let values = try f.call([feeds[q.inputVar]!, feeds[k.inputVar]!, feeds[mask.inputVar]!])
            let w = values[1].doubles, y = values[0].doubles
            #expect(values[1].shape == [2, 3, 4])
            for i in 0..<3 {
                #expect(w[4 * i + 2] == 0 && w[4 * i + 3] == 0, "masked keys of row \(i) get exactly 0")
                let (w0, w1) = (w[4 * i], w[4 * i + 1])
                #expect(Swift.abs(w0 + w1 - 1) < 1e-15)
                #expect(w0 > 0 && w1 > 0)
            }
            #expect(w[12...].allSatisfy { $0 == 0 }, "every key of the second sequence is masked: \(w[12...])")
            #expect(y[9...].allSatisfy { $0 == 0 }, "its output is the zero vector: \(y[9...])")
            // The gradients stay finite and right with the fully masked row.
            try checkGradients(of: outputs[0], wrt: allParams(of: layer), inputs: [q.inputVar, k.inputVar], feeds: feeds)
        }
    }

    @Test func additiveGradientsCausalAndMasked() throws {
        try float64 {
            let (layer, q, k, mask) = try additive(causal: true)
            let feeds: [Expr: NDArray] = [q.inputVar: normal([2, 4, 2], seed: 5), k.inputVar: normal([2, 4, 3], seed: 6),
                                          mask.inputVar: NDArray([1, 1, 1, 1, 1, 1, 0, 0.0], shape: [2, 4])]
            try checkGradients(of: try output(of: layer), wrt: allParams(of: layer), inputs: [q.inputVar, k.inputVar], feeds: feeds)
        }
    }

    @Test func multiHeadGradientsCrossAttentionMasked() throws {
        try float64 {
            let q = try InputLayer(shape: [nil, nil, 4], name: "q"), k = try InputLayer(shape: [nil, nil, 3], name: "k")
            let v = try InputLayer(shape: [nil, nil, 2], name: "v"), mask = try InputLayer(shape: [nil, nil], name: "mask")
            let layer = try MultiHeadAttentionLayer(query: q, key: k, value: v, heads: 2, units: 6, outputUnits: 3,
                                                    b_query: Normal(std: 0.5), b_key: Normal(std: 0.5), b_value: Normal(std: 0.5),
                                                    b_output: Normal(std: 0.5), mask: mask, name: "mha")
            #expect(allParams(of: layer).map { $0.name ?? "?" } ==
                    ["mha.W_query", "mha.W_key", "mha.W_value", "mha.W_output", "mha.b_query", "mha.b_key", "mha.b_value", "mha.b_output"])
            let feeds: [Expr: NDArray] = [q.inputVar: normal([2, 2, 4], seed: 7), k.inputVar: normal([2, 3, 3], seed: 8),
                                          v.inputVar: normal([2, 3, 2], seed: 9), mask.inputVar: NDArray([1, 1, 1, 1, 0, 0.0], shape: [2, 3])]
            try checkGradients(of: try output(of: layer), wrt: allParams(of: layer), inputs: [q.inputVar, k.inputVar, v.inputVar], feeds: feeds)
        }
    }

    @Test func multiHeadGradientsSelfAttentionCausal() throws {
        try float64 {
            let x = try InputLayer(shape: [nil, nil, 4], name: "x")
            let layer = try MultiHeadAttentionLayer(query: x, key: x, value: x, heads: 4, causal: true, name: "mha")
            try checkGradients(of: try output(of: layer), wrt: allParams(of: layer), inputs: [x.inputVar],
                               feeds: [x.inputVar: normal([2, 3, 4], seed: 10)])
        }
    }

    @Test func multiHeadFullyMaskedRowGivesTheOutputBias() throws {
        try float64 {
            let x = try InputLayer(shape: [nil, nil, 4], name: "x"), mask = try InputLayer(shape: [nil, nil], name: "mask")
            let layer = try MultiHeadAttentionLayer(query: x, key: x, value: x, heads: 2, b_output: NDArray([0.5, -1, 2, 0.25], shape: [4]),
                                                    mask: mask, name: "mha")
            let y = try output(of: layer).eval([x.inputVar: normal([2, 2, 4], seed: 11), mask.inputVar: NDArray([1, 0, 0, 0.0], shape: [2, 2])])
            // Sequence 2 has no real key: zero heads, so output = b_output at both steps.
            let bias: [Double] = [0.5, -1, 2, 0.25, 0.5, -1, 2, 0.25]
            #expect(Array(y.doubles[8...]) == bias)
            #expect(y.doubles.allSatisfy { $0.isFinite })
        }
    }

    @Test func errorsNameTheProblem() throws {
        try float64 {
            let x = try InputLayer(shape: [nil, nil, 4], name: "x"), flat = try InputLayer(shape: [nil, 4], name: "flat")
            #expect(message { _ = try MultiHeadAttentionLayer(query: x, key: x, heads: 3, name: "mha") }
                .contains("mha: needs heads > 0 dividing units > 0 and outputUnits > 0, got heads 3, units 4"))
            #expect(message { _ = try AdditiveAttentionLayer(query: flat, key: x, units: 2, name: "a") }
                .contains("a: the query must be (batch, steps, features) with a known feature size, got (?, 4)"))
            let k5 = try InputLayer(shape: [nil, 5, 4], name: "k"), v6 = try InputLayer(shape: [nil, 6, 4], name: "v")
            #expect(message { _ = try AdditiveAttentionLayer(query: x, key: k5, value: v6, units: 2, name: "a") }
                .contains("the key has 5 steps and the value 6"))
            let badMask = try InputLayer(shape: [nil, 4, 1], name: "m")
            #expect(message { _ = try AdditiveAttentionLayer(query: x, key: k5, units: 2, mask: badMask, name: "a") }
                .contains("the mask must be (batch, keys) = (?, 5), got (?, 4, 1)"))
            let layer = try AdditiveAttentionLayer(query: x, key: x, units: 2, name: "a")
            let tap = try AttentionWeightsLayer(of: layer)
            #expect(message { _ = try output(of: tap, inputs: [layer: x.inputVar]) }.contains("was not computed by it in this pass"))
        }
    }
}
