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
///
/// **Zero variance.** When every difference is the same (sd = 0) the t statistic and d_z divide by zero and
/// are undefined, not infinite; so are both intervals, which need a spread. They are NaN here (the report
/// prints "–") and ``differencesVary`` is false. The p-value is then that of the exact sign-flip
/// (permutation) test of the mean difference, which is defined there: under the null hypothesis each of
/// the 2ⁿ sign patterns of the differences is equally likely (Fisher 1935, *The Design of Experiments*,
/// ch. III §21, on Darwin's paired plants). With n equal nonzero differences only the all-plus and
/// all-minus patterns reach the observed |mean|, so p = 2/2ⁿ (0.125 for four seeds), the same as the exact
/// Wilcoxon signed-rank p; with all differences zero, p = 1.
/// The statistics are taken on the differences scaled by a power of two (``Descriptive``), so the
/// differences c·d give the same t, p and d_z as d, and c times the mean and its interval.
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

    /// Whether the differences spread by more than `resolution`; when false, ``t``, ``dz`` and both intervals
    /// are NaN (undefined) and ``p`` is the exact sign-flip p.
    public var differencesVary: Bool

    /// Tests `differences`; nil with fewer than two, or when one is not finite (a NaN or an infinite
    /// difference has no place in a mean). A standard deviation (or |mean|) of at most `resolution` counts
    /// as zero: differences of metrics stored as decimals, such as 0.91 − 0.90 and 0.81 − 0.80, differ by
    /// rounding residues of about 1e-17 that would otherwise make t about 1e15 (see
    /// ``resolution(_:)``).
    public init?(differences: [Double], resolution: Double = 0) {
        guard differences.count >= 2, differences.allSatisfy(\.isFinite) else { return nil }
        let d = Descriptive(differences)
        count = d.count
        meanDifference = d.mean
        standardDeviation = d.standardDeviation
        differencesVary = d.standardDeviation > resolution
        let n = Double(d.count), df = n - 1
        guard differencesVary else {
            t = .nan
            dz = .nan
            p = abs(d.mean) <= resolution ? 1 : Self.constantSignFlipP(pairs: d.count)
            meanInterval = ClosedInterval(.nan, .nan)
            dzInterval = ClosedInterval(.nan, .nan)
            return
        }
        let se = d.standardDeviation / n.squareRoot()
        t = d.mean / se
        p = StudentT.twoSidedP(t: t, degreesOfFreedom: df)
        let half = StudentT.quantile(0.975, degreesOfFreedom: df) * se
        meanInterval = ClosedInterval(d.mean - half, d.mean + half)
        dz = d.mean / d.standardDeviation
        let lower = NoncentralT.noncentrality(forCDF: 0.975, at: t, degreesOfFreedom: df)
        let upper = NoncentralT.noncentrality(forCDF: 0.025, at: t, degreesOfFreedom: df)
        dzInterval = ClosedInterval(lower / n.squareRoot(), upper / n.squareRoot())
    }

    /// The exact two-sided sign-flip p of n equal nonzero differences: 2 of the 2ⁿ sign patterns reach the
    /// observed |mean|, so p = 2/2ⁿ = 2¹⁻ⁿ.
    static func constantSignFlipP(pairs n: Int) -> Double { min(1, 2 / pow(2, Double(n))) }

    /// The smallest spread or mean of paired differences that double precision tells from zero for pairs
    /// of `values` (both sides of every pair): n·ε·max|x| for n values, ε = 2⁻⁵². A metric stored as a
    /// decimal such as 0.925 (333/360) carries a rounding error of up to ε/2 of its size, and the sums of
    /// the mean and the deviations add up to about (n − 1)·ε/2 more (Higham 2002, *Accuracy and Stability
    /// of Numerical Algorithms*, §4.2); anything smaller is that residue, not a difference.
    public static func resolution(_ values: [Double]) -> Double {
        Double(values.count) * Double.ulpOfOne * (values.lazy.map(abs).max() ?? 0)
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
