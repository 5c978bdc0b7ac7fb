import Foundation

/// The Wilcoxon signed-rank test of paired differences, two-sided, zeros dropped.
///
/// Zero differences are dropped before ranking (Wilcoxon's own method, Wilcoxon 1945, Biometrics Bull.
/// 1(6); `zero_method='wilcox'`, SciPy's default). With d the n nonzero differences and the ranks of |d|
/// (tied |d| get their average rank, the mid-rank), W+ and W− are the rank sums of the positive and
/// negative differences, and the statistic is min(W+, W−), as `scipy.stats.wilcoxon` reports it.
/// - Exact (n <= ``exactLimit``, ties or not): under the null hypothesis each of the 2ⁿ sign assignments
///   of the observed ranks is equally likely; p = P(|W+ − μ| >= |w − μ|) with μ = n(n+1)/4, counted over
///   those 2ⁿ assignments by dynamic programming on the doubled (integer) ranks. Without ties this is
///   `scipy.stats.wilcoxon(..., method='exact')`; with ties or dropped zeros it is SciPy's permutation
///   test (`method=scipy.stats.PermutationMethod()`, exhaustive up to 13 pairs): the null distribution
///   conditional on the observed ranks. It never gives a p below 2/2ⁿ.
/// - Above ``exactLimit``: the normal approximation with the tie and continuity corrections,
///   z = (statistic − μ + ½) / √(n(n+1)(2n+1)/24 − Σ(t³−t)/48) over tie groups of size t (the ½ omitted
///   when statistic = μ), p = 2·Φ(−|z|) (`scipy.stats.wilcoxon(..., method='asymptotic', correction=True)`).
/// All differences zero (identical runs) gives statistic 0, count 0 and p = 1 exactly: every sign
/// assignment of nothing gives W+ = 0 (SciPy gives NaN).
public struct WilcoxonSignedRank: Sendable, Equatable {
    /// min(W+, W−).
    public var statistic: Double
    /// Nonzero differences used.
    public var count: Int
    /// Two-sided p-value.
    public var p: Double
    /// Whether p is exact (else the normal approximation).
    public var exact: Bool

    /// The largest number of nonzero differences for which the exact distribution is used (SciPy's
    /// `method='auto'` limit for untied data; 2⁵⁰ sign patterns still count exactly in a Double).
    public static let exactLimit = 50

    /// Tests the paired differences `differences` (first minus second, per seed). Nil when empty or when one
    /// is NaN (it has no rank); infinite differences rank above every finite one. Differences within
    /// `resolution` of zero count as zero, and magnitudes within `resolution` of the smallest of their run
    /// as tied (``PairedTTest/resolution(_:)``: 0.93 − 0.90 and 0.71 − 0.68 are the same 3 points).
    public init?(differences raw: [Double], resolution: Double = 0) {
        guard !raw.isEmpty, !raw.contains(where: \.isNaN) else { return nil }
        let differences = Self.snapped(raw, resolution: resolution)
        let nonzero = differences.filter { $0 != 0 }
        count = nonzero.count
        guard !nonzero.isEmpty else {
            statistic = 0; p = 1; exact = true
            return
        }
        let ranks = Spearman.ranks(nonzero.map(abs))
        var plus = 0.0, minus = 0.0
        for (d, r) in zip(nonzero, ranks) { if d > 0 { plus += r } else { minus += r } }
        statistic = min(plus, minus)
        let n = Double(nonzero.count)
        let mean = n * (n + 1) / 4
        if nonzero.count <= Self.exactLimit {
            exact = true
            p = Self.exactTwoSidedP(statistic: statistic, ranks: ranks)
        } else {
            exact = false
            let ties = Self.tieGroupSizes(nonzero.map(abs))
            let tieTerm = ties.reduce(0.0) { $0 + Double($1 * $1 * $1 - $1) } / 48
            let sd = (n * (n + 1) * (2 * n + 1) / 24 - tieTerm).squareRoot()
            let gap = statistic - mean
            let corrected = gap < 0 ? gap + 0.5 : 0
            p = sd > 0 ? StandardNormal.twoSidedP(z: corrected / sd) : 1
        }
    }

    /// P(|W+ − μ| >= |w − μ|) over the 2ⁿ equally likely sign assignments of `ranks` (mid-ranks, so each is
    /// a whole or half number), μ the half of their total. Counted on doubled ranks, which are integers.
    static func exactTwoSidedP(statistic w: Double, ranks: [Double]) -> Double {
        let doubled = ranks.map { Int(($0 * 2).rounded()) }
        let total = doubled.reduce(0, +)
        var counts = [Double](repeating: 0, count: total + 1)
        counts[0] = 1
        for r in doubled {
            for s in stride(from: total, through: r, by: -1) { counts[s] += counts[s - r] }
        }
        // counts[s] counts assignments with 2·W+ = s; |W+ − μ| >= |w − μ| is |2s − total| >= |4w − total|.
        let observed = abs(Int((w * 4).rounded()) - total)
        var extreme = 0.0
        for s in 0...total where abs(2 * s - total) >= observed { extreme += counts[s] }
        return min(1, extreme / pow(2, Double(ranks.count)))
    }

    /// `values` with each magnitude within `resolution` of zero set to 0 and each other one replaced by the
    /// smallest magnitude of its run (sorted magnitudes, each within `resolution` of the run's first), sign kept.
    static func snapped(_ values: [Double], resolution: Double) -> [Double] {
        guard resolution > 0 else { return values }
        var out = values
        var runStart = 0.0, started = false
        for i in values.indices.sorted(by: { abs(values[$0]) < abs(values[$1]) }) {
            let m = abs(values[i])
            if m <= resolution { out[i] = 0; continue }
            if !started || m - runStart > resolution { runStart = m; started = true }
            out[i] = values[i] < 0 ? -runStart : runStart
        }
        return out
    }

    /// Sizes of the groups of equal values (1 for an untied value), in ascending value order.
    static func tieGroupSizes(_ values: [Double]) -> [Int] {
        let sorted = values.sorted()
        var sizes: [Int] = []
        var i = 0
        while i < sorted.count {
            var j = i
            while j + 1 < sorted.count && sorted[j + 1] == sorted[i] { j += 1 }
            sizes.append(j - i + 1)
            i = j + 1
        }
        return sizes
    }
}
