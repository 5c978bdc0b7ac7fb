import Foundation

/// The Mann–Whitney U test of equal distributions, two-sided, for two independent samples.
///
/// U₁ = R₁ − n₁(n₁+1)/2 with R₁ the rank sum of the first sample in the pooled ranking (average ranks,
/// mid-ranks, for ties).
/// - Exact when either sample has at most 8 values (SciPy's `method='auto'` limit), ties or not: under the
///   null hypothesis each of the C(n₁+n₂, n₁) splits of the observed pooled ranks into the two samples is
///   equally likely, and p = min(1, 2·min(P(U <= U₁), P(U >= U₁))) (the smaller tail doubled, as SciPy
///   does; with ties the distribution need not be symmetric), counted over the splits by dynamic
///   programming on the doubled (integer) ranks. Without ties this is
///   `scipy.stats.mannwhitneyu(..., method='exact')`; with ties, SciPy's permutation test
///   (`method=scipy.stats.PermutationMethod()`): the distribution conditional on the observed ranks, so
///   no p falls below the smallest one a split can give (the normal approximation can).
/// - Otherwise the normal approximation with tie and continuity correction:
///   z = (max(U₁, U₂) − n₁n₂/2 − 1/2) / σ, σ² = n₁n₂/12 · ((n+1) − Σ(t³−t)/(n(n−1))), p = 2·P(Z >= z).
/// All values equal gives p = 1 either way.
public struct MannWhitneyU: Sendable, Equatable {
    /// U of the first sample.
    public var u: Double
    /// Two-sided p-value.
    public var p: Double
    /// Whether p is exact.
    public var exact: Bool

    /// The largest size of the smaller sample for which p is exact.
    public static let exactLimit = 8

    /// Tests `first` against `second`; nil when either is empty or a value is NaN (it has no rank).
    public init?(_ first: [Double], _ second: [Double]) {
        guard !first.isEmpty, !second.isEmpty, !(first + second).contains(where: \.isNaN) else { return nil }
        let n1 = first.count, n2 = second.count
        let pooled = first + second
        let ranks = Spearman.ranks(pooled)
        let r1 = ranks[0..<n1].reduce(0, +)
        u = r1 - Double(n1 * (n1 + 1)) / 2
        let u2 = Double(n1 * n2) - u
        let big = max(u, u2)
        if min(n1, n2) <= Self.exactLimit {
            exact = true
            // The smaller sample's ranks: R₁ + R₂ is fixed, so its lower tail is the other's upper tail.
            let chosen = n1 <= n2 ? Array(ranks[0..<n1]) : Array(ranks[n1...])
            p = Self.exactTwoSidedP(chosen: chosen, pooled: ranks)
        } else {
            exact = false
            let ties = WilcoxonSignedRank.tieGroupSizes(pooled)
            let n = Double(n1 + n2)
            let tieTerm = ties.reduce(0.0) { $0 + Double($1 * $1 * $1 - $1) } / (n * (n - 1))
            let sd = (Double(n1 * n2) / 12 * ((n + 1) - tieTerm)).squareRoot()
            p = sd > 0 ? min(1, 2 * StandardNormal.upperTail((big - Double(n1 * n2) / 2 - 0.5) / sd)) : 1
        }
    }

    /// min(1, 2·min(P(R <= r), P(R >= r))) for R the rank sum of k = `chosen.count` of the `pooled` ranks
    /// drawn without replacement (every subset equally likely) and r the sum of `chosen`. Counted on
    /// doubled ranks (integers): counts[j][s] is the number of j-subsets with doubled sum s.
    static func exactTwoSidedP(chosen: [Double], pooled: [Double]) -> Double {
        let k = chosen.count
        let doubled = pooled.map { Int(($0 * 2).rounded()) }
        let maxSum = doubled.sorted(by: >).prefix(k).reduce(0, +)
        var counts = [[Double]](repeating: [Double](repeating: 0, count: maxSum + 1), count: k + 1)
        counts[0][0] = 1
        for r in doubled {
            for j in stride(from: k, through: 1, by: -1) {
                for s in stride(from: maxSum, through: r, by: -1) where counts[j - 1][s - r] > 0 {
                    counts[j][s] += counts[j - 1][s - r]
                }
            }
        }
        let observed = Int((chosen.reduce(0, +) * 2).rounded())
        var below = 0.0, above = 0.0, total = 0.0
        for s in 0...maxSum {
            total += counts[k][s]
            if s <= observed { below += counts[k][s] }
            if s >= observed { above += counts[k][s] }
        }
        return min(1, 2 * min(below, above) / total)
    }
}
