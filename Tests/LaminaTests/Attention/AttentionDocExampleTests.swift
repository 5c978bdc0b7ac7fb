import Testing
import LaminaTensor
import LaminaGraph
import Lamina

/// The doc-comment examples of the attention and convolution layers, run.
@Suite("Attention and Conv1D: doc-comment examples")
struct AttentionDocExampleTests {
    @Test func examplesBuildAndRun() throws {
        try float64 {
            // AdditiveAttentionLayer
            let source = try InputLayer(shape: [nil, nil, 5], name: "source"), sourceMask = try InputLayer(shape: [nil, nil], name: "sourceMask")
            let decoded = try InputLayer(shape: [nil, nil, 6], name: "decoded")
            let encoded = try LSTMLayer(incoming: source, units: 64, mask: sourceMask, name: "encoder")
            let context = try AdditiveAttentionLayer(query: decoded, key: encoded, units: 32, mask: sourceMask, name: "attention")
            let alignment = try AttentionWeightsLayer(of: context)          // (batch, target steps, source steps)
            #expect(try context.outputShape == [nil, nil, 64])
            #expect(try alignment.outputShape == [nil, nil, nil])

            // MultiHeadAttentionLayer and AttentionWeightsLayer
            let x = try InputLayer(shape: [nil, nil, 64], name: "x")
            let mask = try InputLayer(shape: [nil, nil], name: "mask")
            let selfAttention = try MultiHeadAttentionLayer(query: x, key: x, value: x, heads: 8, mask: mask, causal: true, name: "attention")
            let attention = try MultiHeadAttentionLayer(query: x, key: x, value: x, heads: 4, mask: mask, name: "self")
            let weights = try AttentionWeightsLayer(of: attention)
            let values = try output(of: [attention, weights])   // values[1]: (batch, 4, steps, steps)
            let w = try values[1].eval([x.inputVar: RecurrentData.normal([2, 3, 64], seed: 1), mask.inputVar: NDArray([1, 1, 1, 1, 1, 0.0], shape: [2, 3])])
            #expect(w.shape == [2, 4, 3, 3])
            #expect(try selfAttention.outputShape == [nil, nil, 64])

            // Conv1DLayer
            let x16 = try InputLayer(shape: [nil, nil, 16], name: "x")
            let conv = try Conv1DLayer(incoming: x16, numFilters: 32, filterSize: 3, dilation: 2, padding: .causal, name: "conv")
            // conv: (?, ?, 32); conv.W: (32, 16, 3)
            #expect(try conv.outputShape == [nil, nil, 32])
            #expect(conv.W.shape == [32, 16, 3])

            // OutputMaskLayer
            let masked = try Conv1DLayer(incoming: x16, numFilters: 8, filterSize: 3, padding: .valid, mask: mask)
            let lstm = try LSTMLayer(incoming: masked, units: 16, mask: try OutputMaskLayer(of: masked))
            #expect(try lstm.outputShape == [nil, nil, 16])
        }
    }
}
