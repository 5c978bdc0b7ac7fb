import Testing
import LaminaTensor
import LaminaGraph
@testable import Lamina
import LaminaTestSupport

/// An attention layer's weights come from the graph of its output (annotated with the
/// layer's path and ``VariableRole/attentionWeights``), not from a memory of recent passes.
@Suite("Attention: weights from data flow")
struct AttentionWeightsDataFlowTests {
    @Test func anOldOutputStillGivesItsOwnWeights() throws {
        try float64 {
            let q = try InputLayer(shape: [nil, 3, 2], name: "q"), k = try InputLayer(shape: [nil, 4, 3], name: "k")
            let layer = try AdditiveAttentionLayer(query: q, key: k, units: 4, b: Normal(std: 0.5), v: Normal(std: 1), name: "attention")
            let first = try output(of: [layer, try AttentionWeightsLayer(of: layer)])
            // More passes than the 16 the layer used to remember.
            for _ in 0..<20 { _ = try output(of: layer) }
            let weights = try #require(layer.attentionWeights(producing: first[0]))
            #expect(weights === first[1], "the tap of the first pass")
            #expect(weights.annotations == [Role.layerKey: "attention", Role.key: Role.attentionWeights])
            // output_i = Σ_j w_ij k_j (the value is the key), computed here by hand from the weights found.
            let (qv, kv) = (RecurrentData.normal([2, 3, 2], seed: 3), RecurrentData.normal([2, 4, 3], seed: 4))
            let values = try function(inputs: [q.inputVar, k.inputVar], outputs: [first[0], weights]).call([qv, kv])
            let (w, key) = (values[1].doubles, kv.doubles)
            var expected: [Double] = []
            for b in 0..<2 {
                for i in 0..<3 {
                    for f in 0..<3 {
                        var sum = 0.0
                        for j in 0..<4 { sum += w[(b * 3 + i) * 4 + j] * key[(b * 4 + j) * 3 + f] }
                        expected.append(sum)
                    }
                }
            }
            expectClose(values[0].doubles, expected, absolute: 1e-14, relative: 1e-12)
            #expect(layer.attentionWeights(producing: q.inputVar) == nil, "not an output of the layer")
        }
    }

    @Test func multiHeadWeightsAreFoundByTheFilter() throws {
        try float64 {
            let x = try InputLayer(shape: [nil, 5, 4], name: "x")
            let layer = try MultiHeadAttentionLayer(query: x, key: x, heads: 2, causal: true, name: "self")
            let y = try output(of: layer)
            let found = VariableFilter(roles: [.attentionWeights]).values(of: [layer], in: [y])
            #expect(found.map { "\($0.layer.path).\($0.role.name)" } == ["self.attention_weights"])
            let value = try found[0].value.eval([x.inputVar: RecurrentData.normal([2, 5, 4], seed: 9)])
            #expect(value.shape == [2, 2, 5, 5])
            // Causal: row i of each head spreads 1 over keys 0…i and gives exactly 0 to the rest.
            let w = value.doubles
            for row in 0..<20 {
                let i = row % 5
                expectClose([w[(row * 5)..<(row * 5 + i + 1)].reduce(0, +)], [1], absolute: 1e-14, relative: 0)
                #expect(w[(row * 5 + i + 1)..<(row * 5 + 5)].allSatisfy { $0 == 0 })
            }
        }
    }
}
