import LaminaGraph

/// The weights of additive (Bahdanau) attention, the one implementation that
/// ``AdditiveAttentionLayer`` and ``AttentionDecoderCell`` share:
///
///     e = v · tanh(q̃ + k̃),   α = softmax(e) over the positions that are kept
///
/// where q̃ = q·W_query is the projected query and k̃ = k·W_key + b the projected
/// keys, each arranged by the caller so that their sum broadcasts to
/// (…, keys, units): the layer passes (batch, queries, 1, units) and
/// (batch, 1, keys, units), the decoder's step (batch, 1, units) and
/// (batch, keys, units). The masking is ``maskedSoftmax(_:keep:)``'s: a masked
/// key gets weight exactly 0, a query whose keys are all masked gets all zeros.
///
/// - Parameters:
///   - projectedQuery: q̃, broadcastable against `projectedKeys`.
///   - projectedKeys: k̃.
///   - v: the alignment output weights (units,).
///   - keyMask: an optional (batch, keys) mask, nonzero on real keys.
///   - causal: also mask key j > query i (scores of rank ≥ 3 only).
/// - Returns: α, of the shape of the scores e (the broadcast shape without its last axis).
func additiveAttentionWeights(projectedQuery: Expr, projectedKeys: Expr, v: Expr, keyMask: Expr?, causal: Bool = false) throws -> Expr {
    let scores = try (projectedQuery + projectedKeys).tanh().dot(v)
    return try maskedSoftmax(scores, keep: attentionKeep(keyMask: keyMask, causal: causal, scores: scores))
}
