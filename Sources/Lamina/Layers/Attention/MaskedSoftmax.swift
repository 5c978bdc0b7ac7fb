import LaminaGraph
import LaminaTensor

/// The score given to a masked position before the softmax: exp(−10³⁰ − m)
/// is exactly 0 in float32 and float64 for any finite row maximum m that is
/// not itself near −10³⁰.
let maskedScore = -1e30

/// Softmax over the last axis of `scores` that gives masked positions a
/// weight of exactly 0:
///
///     w = softmax(where(keep, s, −10³⁰)) · keep
///
/// where `keep` (broadcast to the scores' shape) is 1 for a position that may
/// be attended to and 0 for one that may not. In a row with at least one kept
/// position the masked scores underflow to exactly 0 and the kept weights sum
/// to 1, as in `softmax(s + log keep)`. **A fully masked row gets all weights
/// 0** (not NaN, and not the uniform 1/n a large negative bias alone would give),
/// so its attention output is the zero vector; no gradient flows through it.
///
/// - Parameters:
///   - scores: float scores (…, keys).
///   - keep: `nil` for a plain softmax, or a 0/1 array of the scores' dtype broadcastable to them.
public func maskedSoftmax(_ scores: Expr, keep: Expr?) throws -> Expr {
    guard let keep else { return try scores.softmax() }
    return try Expr.select(keep, scores, scores.literal(maskedScore)).softmax() * keep
}

/// A 0/1 mask of dtype `dtype`: 1 where `mask` is nonzero (the library's
/// convention for masks: nonzero marks a real step).
func keepMask(_ mask: Expr, dtype: DType) throws -> Expr {
    try mask.isNotEqual(to: mask.literal(0)).cast(to: dtype)
}

/// The positions each query may attend to, as one 0/1 array broadcastable to
/// scores of shape (batch, heads…, queries, keys), or `nil` when all are kept.
/// - Parameters:
///   - keyMask: (batch, keys), nonzero for a real key step (a key-padding mask).
///   - causal: also mask key j > query i (the future, PyTorch's `is_causal`).
///   - scores: the scores, for their rank, dtype and (for the causal mask) last two sizes.
func attentionKeep(keyMask: Expr?, causal: Bool, scores: Expr) throws -> Expr? {
    var keep: Expr?
    if let keyMask {
        let middle = [Int?](repeating: nil, count: scores.rank - 2)
        keep = try keepMask(keyMask, dtype: scores.dtype).dimshuffle([0] + middle + [1])
    }
    if causal {
        let triangle = try scores.triangularMask()
        keep = try keep.map { try $0 * triangle } ?? triangle
    }
    return keep
}
