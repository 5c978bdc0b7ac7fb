/// A deterministic SplitMix64 generator, so bootstrap intervals are reproducible.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Seeds the generator.
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Percentile bootstrap confidence interval of the mean.
public enum Bootstrap {
    /// The `level` (default 95%) percentile interval of the mean over `resamples` resamples drawn with a
    /// generator seeded with `seed`. The resampled sums are taken on the values divided by a power of two
    /// near their largest magnitude (``PowerOfTwoScale``), so they do not overflow near 1e308 and c·x gives c
    /// times the interval of x. A sample of equal values gives that value twice (every resample's mean is
    /// it); an empty one, one with a value that is not finite, or `resamples` < 1 gives NaN twice.
    public static func meanInterval(_ values: [Double], level: Double = 0.95, resamples: Int = 10_000,
                                    seed: UInt64 = 20_260_601) -> (lower: Double, upper: Double) {
        guard !values.isEmpty, resamples >= 1, values.allSatisfy(\.isFinite) else { return (.nan, .nan) }
        guard values.contains(where: { $0 != values[0] }) else { return (values[0], values[0]) }
        let scale = PowerOfTwoScale.of(values)
        let scaled = values.map { $0 / scale }
        var generator = SplitMix64(seed: seed)
        var means = [Double](repeating: 0, count: resamples)
        let n = scaled.count
        for r in 0..<resamples {
            var sum = 0.0
            for _ in 0..<n { sum += scaled[Int.random(in: 0..<n, using: &generator)] }
            means[r] = sum / Double(n)
        }
        means.sort()
        let alpha = (1 - level) / 2
        return (quantile(means, alpha) * scale, quantile(means, 1 - alpha) * scale)
    }

    /// Linear-interpolated quantile of sorted values (numpy's default method); NaN when `sorted` is empty.
    public static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let position = q * Double(sorted.count - 1)
        let low = Int(position.rounded(.down)), high = min(low + 1, sorted.count - 1)
        return sorted[low] + (sorted[high] - sorted[low]) * (position - Double(low))
    }
}
