/// How much the final metric moves when only rounding changes: the spread of noise-floor repeats.
///
/// For each (profile, seed) with at least one repeat (a record with `perturbation`), the sample SD of the
/// finished final metrics of its ordinary run and its repeats; σ_noise pools them:
/// σ² = Σ(kᵢ − 1)sᵢ² / Σ(kᵢ − 1), kᵢ the values of group i. A mean paired difference of two profiles over n
/// seeds then carries rounding noise of SD σ·√(2/n) (each seed's difference is two independent draws);
/// a difference **exceeds the noise floor** when |d̄| > 1.96·σ·√(2/n), beyond the two-sided 95% range of
/// rounding alone. The pooling divides the groups' SDs by a power of two near the largest
/// (``PowerOfTwoScale``) before squaring, so σ neither overflows on metrics near 1e300 nor underflows to 0
/// on metrics near 1e-300: c times the metrics gives c·σ, and the same "exceeds" verdicts.
public struct NoiseFloor: Sendable, Equatable {
    /// Pooled σ_noise.
    public var sigma: Double
    /// (profile, seed) groups pooled.
    public var groups: Int
    /// Repeats (perturbed runs) in them.
    public var repeats: Int

    /// The noise floor of `records` (one task: ordinary runs and repeats); nil without a group of two or more
    /// finished values.
    public init?(records: [RunRecord]) {
        let ordinary = records.filter { $0.perturbation == nil && $0.implementation == nil }
        let perturbed = records.filter { $0.perturbation != nil && $0.implementation == nil }
        var keys: [String] = []
        for r in perturbed where !keys.contains("\(r.profile)|\(r.seed)") { keys.append("\(r.profile)|\(r.seed)") }
        var spreads: [(sd: Double, degrees: Int)] = [], repeats = 0
        for key in keys.sorted() {
            let members = (ordinary + perturbed).filter { "\($0.profile)|\($0.seed)" == key }
                .sorted { ($0.perturbation ?? 0) < ($1.perturbation ?? 0) }
            let values = members.filter { !$0.diverged && $0.testMetric.isFinite }.map(\.testMetric)
            guard values.count >= 2 else { continue }
            spreads.append((Descriptive(values).standardDeviation, values.count - 1))
            repeats += members.filter { $0.perturbation != nil }.count
        }
        guard !spreads.isEmpty else { return nil }
        sigma = Self.pooled(spreads)
        groups = spreads.count
        self.repeats = repeats
    }

    /// √(Σ kᵢ·sᵢ² / Σ kᵢ) for SDs sᵢ on kᵢ degrees of freedom, squared after division by a power of two.
    static func pooled(_ spreads: [(sd: Double, degrees: Int)]) -> Double {
        let scale = PowerOfTwoScale.of(spreads.map(\.sd))
        var sumSquares = 0.0, degrees = 0
        for (sd, k) in spreads {
            let scaled = sd / scale
            sumSquares += scaled * scaled * Double(k)
            degrees += k
        }
        return (sumSquares / Double(degrees)).squareRoot() * scale
    }

    /// 1.96·σ·√(2/n): the largest |mean paired difference| over n seeds that rounding alone explains.
    public func threshold(pairs n: Int) -> Double { StandardNormal.z975 * sigma * (2 / Double(n)).squareRoot() }
}
