import LaminaGraph

/// The output and the weights of an attention step.
public struct AttentionResult {
    /// The weighted sums of the values, (batch, …, queries, value features).
    public let output: Expr
    /// The attention weights, (batch, …, queries, keys); each row sums to 1,
    /// or is all 0 when every key of the row is masked.
    public let weights: Expr
}

/// Scaled dot-product attention (Vaswani et al. 2017, eq. 1), with masks:
///
///     W = maskedSoftmax(Q·Kᵀ / √d_k, keep),   output = W·V
///
/// for Q (batch, …, queries, d_k), K (batch, …, keys, d_k) and V
/// (batch, …, keys, d_v) with the same leading axes (heads, for instance).
/// Masked positions get weight exactly 0; a query whose keys are all masked
/// gets the zero vector (see ``maskedSoftmax(_:keep:)``). The values agree
/// with PyTorch's `F.scaled_dot_product_attention` wherever a row keeps a key.
///
/// ```swift
/// let r = try scaledDotProductAttention(query: q, key: k, value: v, keyMask: lengthsMask, causal: true)
/// // r.output (batch, queries, d_v), r.weights (batch, queries, keys)
/// ```
/// - Parameters:
///   - keyMask: (batch, keys), nonzero for a real key step, or `nil`.
///   - causal: mask key j > query i (top-left aligned, as PyTorch's `is_causal`).
///   - scale: the factor on Q·Kᵀ, by default 1/√d_k.
/// - Throws: ``LaminaError/invalidArgument(function:detail:)`` when the ranks or feature sizes do not fit.
public func scaledDotProductAttention(query: Expr, key: Expr, value: Expr, keyMask: Expr? = nil, causal: Bool = false,
                                      scale: Double? = nil) throws -> AttentionResult {
    let function = "scaledDotProductAttention"
    guard query.rank >= 3, key.rank == query.rank, value.rank == query.rank else {
        throw LaminaError.invalidArgument(function: function, detail: "query, key and value need the same rank ≥ 3 (batch, …, steps, features), got \(query.type), \(key.type), \(value.type)")
    }
    guard let dk = query.shape.last!, key.shape.last! == nil || key.shape.last! == dk else {
        throw LaminaError.invalidArgument(function: function, detail: "query and key need the same known feature size, got \(query.type) and \(key.type)")
    }
    if let mask = keyMask, mask.rank != 2 {
        throw LaminaError.invalidArgument(function: function, detail: "the key mask must be (batch, keys), got \(mask.type)")
    }
    let scores = try query.dot(key, transposeOther: true) * (scale ?? 1 / Double(dk).squareRoot())
    let weights = try maskedSoftmax(scores, keep: try attentionKeep(keyMask: keyMask, causal: causal, scores: scores))
    return AttentionResult(output: try weights.dot(value), weights: weights)
}
