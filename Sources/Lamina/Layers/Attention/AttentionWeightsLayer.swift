import LaminaGraph

/// A layer whose output is the attention weights of an attention layer, from
/// the same graph that computes its output: (batch, queries, keys) for
/// ``AdditiveAttentionLayer``, (batch, heads, queries, keys) for
/// ``MultiHeadAttentionLayer``.
///
/// Ask for it together with the attention layer (or anything above it) in one
/// ``output(of:inputs:deterministic:)`` call; the attention layer's output must
/// be computed in that pass (not replaced through `inputs`).
///
/// ```swift
/// let attention = try MultiHeadAttentionLayer(query: x, key: x, value: x, heads: 4, mask: mask, name: "self")
/// let weights = try AttentionWeightsLayer(of: attention)
/// let values = try output(of: [attention, weights])   // values[1]: (batch, 4, steps, steps)
/// ```
public final class AttentionWeightsLayer: Layer, @unchecked Sendable {
    /// The attention layer tapped.
    public let attention: AttentionLayerBase

    /// A tap on the weights of `attention`, computed in the same pass as its output.
    public init(of attention: AttentionLayerBase, name: String? = nil) throws {
        self.attention = attention
        try super.init(incoming: attention, name: name)
    }

    public override func outputShape(for inputShapes: [[Int?]]) throws -> [Int?] { attention.weightsShape }

    public override func output(for inputs: [Expr], deterministic: Bool) throws -> Expr {
        guard let weights = attention.attentionWeights(producing: inputs[0]) else {
            throw LaminaError.invalidLayer(layer: displayName, detail: "the output of \(attention.displayName) was not computed by it in this pass (was it replaced through `inputs`?); tap its weights from a pass that computes \(attention.displayName)")
        }
        return weights
    }
}
