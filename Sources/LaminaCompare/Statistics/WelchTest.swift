import Foundation

/// Welch's unequal-variance two-sample t-test, two-sided (`scipy.stats.ttest_ind(a, b, equal_var=False)`).
///
/// t = (ā − b̄)/√(s²_a/n_a + s²_b/n_b) on the Welch–Satterthwaite degrees of freedom
/// (s²_a/n_a + s²_b/n_b)² / ((s²_a/n_a)²/(n_a−1) + (s²_b/n_b)²/(n_b−1)). Both samples are first divided by
/// one power of two near their largest magnitude (``PowerOfTwoScale``), so the squares neither overflow
/// nor underflow and c·a against c·b gives the same t, degrees of freedom and p as a against b.
/// Zero variance in one sample only is fine (the degrees of freedom become the other's n − 1).
/// **Zero variance in both** leaves t and the degrees of freedom undefined (0/0 or c/0): they are NaN,
/// and p is the exact permutation p of the difference of means, defined there: of the C(n_a+n_b, n_a)
/// equally likely splits of the pooled values, only the observed split (and its mirror when n_a = n_b)
/// separates two constant groups as far, so p = 1/C(n_a+n_b, n_a) (twice that when n_a = n_b); equal
/// constants give p = 1.
public struct WelchTest: Sendable, Equatable {
    /// The t statistic (mean of a minus mean of b, over its standard error); NaN when both variances are 0.
    public var t: Double
    /// Welch–Satterthwaite degrees of freedom; NaN when both variances are 0.
    public var degreesOfFreedom: Double
    /// Two-sided p-value.
    public var p: Double

    /// Tests whether `a` and `b` have the same mean. Nil unless each sample has two values, all finite.
    public init?(_ a: [Double], _ b: [Double]) {
        guard a.count >= 2, b.count >= 2, (a + b).allSatisfy(\.isFinite) else { return nil }
        let scale = PowerOfTwoScale.of(a + b)
        let da = Descriptive(a.map { $0 / scale }), db = Descriptive(b.map { $0 / scale })
        let va = da.variance / Double(a.count), vb = db.variance / Double(b.count)
        let se = (va + vb).squareRoot()
        guard se > 0 else {
            t = .nan
            degreesOfFreedom = .nan
            let splits = exp(Proportions.logChoose(a.count + b.count, a.count)).rounded()
            p = da.mean == db.mean ? 1 : min(1, (a.count == b.count ? 2 : 1) / splits)
            return
        }
        t = (da.mean - db.mean) / se
        let na = Double(a.count - 1), nb = Double(b.count - 1)
        let denominator: Double = va * va / na + vb * vb / nb
        degreesOfFreedom = (va + vb) * (va + vb) / denominator
        p = StudentT.twoSidedP(t: t, degreesOfFreedom: degreesOfFreedom)
    }
}
