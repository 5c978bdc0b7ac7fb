import Testing
import LaminaTensor
import LaminaGraph
@testable import Lamina

/// Attention against PyTorch 2.15 (`F.scaled_dot_product_attention`,
/// `nn.MultiheadAttention`) and a NumPy Bahdanau attention, in float64, to
/// 1e-12: same weights and inputs give the same outputs, attention weights and
/// gradients of sum(output · cost_weights).
@Suite("Attention: PyTorch and NumPy fixtures")
struct AttentionTorchFixtureTests {
    typealias Fixtures = LayerFixtures

    @Test(arguments: ["sdpa_masked", "sdpa_causal"])
    func scaledDotProduct(name: String) throws {
        let a = try Fixtures.load(name)
        let q = Expr.input("q", dtype: .float64, shape: [nil, 2, nil, 3])
        let k = Expr.input("k", dtype: .float64, shape: [nil, 2, nil, 3])
        let v = Expr.input("v", dtype: .float64, shape: [nil, 2, nil, 2])
        let mask = Expr.input("mask", dtype: .float64, shape: [nil, nil])
        let causal = name.hasSuffix("causal")
        let r = try scaledDotProductAttention(query: q, key: k, value: v, keyMask: causal ? nil : mask, causal: causal)
        var feeds: [Expr: NDArray] = [q: a["q"]!, k: a["k"]!, v: a["v"]!]
        if !causal { feeds[mask] = a["mask"]! }
        let values = try Fixtures.run(r.output, costWeights: a["cost_weights"]!, wrt: [q, k, v], feeds: feeds)
        Fixtures.close(values[0], a["output"]!, "output")
        for (value, key) in zip(values[1...], ["grad_q", "grad_k", "grad_v"]) { Fixtures.close(value, a[key]!, key) }
    }

    /// Rows part·e ..< (part+1)·e of a PyTorch array (in_proj_weight or in_proj_bias).
    func part(_ a: NDArray, _ part: Int, _ e: Int) throws -> NDArray { try a.slice([.range(part * e, (part + 1) * e)]) }

    @Test func multiHeadSelfAttentionCausalAndMasked() throws {
        let a = try Fixtures.load("mha_self_causal")
        try float64 {
            let x = try InputLayer(shape: [nil, 3, 4], name: "x"), mask = try InputLayer(shape: [nil, 3], name: "mask")
            let w = a["in_proj_weight"]!, b = a["in_proj_bias"]!
            let layer = try MultiHeadAttentionLayer(
                query: x, key: x, value: x, heads: 2,
                W_query: try part(w, 0, 4).transposed, W_key: try part(w, 1, 4).transposed, W_value: try part(w, 2, 4).transposed,
                W_output: a["out_proj.weight"]!.transposed, b_query: try part(b, 0, 4), b_key: try part(b, 1, 4),
                b_value: try part(b, 2, 4), b_output: a["out_proj.bias"]!, mask: mask, causal: true, name: "mha")
            let weights = try AttentionWeightsLayer(of: layer)
            let outputs = try output(of: [layer, weights])
            let wrt: [Expr] = [layer.W_query, layer.W_key, layer.W_value, layer.b_query!, layer.b_key!, layer.b_value!,
                               layer.W_output, layer.b_output!, x.inputVar]
            let v = try Fixtures.run(outputs[0], extra: [outputs[1]], costWeights: a["cost_weights"]!, wrt: wrt,
                                     feeds: [x.inputVar: a["query"]!, mask.inputVar: a["mask"]!])
            Fixtures.close(v[0], a["output"]!, "output")
            Fixtures.close(v[1], a["weights"]!, "weights")
            let gw = a["grad_in_proj_weight"]!, gb = a["grad_in_proj_bias"]!
            for k in 0..<3 {
                Fixtures.close(v[2 + k], try part(gw, k, 4).transposed, "grad in_proj_weight part \(k)")
                Fixtures.close(v[5 + k], try part(gb, k, 4), "grad in_proj_bias part \(k)")
            }
            Fixtures.close(v[8], a["grad_out_proj.weight"]!.transposed, "grad out_proj.weight")
            Fixtures.close(v[9], a["grad_out_proj.bias"]!, "grad out_proj.bias")
            Fixtures.close(v[10], a["grad_query"]!, "grad query")
        }
    }

    @Test func multiHeadCrossAttentionWithOtherKeyAndValueSizes() throws {
        let a = try Fixtures.load("mha_cross")
        try float64 {
            let q = try InputLayer(shape: [nil, nil, 4], name: "q"), k = try InputLayer(shape: [nil, nil, 3], name: "k")
            let v = try InputLayer(shape: [nil, nil, 5], name: "v"), mask = try InputLayer(shape: [nil, nil], name: "mask")
            let b = a["in_proj_bias"]!
            let layer = try MultiHeadAttentionLayer(
                query: q, key: k, value: v, heads: 2,
                W_query: a["q_proj_weight"]!.transposed, W_key: a["k_proj_weight"]!.transposed, W_value: a["v_proj_weight"]!.transposed,
                W_output: a["out_proj.weight"]!.transposed, b_query: try part(b, 0, 4), b_key: try part(b, 1, 4),
                b_value: try part(b, 2, 4), b_output: a["out_proj.bias"]!, mask: mask, name: "mha")
            #expect(try layer.outputShape == [nil, nil, 4])
            let weights = try AttentionWeightsLayer(of: layer)
            #expect(try weights.outputShape == [nil, 2, nil, nil])
            let outputs = try output(of: [layer, weights])
            let wrt: [Expr] = [layer.W_query, layer.W_key, layer.W_value, layer.W_output, q.inputVar, k.inputVar, v.inputVar]
            let r = try Fixtures.run(outputs[0], extra: [outputs[1]], costWeights: a["cost_weights"]!, wrt: wrt,
                                     feeds: [q.inputVar: a["query"]!, k.inputVar: a["key"]!, v.inputVar: a["value"]!, mask.inputVar: a["mask"]!])
            Fixtures.close(r[0], a["output"]!, "output")
            Fixtures.close(r[1], a["weights"]!, "weights")
            for (i, key) in ["q_proj_weight", "k_proj_weight", "v_proj_weight", "out_proj.weight"].enumerated() {
                Fixtures.close(r[2 + i], a["grad_" + key]!.transposed, "grad \(key)")
            }
            for (i, key) in ["query", "key", "value"].enumerated() { Fixtures.close(r[6 + i], a["grad_" + key]!, "grad \(key)") }
        }
    }

    @Test(arguments: ["additive", "additive_masked"])
    func additive(name: String) throws {
        let a = try Fixtures.load(name)
        try float64 {
            let q = try InputLayer(shape: [nil, nil, 3], name: "q"), k = try InputLayer(shape: [nil, nil, 2], name: "k")
            let v = try InputLayer(shape: [nil, nil, 3], name: "v"), mask = try InputLayer(shape: [nil, nil], name: "mask")
            let layer = try AdditiveAttentionLayer(query: q, key: k, value: v, units: 5, W_query: a["W_query"]!, W_key: a["W_key"]!,
                                                   b: a["b"]!, v: a["v"]!, mask: mask, name: "attention")
            let outputs = try output(of: [layer, try AttentionWeightsLayer(of: layer)])
            let values = try function(inputs: [q.inputVar, k.inputVar, v.inputVar, mask.inputVar], outputs: outputs)
                .call([a["query"]!, a["key"]!, a["value"]!, a["mask"]!])
            Fixtures.close(values[0], a["output"]!, "output")
            Fixtures.close(values[1], a["weights"]!, "weights")
        }
    }
}
