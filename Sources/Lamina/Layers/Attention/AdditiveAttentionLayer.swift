import LaminaGraph

/// Additive attention (Bahdanau, Cho & Bengio 2015, "Neural machine
/// translation by jointly learning to align and translate", eq. 6 and A.1.2).
/// For query qᵢ and key kⱼ of one sequence of the batch:
///
///     eᵢⱼ = vᵀ tanh(qᵢ·W_query + kⱼ·W_key + b)
///     aᵢⱼ = exp(eᵢⱼ) / Σⱼ′ exp(eᵢⱼ′)            (over the keys that are not masked)
///     outputᵢ = Σⱼ aᵢⱼ vⱼ                       (vⱼ: the value at key step j)
///
/// Inputs are (batch, queries, features_q), (batch, keys, features_k) and
/// (batch, keys, features_v) (the value defaults to the key, as in the
/// paper, where both are the encoder's annotations); the output is (batch,
/// queries, features_v), and ``AttentionWeightsLayer`` taps a (batch, queries, keys).
/// A masked key gets weight exactly 0; a query whose keys are all masked gets
/// the zero vector.
///
/// Parameters: `W_query` (features_q, units), `W_key` (features_k, units),
/// `b` (units,) and `v` (units,). Defaults: `GlorotUniform()` for the matrices,
/// `Constant(0)` for `b` (`nil` for no bias), `Normal(std: 0.01)` for `v`.
///
/// ```swift
/// let encoded = try LSTMLayer(incoming: source, units: 64, mask: sourceMask, name: "encoder")
/// let context = try AdditiveAttentionLayer(query: decoded, key: encoded, units: 32, mask: sourceMask, name: "attention")
/// let alignment = try AttentionWeightsLayer(of: context)          // (batch, target steps, source steps)
/// ```
public final class AdditiveAttentionLayer: AttentionLayerBase, @unchecked Sendable {
    /// The size of the hidden layer of the alignment model.
    public let units: Int
    /// The query weights, (features_q, units).
    public let W_query: Expr
    /// The key weights, (features_k, units).
    public let W_key: Expr
    /// The alignment bias, (units,), or `nil`.
    public let b: Expr?
    /// The alignment output weights, (units,).
    public let v: Expr

    /// - Parameters:
    ///   - query: the queries, (batch, queries, features_q) (a decoder's states).
    ///   - key: the keys, (batch, keys, features_k) (an encoder's annotations).
    ///   - value: the values, (batch, keys, features_v); `nil` to use the keys.
    ///   - units: the size of the alignment model's hidden layer.
    ///   - W_query, W_key, b, v: the parameters' sources (initializers, arrays or expressions).
    ///   - mask: a key-padding mask, (batch, keys), nonzero for real steps.
    ///   - causal: let query i attend only to keys j ≤ i.
    ///   - name: the layer name, the prefix of its parameter names.
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` when `units` is not positive or a shape does not fit.
    public init(query: Layer, key: Layer, value: Layer? = nil, units: Int,
                W_query: any ParameterSource = GlorotUniform(), W_key: any ParameterSource = GlorotUniform(),
                b: (any ParameterSource)? = Constant(0), v: any ParameterSource = Normal(std: 0.01),
                mask: Layer? = nil, causal: Bool = false, name: String? = nil) throws {
        self.units = units
        let label = name ?? "AdditiveAttentionLayer"
        let sizes = try AttentionLayerBase.featureSizes(query: query, key: key, value: value, mask: mask, layer: label)
        guard units > 0 else { throw LaminaError.invalidLayer(layer: label, detail: "units must be positive, got \(units)") }
        var made = ParameterBuilder(prefix: name, label: label)
        self.W_query = try made.add(W_query, shape: [sizes.query, units], name: "W_query", role: Role.weight)
        self.W_key = try made.add(W_key, shape: [sizes.key, units], name: "W_key", role: Role.weight)
        self.b = try b.map { try made.add($0, shape: [units], name: "b", role: Role.bias, tags: .bias) }
        self.v = try made.add(v, shape: [units], name: "v", role: Role.weight)
        try super.init(query: query, key: key, value: value, mask: mask, causal: causal, name: name)
        registerParameters(made)
    }

    public override func outputShape(for inputShapes: [[Int?]]) throws -> [Int?] {
        [inputShapes[0][0], inputShapes[0][1], inputShapes[2][2]]
    }

    public override func attention(query: Expr, key: Expr, value: Expr, mask: Expr?, deterministic: Bool) throws -> AttentionResult {
        var projectedKey = try key.dot(W_key)                                        // (batch, keys, units)
        if let b { projectedKey = try projectedKey + b }
        let projectedQuery = try query.dot(W_query)                                  // (batch, queries, units)
        let weights = try additiveAttentionWeights(projectedQuery: projectedQuery.dimshuffle([0, 1, nil, 2]),
                                                   projectedKeys: projectedKey.dimshuffle([0, nil, 1, 2]),
                                                   v: v, keyMask: mask, causal: causal)   // (batch, queries, keys)
        return AttentionResult(output: try weights.dot(value), weights: weights)
    }
}
