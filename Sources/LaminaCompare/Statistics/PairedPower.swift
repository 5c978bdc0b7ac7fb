import Foundation

/// Sample sizes for the paired t-test, from the noncentral t distribution.
public enum PairedPower {
    /// The power of the two-sided paired t-test at level `alpha` with n pairs and true effect d_z:
    /// P(|T| > t₁₋α/₂,ₙ₋₁) for T noncentral t with n − 1 degrees of freedom and δ = d_z·√n.
    public static func power(pairs n: Int, dz: Double, alpha: Double = 0.05) -> Double {
        guard n >= 2 else { return .nan }
        let df = Double(n - 1), delta = abs(dz) * Double(n).squareRoot()
        let critical = StudentT.quantile(1 - alpha / 2, degreesOfFreedom: df)
        return 1 - NoncentralT.cdf(critical, degreesOfFreedom: df, noncentrality: delta)
            + NoncentralT.cdf(-critical, degreesOfFreedom: df, noncentrality: delta)
    }

    /// The smallest number of pairs (seeds) n >= 2 whose power reaches `power` (default 80%) at `alpha`
    /// (default 0.05, two-sided) for effect d_z, by iterating n with the exact noncentral t (no normal
    /// approximation); nil when it needs more than `limit` pairs (as for d_z = 0).
    /// Cohen (1988) and G*Power give 34 pairs for d_z = 0.5.
    public static func requiredPairs(dz: Double, power target: Double = 0.8, alpha: Double = 0.05,
                                     limit: Int = 100_000) -> Int? {
        guard dz.isFinite, dz != 0 else { return dz.isFinite ? nil : 2 }
        // The normal approximation (z₁₋α/₂ + z_power)²/d² is a lower bound to start from, then step n up.
        let z = StandardNormal.quantile(1 - alpha / 2) + StandardNormal.quantile(target)
        let start = (z * z / (dz * dz)).rounded(.down) - 1
        guard start <= Double(limit) else { return nil }
        var n = max(2, Int(start))
        while power(pairs: n, dz: dz, alpha: alpha) < target {
            n += 1
            if n > limit { return nil }
        }
        // Step down in case the start overshot (it should not).
        while n > 2 && power(pairs: n - 1, dz: dz, alpha: alpha) >= target { n -= 1 }
        return n
    }
}
