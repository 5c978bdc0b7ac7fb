import Foundation

/// Intervals and exact tests for counts of solved runs.
public enum Proportions {
    /// The Wilson score interval of k successes in n trials at 95%:
    /// (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n) with z = Φ⁻¹(0.975)
    /// (Wilson 1927, JASA 22(158); statsmodels `proportion_confint(k, n, method='wilson')`).
    /// The bound at 0 for k = 0, and at 1 for k = n, is exact (the formula's two terms
    /// cancel there; computed, they leave a rounding residue such as 4.9e-17). Nil for n = 0, or k outside 0…n.
    public static func wilson(successes k: Int, trials n: Int) -> ClosedInterval? {
        guard n > 0, (0...n).contains(k) else { return nil }
        let z = StandardNormal.z975, nn = Double(n), phat = Double(k) / nn
        let centre = phat + z * z / (2 * nn)
        let half = z * (phat * (1 - phat) / nn + z * z / (4 * nn * nn)).squareRoot()
        let scale = 1 + z * z / nn
        let lower = k == 0 ? 0 : max(0, (centre - half) / scale), upper = k == n ? 1 : min(1, (centre + half) / scale)
        return ClosedInterval(lower, upper)
    }

    /// The exact two-sided binomial test of k successes in n trials with p = 1/2:
    /// min(1, 2·P(X <= min(k, n−k))) (`scipy.stats.binomtest(k, n, 0.5).pvalue`; the distribution is
    /// symmetric, so doubling the smaller tail equals SciPy's sum over outcomes no likelier than k).
    /// n = 0 gives 1; k outside 0…n is a programming error (a count cannot exceed its trials).
    public static func binomialHalfTest(successes k: Int, trials n: Int) -> Double {
        precondition(n >= 0 && (0...max(n, 0)).contains(k), "binomial test: \(k) successes in \(n) trials")
        guard n > 0 else { return 1 }
        let low = min(k, n - k)
        var tail = 0.0
        for i in 0...low { tail += exp(logChoose(n, i) - Double(n) * log(2)) }
        return min(1, 2 * tail)
    }

    /// McNemar's exact test for paired successes: the binomial test with p = 1/2 on the discordant
    /// pairs, b (first solved, second not) out of b + c.
    public static func mcNemarExact(onlyFirst b: Int, onlySecond c: Int) -> Double {
        binomialHalfTest(successes: b, trials: b + c)
    }

    /// Fisher's exact test, two-sided, of the 2×2 table [[a, b], [c, d]] (rows: samples; columns: solved,
    /// not solved): the sum of the hypergeometric probabilities of every table with the same margins no
    /// likelier than the observed one (within a relative 1e-7, as `scipy.stats.fisher_exact` does).
    /// An empty table gives 1; a negative count is a programming error.
    public static func fisherExact(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> Double {
        precondition(min(a, b, c, d) >= 0, "Fisher's exact test: negative count in [[\(a), \(b)], [\(c), \(d)]]")
        let row1 = a + b, col1 = a + c, total = a + b + c + d
        guard total > 0 else { return 1 }
        func logP(_ x: Int) -> Double {
            logChoose(col1, x) + logChoose(total - col1, row1 - x) - logChoose(total, row1)
        }
        let observed = logP(a)
        var p = 0.0
        for x in max(0, row1 + col1 - total)...min(row1, col1) {
            let lp = logP(x)
            if lp <= observed + log1p(1e-7) { p += exp(lp) }
        }
        return min(1, p)
    }

    /// ln C(n, k).
    static func logChoose(_ n: Int, _ k: Int) -> Double {
        lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))
    }
}
