import Foundation

/// The Mann–Whitney U test of equal distributions, two-sided, for two independent samples.
///
/// U₁ = R₁ − n₁(n₁+1)/2 with R₁ the rank sum of the first sample in the pooled ranking (average ranks
/// for ties). As in `scipy.stats.mannwhitneyu` (default method "auto"):
/// - exact when either sample has at most 8 values and there are no ties: p = min(1, 2·P(U >= max(U₁, U₂)))
///   under the null distribution of U, counted by dynamic programming;
/// - otherwise the normal approximation with tie and continuity correction:
///   z = (max(U₁, U₂) − n₁n₂/2 − 1/2) / σ, σ² = n₁n₂/12 · ((n+1) − Σ(t³−t)/(n(n−1))), p = 2·P(Z >= z).
public struct MannWhitneyU: Sendable, Equatable {
    /// U of the first sample.
    public var u: Double
    /// Two-sided p-value.
    public var p: Double
    /// Whether p is exact.
    public var exact: Bool

    /// Tests `first` against `second`; nil when either is empty.
    public init?(_ first: [Double], _ second: [Double]) {
        guard !first.isEmpty, !second.isEmpty else { return nil }
        let n1 = first.count, n2 = second.count
        let pooled = first + second
        let ranks = Spearman.ranks(pooled)
        let r1 = ranks[0..<n1].reduce(0, +)
        u = r1 - Double(n1 * (n1 + 1)) / 2
        let u2 = Double(n1 * n2) - u
        let big = max(u, u2)
        let ties = WilcoxonSignedRank.tieGroupSizes(pooled)
        if (n1 <= 8 || n2 <= 8) && ties.allSatisfy({ $0 == 1 }) {
            exact = true
            p = min(1, 2 * Self.exactUpperTail(Int(big.rounded()), n1, n2))
        } else {
            exact = false
            let n = Double(n1 + n2)
            let tieTerm = ties.reduce(0.0) { $0 + Double($1 * $1 * $1 - $1) } / (n * (n - 1))
            let sd = (Double(n1 * n2) / 12 * ((n + 1) - tieTerm)).squareRoot()
            p = sd > 0 ? min(1, 2 * StandardNormal.upperTail((big - Double(n1 * n2) / 2 - 0.5) / sd)) : 1
        }
    }

    /// P(U >= u) for sample sizes m and n without ties: the share of the C(m+n, m) arrangements whose U is
    /// at least u (counts of U by the recursion on the largest value's sample).
    static func exactUpperTail(_ u: Int, _ m: Int, _ n: Int) -> Double {
        // counts[i][j][s]: arrangements of i first-sample and j second-sample values with U = s;
        // kept as a rolling table over i.
        let maxU = m * n
        var previous = [[Double]](repeating: [Double](repeating: 0, count: maxU + 1), count: n + 1)
        for j in 0...n { previous[j][0] = 1 }
        for i in 1...m {
            var current = [[Double]](repeating: [Double](repeating: 0, count: maxU + 1), count: n + 1)
            current[0][0] = 1
            for j in 1...max(1, n) where j <= n {
                for s in 0...(i * j) {
                    // The largest value is from the first sample (it beats all j) or from the second.
                    var c = current[j - 1][s]
                    if s >= j { c += previous[j][s - j] }
                    current[j][s] = c
                }
            }
            previous = current
        }
        let counts = previous[n]
        let total = counts.reduce(0, +)
        let upper = counts[min(max(u, 0), maxU)...].reduce(0, +)
        return upper / total
    }
}
