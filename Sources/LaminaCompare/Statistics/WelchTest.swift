import Foundation

/// Welch's unequal-variance two-sample t-test, two-sided.
public struct WelchTest: Sendable, Equatable {
    /// The t statistic (mean of a minus mean of b, over its standard error).
    public var t: Double
    /// Welch–Satterthwaite degrees of freedom.
    public var degreesOfFreedom: Double
    /// Two-sided p-value.
    public var p: Double

    /// Tests whether `a` and `b` have the same mean. Needs two values in each sample; with zero variance in
    /// both, equal means give p = 1 and different means p = 0.
    public init?(_ a: [Double], _ b: [Double]) {
        guard a.count >= 2, b.count >= 2 else { return nil }
        let da = Descriptive(a), db = Descriptive(b)
        let va = da.variance / Double(a.count), vb = db.variance / Double(b.count)
        let se = (va + vb).squareRoot()
        guard se > 0 else {
            t = da.mean == db.mean ? 0 : (da.mean > db.mean ? .infinity : -.infinity)
            degreesOfFreedom = Double(a.count + b.count - 2)
            p = da.mean == db.mean ? 1 : 0
            return
        }
        t = (da.mean - db.mean) / se
        let na = Double(a.count - 1), nb = Double(b.count - 1)
        let denominator: Double = va * va / na + vb * vb / nb
        degreesOfFreedom = (va + vb) * (va + vb) / denominator
        p = StudentT.twoSidedP(t: t, degreesOfFreedom: degreesOfFreedom)
    }
}
