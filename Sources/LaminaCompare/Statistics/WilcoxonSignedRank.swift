import Foundation

/// The Wilcoxon signed-rank test of paired differences, two-sided, zeros dropped (Wilcoxon's method).
///
/// With d the nonzero differences (n of them) and ranks of |d| (ties get their average rank),
/// W+ and W− are the rank sums of the positive and negative differences, and the statistic is
/// min(W+, W−), as `scipy.stats.wilcoxon` reports it.
/// - Exact (n <= 25, no zero and no tied |d|): p = min(1, 2·P(W <= statistic)) under the null
///   distribution of W+ (every sign pattern equally likely), counted by dynamic programming.
///   This is `scipy.stats.wilcoxon(..., method='exact')` and SciPy's default before 1.9 ("auto" was
///   exact up to 25 pairs).
/// - Otherwise the normal approximation with the tie correction and no continuity correction:
///   z = (statistic − n(n+1)/4) / √(n(n+1)(2n+1)/24 − Σ(t³−t)/48) over tie groups of size t, and
///   p = 2·Φ(−|z|) (`scipy.stats.wilcoxon(..., method='asymptotic')`).
/// All differences zero (identical runs) gives statistic 0 and p = 1 (SciPy gives NaN).
public struct WilcoxonSignedRank: Sendable, Equatable {
    /// min(W+, W−).
    public var statistic: Double
    /// Nonzero differences used.
    public var count: Int
    /// Two-sided p-value.
    public var p: Double
    /// Whether p is exact (else the normal approximation).
    public var exact: Bool

    /// The largest number of nonzero differences for which the exact distribution is used.
    public static let exactLimit = 25

    /// Tests the paired differences `differences` (first minus second, per seed). Nil when empty.
    public init?(differences: [Double]) {
        guard !differences.isEmpty else { return nil }
        let nonzero = differences.filter { $0 != 0 }
        count = nonzero.count
        guard !nonzero.isEmpty else {
            statistic = 0; p = 1; exact = false
            return
        }
        let ranks = Spearman.ranks(nonzero.map(abs))
        var plus = 0.0, minus = 0.0
        for (d, r) in zip(nonzero, ranks) { if d > 0 { plus += r } else { minus += r } }
        statistic = min(plus, minus)
        let ties = Self.tieGroupSizes(nonzero.map(abs))
        let n = Double(nonzero.count)
        if nonzero.count <= Self.exactLimit && ties.allSatisfy({ $0 == 1 }) && nonzero.count == differences.count {
            exact = true
            p = min(1, 2 * Self.exactLowerTail(Int(statistic), n: nonzero.count))
        } else {
            exact = false
            let mean = n * (n + 1) / 4
            let tieTerm = ties.reduce(0.0) { $0 + Double($1 * $1 * $1 - $1) } / 48
            let sd = (n * (n + 1) * (2 * n + 1) / 24 - tieTerm).squareRoot()
            p = sd > 0 ? StandardNormal.twoSidedP(z: (statistic - mean) / sd) : 1
        }
    }

    /// P(W+ <= w) for n untied ranks 1…n: the number of subsets of {1…n} with sum <= w over 2ⁿ.
    static func exactLowerTail(_ w: Int, n: Int) -> Double {
        let maxSum = n * (n + 1) / 2
        var counts = [Double](repeating: 0, count: maxSum + 1)
        counts[0] = 1
        for rank in 1...n {
            for s in stride(from: maxSum, through: rank, by: -1) { counts[s] += counts[s - rank] }
        }
        let below = counts[0...min(max(w, 0), maxSum)].reduce(0, +)
        return below / pow(2, Double(n))
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
