import LaminaGraph

/// Sets each input element to zero with probability p during training
/// (Srivastava et al. 2014; Lasagne's `DropoutLayer(p=0.5, rescale=True, shared_axes=())`).
///
/// y = x ⊙ m / (1 − p) with m ~ Bernoulli(1 − p) (without the division when
/// `rescale` is false). With `sharedAxes`, one mask value is drawn per
/// position of the other axes and broadcast over the shared ones (spatial
/// dropout: `sharedAxes: [2, 3]` drops whole feature maps). With
/// `deterministic`, or p = 0, the layer passes its input through.
///
/// Masks come from the layer's own ``RandomStream``, seeded from
/// ``LayerDefaults`` (or `seed`); a compiled function draws a new mask on
/// every call. Outputs computed in one ``output(of:inputs:deterministic:)``
/// call share one mask.
public final class DropoutLayer: Layer, @unchecked Sendable {
    /// The probability of dropping an element.
    public let p: Double
    /// Whether kept elements are divided by 1 − p.
    public let rescale: Bool
    /// Axes along which the mask is shared.
    public let sharedAxes: [Int]
    /// The stream the masks are drawn from.
    public let stream: RandomStream

    /// - Parameters:
    ///   - incoming: the layer whose output this layer takes.
    ///   - p: the probability of dropping an element (default 0.5).
    ///   - rescale: divide kept elements by 1 − p (default true).
    ///   - sharedAxes: axes along which one mask value is shared.
    ///   - seed: the mask stream's seed (default: drawn from ``LayerDefaults``).
    ///   - name: the layer name.
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` when p is not in [0, 1) or an axis is out of range.
    public init(incoming: Layer, p: Double = 0.5, rescale: Bool = true, sharedAxes: [Int] = [], seed: UInt64? = nil,
                name: String? = nil) throws {
        let rank = try incoming.outputShape.count
        self.sharedAxes = try normalizedAxes(sharedAxes, rank: rank, layer: name ?? "DropoutLayer")
        self.p = p
        self.rescale = rescale
        stream = RandomStream(seed: seed ?? LayerDefaults.nextSeed(), name: name.map { "\($0).rng" } ?? "dropout.rng")
        try super.init(incoming: incoming, name: name)
        guard p >= 0 && p < 1 else {
            throw LaminaError.invalidLayer(layer: displayName, detail: "the dropout probability p must be in [0, 1), got \(p)")
        }
    }

    public override func output(for inputs: [Expr], deterministic: Bool) throws -> Expr {
        let x = inputs[0]
        if deterministic || p == 0 { return x }
        let kept = 1 - p
        let scaled = rescale ? try x / kept : x
        let mask = try stream.bernoulli(p: kept, like: firstElements(of: x, along: sharedAxes))
        return try scaled * mask
    }
}
