import LaminaGraph

/// Multi-head scaled dot-product attention (Vaswani et al. 2017, "Attention
/// is all you need", section 3.2), with a key-padding mask and an optional
/// causal mask, computing what PyTorch's `nn.MultiheadAttention` computes
/// (batch first) with its weights transposed:
///
///     Q = query·W_query + b_query,  K = key·W_key + b_key,  V = value·W_value + b_value
///     headₕ = softmax(Qₕ·Kₕᵀ / √d + mask)·Vₕ              (h = 1 … heads, d = units / heads)
///     output = concat(head₁, …, head_heads)·W_output + b_output
///
/// where Qₕ is columns (h−1)·d ..< h·d of Q. Inputs are (batch, queries,
/// features_q), (batch, keys, features_k) and (batch, keys, features_v); the
/// output is (batch, queries, outputUnits), and ``AttentionWeightsLayer``
/// taps the per-head weights, (batch, heads, queries, keys) (PyTorch's
/// `average_attn_weights=False`). A masked key gets weight exactly 0; a query
/// whose keys are all masked gets a zero head output, so its output is
/// `b_output` (PyTorch gives NaN there).
///
/// Parameters: `W_query` (features_q, units), `W_key` (features_k, units),
/// `W_value` (features_v, units), `W_output` (units, outputUnits) and biases
/// `b_query`, `b_key`, `b_value` (units,) and `b_output` (outputUnits,).
/// Defaults: `GlorotUniform()` for the matrices, `Constant(0)` for the biases
/// (`nil` for none). From PyTorch: `W_query = in_proj_weight[0..<E]ᵀ` (or
/// `q_proj_weight ᵀ`), and so on for the key and value, `W_output = out_proj.weightᵀ`.
///
/// ```swift
/// let x = try InputLayer(shape: [nil, nil, 64], name: "x")
/// let mask = try InputLayer(shape: [nil, nil], name: "mask")
/// let selfAttention = try MultiHeadAttentionLayer(query: x, key: x, value: x, heads: 8, mask: mask, causal: true, name: "attention")
/// ```
public final class MultiHeadAttentionLayer: AttentionLayerBase, @unchecked Sendable {
    /// The number of heads.
    public let heads: Int
    /// The size of all heads together (each head has units / heads).
    public let units: Int
    /// The output feature size.
    public let outputUnits: Int
    /// The query projection, (features_q, units).
    public let W_query: Expr
    /// The key projection, (features_k, units).
    public let W_key: Expr
    /// The value projection, (features_v, units).
    public let W_value: Expr
    /// The output projection, (units, outputUnits).
    public let W_output: Expr
    /// The projection biases, or `nil`.
    public let b_query: Expr?, b_key: Expr?, b_value: Expr?, b_output: Expr?

    /// - Parameters:
    ///   - query: the queries, (batch, queries, features_q).
    ///   - key: the keys, (batch, keys, features_k).
    ///   - value: the values, (batch, keys, features_v); `nil` to use the keys.
    ///   - heads: the number of heads.
    ///   - units: the size of all heads together, a multiple of `heads` (default features_q, as PyTorch's `embed_dim`).
    ///   - outputUnits: the output feature size (default features_q).
    ///   - mask: a key-padding mask, (batch, keys), nonzero for real steps (PyTorch's `key_padding_mask` is the opposite: true to ignore).
    ///   - causal: let query i attend only to keys j ≤ i.
    ///   - name: the layer name, the prefix of its parameter names.
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` when `heads` does not divide `units` or a shape does not fit.
    public init(query: Layer, key: Layer, value: Layer? = nil, heads: Int, units: Int? = nil, outputUnits: Int? = nil,
                W_query: any ParameterSource = GlorotUniform(), W_key: any ParameterSource = GlorotUniform(),
                W_value: any ParameterSource = GlorotUniform(), W_output: any ParameterSource = GlorotUniform(),
                b_query: (any ParameterSource)? = Constant(0), b_key: (any ParameterSource)? = Constant(0),
                b_value: (any ParameterSource)? = Constant(0), b_output: (any ParameterSource)? = Constant(0),
                mask: Layer? = nil, causal: Bool = false, name: String? = nil) throws {
        self.heads = heads
        let features = try query.outputShape.last ?? nil
        let (units, outputUnits) = (units ?? features ?? 0, outputUnits ?? features ?? 0)
        (self.units, self.outputUnits) = (units, outputUnits)
        let label = name ?? "MultiHeadAttentionLayer"
        let sizes = try AttentionLayerBase.featureSizes(query: query, key: key, value: value, mask: mask, layer: label)
        guard heads > 0, units > 0, units % heads == 0, outputUnits > 0 else {
            throw LaminaError.invalidLayer(layer: label, detail: "needs heads > 0 dividing units > 0 and outputUnits > 0, got heads \(heads), units \(units), outputUnits \(outputUnits)")
        }
        var made = ParameterBuilder(prefix: name, label: label)
        self.W_query = try made.add(W_query, shape: [sizes.query, units], name: "W_query", role: Role.weight)
        self.W_key = try made.add(W_key, shape: [sizes.key, units], name: "W_key", role: Role.weight)
        self.W_value = try made.add(W_value, shape: [sizes.value, units], name: "W_value", role: Role.weight)
        self.W_output = try made.add(W_output, shape: [units, outputUnits], name: "W_output", role: Role.weight)
        func bias(_ source: (any ParameterSource)?, _ size: Int, _ name: String) throws -> Expr? {
            try source.map { try made.add($0, shape: [size], name: name, role: Role.bias, tags: .bias) }
        }
        self.b_query = try bias(b_query, units, "b_query")
        self.b_key = try bias(b_key, units, "b_key")
        self.b_value = try bias(b_value, units, "b_value")
        self.b_output = try bias(b_output, outputUnits, "b_output")
        try super.init(query: query, key: key, value: value, mask: mask, causal: causal, name: name)
        registerParameters(made)
    }

    public override var weightsShape: [Int?] { [inputShapes[0][0], heads, inputShapes[0][1], inputShapes[1][1]] }

    public override func outputShape(for inputShapes: [[Int?]]) throws -> [Int?] {
        [inputShapes[0][0], inputShapes[0][1], outputUnits]
    }

    public override func attention(query: Expr, key: Expr, value: Expr, mask: Expr?, deterministic: Bool) throws -> AttentionResult {
        let headUnits = units / heads
        /// x·W + b, split into heads: (batch, heads, steps, headUnits).
        func project(_ x: Expr, _ W: Expr, _ b: Expr?) throws -> Expr {
            var y = try x.dot(W)
            if let b { y = try y + b }
            return try y.reshape([.copy(0), .copy(1), .size(heads), .size(headUnits)]).dimshuffle([0, 2, 1, 3])
        }
        let r = try scaledDotProductAttention(query: try project(query, W_query, b_query), key: try project(key, W_key, b_key),
                                              value: try project(value, W_value, b_value), keyMask: mask, causal: causal)
        let joined = try r.output.dimshuffle([0, 2, 1, 3]).reshape([.copy(0), .copy(1), .size(units)])   // (batch, queries, units)
        var y = try joined.dot(W_output)
        if let b_output { y = try y + b_output }
        return AttentionResult(output: y, weights: r.weights)
    }
}
