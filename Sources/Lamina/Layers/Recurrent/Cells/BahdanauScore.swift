import LaminaGraph

/// Additive (Bahdanau et al. 2015) attention of one query over a set of
/// keys, with a mask:
///
///     e_j = v · tanh(q·W_q + k_j),   α = softmax_j(e_j) over the unmasked j,   c = Σ_j α_j m_j
///
/// - Parameters:
///   - query: q (batch, H).
///   - keys: the projected keys k_j = E_j·W_k + b (batch, S, A), computed once per sequence.
///   - values: the values m_j (batch, S, He), usually the encoder states E.
///   - mask: an optional (batch, S) mask, nonzero on real positions; masked positions get α_j = 0.
///   - queryWeights: W_q (H, A).
///   - v: v (A,).
/// - Returns: the context c (batch, He) and the weights α (batch, S).
func additiveAttention(query: Expr, keys: Expr, values: Expr, mask: Expr?, queryWeights: Expr, v: Expr) throws -> (context: Expr, weights: Expr) {
    let projected = try query.dot(queryWeights).dimshuffle([0, nil, 1])          // (batch, 1, A)
    var scores = try (keys + projected).tanh().dot(v)                           // (batch, S)
    if let mask {
        // −1e9 on padded positions: exp underflows to 0 in float32 and float64, as does its gradient.
        scores = try scores * mask + (mask - 1) * 1e9
    }
    let weights = try scores.softmax()
    let context = try (weights.dimshuffle([0, 1, nil]) * values).sum(axes: [1])   // (batch, He)
    return (context, weights)
}
