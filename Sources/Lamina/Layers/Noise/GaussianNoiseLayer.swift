import LaminaGraph

/// Adds zero-mean Gaussian noise during training (Lasagne's
/// `GaussianNoiseLayer(sigma=0.1)`): y = x + ε with ε ~ N(0, σ²), fresh on
/// every call of a compiled function; with `deterministic`, or σ = 0, y = x.
/// The noise comes from the layer's own ``RandomStream``, seeded from
/// ``LayerDefaults`` (or `seed`).
public final class GaussianNoiseLayer: Layer, @unchecked Sendable {
    /// The standard deviation σ of the noise.
    public let sigma: Double
    /// The stream the noise is drawn from.
    public let stream: RandomStream

    /// - Parameters:
    ///   - incoming: the layer whose output this layer takes.
    ///   - sigma: σ (default 0.1).
    ///   - seed: the noise stream's seed (default: drawn from ``LayerDefaults``).
    ///   - name: the layer name.
    public init(incoming: Layer, sigma: Double = 0.1, seed: UInt64? = nil, name: String? = nil) throws {
        self.sigma = sigma
        stream = RandomStream(seed: seed ?? LayerDefaults.nextSeed(), name: name.map { "\($0).rng" } ?? "noise.rng")
        try super.init(incoming: incoming, name: name)
        guard sigma >= 0 else { throw LaminaError.invalidLayer(layer: displayName, detail: "sigma must be ≥ 0, got \(sigma)") }
    }

    public override func output(for inputs: [Expr], deterministic: Bool) throws -> Expr {
        let x = inputs[0]
        if deterministic || sigma == 0 { return x }
        return try x + stream.normal(like: x, std: sigma)
    }
}
