import Foundation

/// Student's paired t-test on per-seed differences, with the effect's size and intervals.
///
/// For differences d₁…dₙ (first minus second): mean d̄, sample sd s, t = d̄/(s/√n) on n − 1 degrees of
/// freedom, two-sided p (`scipy.stats.ttest_rel`). The mean difference's 95% interval is
/// d̄ ± t₀.₉₇₅,ₙ₋₁·s/√n. Cohen's d_z = d̄/s (Cohen 1988, §2.3.5: the standardized mean of the paired
/// differences); its 95% interval inverts the noncentral t: with t observed, δ_L and δ_U solve
/// P(T <= t; n−1, δ_L) = 0.975 and P(T <= t; n−1, δ_U) = 0.025, and the interval is [δ_L, δ_U]/√n
/// (Steiger & Fouladi 1997, "Noncentrality interval estimation and the evaluation of statistical models",
/// in *What If There Were No Significance Tests?*; Cumming & Finch 2001, Educ. Psychol. Meas. 61(4)).
/// With zero sd, equal runs give t = 0, p = 1 and d_z = 0; a constant nonzero shift gives t = ±∞, p = 0,
/// d_z = ±∞ and a degenerate interval.
public struct PairedTTest: Sendable, Equatable {
    /// Pairs.
    public var count: Int
    /// Mean of the differences.
    public var meanDifference: Double
    /// Sample standard deviation of the differences.
    public var standardDeviation: Double
    /// The t statistic.
    public var t: Double
    /// Two-sided p-value.
    public var p: Double
    /// 95% t interval of the mean difference.
    public var meanInterval: ClosedInterval
    /// Cohen's d_z = mean / sd of the differences.
    public var dz: Double
    /// 95% interval of d_z by noncentral-t inversion.
    public var dzInterval: ClosedInterval

    /// Tests `differences`; nil with fewer than two.
    public init?(differences: [Double]) {
        guard differences.count >= 2 else { return nil }
        let d = Descriptive(differences)
        count = d.count
        meanDifference = d.mean
        standardDeviation = d.standardDeviation
        let n = Double(d.count), df = n - 1
        let se = d.standardDeviation / n.squareRoot()
        guard se > 0 else {
            t = d.mean == 0 ? 0 : (d.mean > 0 ? .infinity : -.infinity)
            p = d.mean == 0 ? 1 : 0
            dz = t
            meanInterval = ClosedInterval(d.mean, d.mean)
            dzInterval = ClosedInterval(dz, dz)
            return
        }
        t = d.mean / se
        p = StudentT.twoSidedP(t: t, degreesOfFreedom: df)
        let half = StudentT.quantile(0.975, degreesOfFreedom: df) * se
        meanInterval = ClosedInterval(d.mean - half, d.mean + half)
        dz = d.mean / d.standardDeviation
        let lower = NoncentralT.noncentrality(forCDF: 0.975, at: t, degreesOfFreedom: df)
        let upper = NoncentralT.noncentrality(forCDF: 0.025, at: t, degreesOfFreedom: df)
        dzInterval = ClosedInterval(lower / n.squareRoot(), upper / n.squareRoot())
    }
}

/// A closed interval [lower, upper].
public struct ClosedInterval: Sendable, Equatable {
    public var lower: Double
    public var upper: Double

    /// Creates [lower, upper].
    public init(_ lower: Double, _ upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// Whether the interval excludes zero.
    public var excludesZero: Bool { lower > 0 || upper < 0 }
}
