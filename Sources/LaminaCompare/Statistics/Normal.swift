import Foundation

/// The standard normal distribution.
public enum StandardNormal {
    /// Φ(x) = erfc(−x/√2)/2.
    public static func cdf(_ x: Double) -> Double { erfc(-x / 2.0.squareRoot()) / 2 }

    /// P(Z >= x) = erfc(x/√2)/2, accurate far into the upper tail.
    public static func upperTail(_ x: Double) -> Double { erfc(x / 2.0.squareRoot()) / 2 }

    /// Two-sided p-value of a z statistic: 2·P(Z >= |z|), capped at 1.
    public static func twoSidedP(z: Double) -> Double { min(1, 2 * upperTail(abs(z))) }

    /// Φ⁻¹(p) for 0 < p < 1, by bisection on ``cdf(_:)`` to about 1e-13 (scipy.stats.norm.ppf).
    public static func quantile(_ p: Double) -> Double {
        guard p > 0, p < 1 else { return p <= 0 ? -.infinity : .infinity }
        return Bisection.root(low: -40, high: 40) { cdf($0) - p }
    }

    /// z for two-sided 95% intervals, Φ⁻¹(0.975) (scipy.stats.norm.ppf(0.975) = 1.959963984540054).
    public static let z975 = 1.959963984540054
}

/// Root finding for increasing functions.
enum Bisection {
    /// A root of `f` between `low` and `high`, where f(low) <= 0 <= f(high) (f increasing), to 1e-13 relative.
    static func root(low: Double, high: Double, _ f: (Double) -> Double) -> Double {
        var low = low, high = high
        for _ in 0..<200 {
            let mid = (low + high) / 2
            if mid == low || mid == high { break }
            if f(mid) < 0 { low = mid } else { high = mid }
            if high - low <= 1e-13 * max(1, abs(mid)) { break }
        }
        return (low + high) / 2
    }
}
