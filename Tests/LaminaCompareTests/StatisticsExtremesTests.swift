import Foundation
import Testing
import LaminaTestSupport
@testable import LaminaCompare

/// Every statistic at its edges: zero variance, all ties, n = 1 and 2, NaN and infinite inputs. Expected
/// values are by hand or from SciPy 1.17.1, the producing expression beside each.
@Suite struct StatisticsExtremesTests {
    func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool { isClose(a, b, absolute: tolerance, relative: 0) }

    // MARK: paired t

    @Test func constantNonzeroDifferencesLeaveTUndefinedAndTakeTheExactSignFlipP() throws {
        // Four equal differences: s = 0, so t = d̄/(s/√n) and d_z = d̄/s are undefined (stats.ttest_rel gives
        // inf/nan here); the exact sign-flip test counts 2 of 2⁴ patterns as extreme: p = 2/16 = 0.125.
        let t = try #require(PairedTTest(differences: [-0.3, -0.3, -0.3, -0.3]))
        #expect(!t.differencesVary && t.t.isNaN && t.dz.isNaN)
        #expect(t.dzInterval.lower.isNaN && t.dzInterval.upper.isNaN)
        #expect(t.meanInterval.lower.isNaN && t.meanInterval.upper.isNaN && !t.meanInterval.excludesZero)
        #expect(t.meanDifference == -0.3 && t.standardDeviation == 0)
        #expect(t.p == 0.125)  // 2 / 2**4
        // Two pairs: 2/2² = 0.5; ten: 2/2¹⁰.
        #expect(PairedTTest(differences: [1e-9, 1e-9])?.p == 0.5)
        #expect(PairedTTest(differences: Array(repeating: 7, count: 10))?.p == 2.0 / 1024)
        // All zero (identical runs): every sign pattern gives mean 0, p = 1; t and d_z still undefined.
        let zero = try #require(PairedTTest(differences: [0, 0, 0]))
        #expect(zero.p == 1 && zero.t.isNaN && zero.dz.isNaN)
    }

    @Test func equalDifferencesThatDoNotSumExactlyStillHaveZeroSpread() throws {
        // 0.1 + 0.1 + 0.1 = 0.30000000000000004, / 3 = 0.10000000000000002 (np.mean([0.1]*3)), whose deviations
        // give np.std([0.1]*3, ddof=1) = 1.6996749443881478e-17 and t ≈ 1e16: a rounding residue taken for a
        // certain effect. Equal values have mean exactly the value and sd exactly 0.
        let d = Descriptive([0.1, 0.1, 0.1])
        #expect(d.mean == 0.1 && d.standardDeviation == 0)
        let t = try #require(PairedTTest(differences: [0.1, 0.1, 0.1]))
        #expect(t.t.isNaN && t.p == 0.25)  // 2 / 2**3
    }

    @Test func aConstantShiftIsNotSignificantOnFourSeeds() throws {
        // The hostile case end to end: b is a above by exactly 0.25 on four seeds (0.25 and the values are
        // binary fractions, so every difference is exactly −0.25). Holm over one pair keeps p = 0.125.
        let a = [0.5, 0.75, 1.0, 1.25]
        let records = a.indices.flatMap { s in
            [TaskAnalysisTests.record("a", UInt64(s), a[s]), TaskAnalysisTests.record("b", UInt64(s), a[s] + 0.25)]
        }
        let stats = TaskStatistics(task: "adding", records: records, bootstrapResamples: 50)
        let pair = try #require(stats.comparisons.first)
        #expect(pair.paired.p == 0.125 && pair.adjustedP == 0.125 && !pair.significant)
        #expect(pair.wilcoxon.exact && pair.wilcoxon.p == 0.125 && pair.wilcoxonAdjustedP == 0.125)
        #expect(stats.power == nil)  // the only d_z is undefined: no power figure from it
    }

    @Test func decimalRoundingResiduesAreNotASpread() throws {
        // Hand-edited metrics 3 points apart on every seed: a = [0.93, 0.71, 0.58, 0.42], b = a − 0.03 written
        // as decimals. The differences are 0.030000000000000027, 0.029999999999999916 (twice),
        // 0.02999999999999997: np.std(d, ddof=1) = 5.314788097156787e-17, and stats.ttest_rel(a, b) gives
        // t = 1128925535753677.0, p = 1.532762462473774e-45 from rounding alone. Within the values'
        // resolution, 8·2**-52·0.93 = 1.652e-15, that spread is zero: t undefined, exact p = 2/2**4.
        let a = [0.93, 0.71, 0.58, 0.42], b = [0.90, 0.68, 0.55, 0.39]
        let d = zip(a, b).map { $0 - $1 }
        let raw = try #require(PairedTTest(differences: d))
        #expect(raw.differencesVary && raw.t > 1e15)  // the residue, as SciPy sees it
        let t = try #require(PairedTTest(differences: d, resolution: PairedTTest.resolution(a + b)))
        #expect(!t.differencesVary && t.t.isNaN && t.p == 0.125 && close(t.meanDifference, 0.03))
        #expect(close(PairedTTest.resolution(a + b), 8 * 0x1p-52 * 0.93, 1e-30))
        // The same through a task: the pair is not significant.
        let records = a.indices.flatMap { s in
            [TaskAnalysisTests.record("a", UInt64(s), a[s]), TaskAnalysisTests.record("b", UInt64(s), b[s])]
        }
        let pair = try #require(TaskStatistics(task: "adding", records: records, bootstrapResamples: 50).comparisons.first)
        #expect(pair.paired.p == 0.125 && !pair.significant)
    }

    @Test func aTinyButRealSpreadGivesFiniteNumbers() throws {
        // d = [0.5, 0.5, 0.5, 0.5 + 2**-20]: binary fractions, so the spread is real, not a residue.
        // stats.ttest_1samp(d, 0) -> statistic 2097153.0, p 2.391004524318365e-19;
        // d.mean()/d.std(ddof=1) = 1048576.5. The d_z interval is finite and brackets it.
        let t = try #require(PairedTTest(differences: [0.5, 0.5, 0.5, 0.5 + 0x1p-20], resolution: 1e-15))
        #expect(t.differencesVary && isClose(t.t, 2097153.0, absolute: 0, relative: 1e-12))
        #expect(isClose(t.p, 2.391004524318365e-19, absolute: 0, relative: 1e-6))
        #expect(isClose(t.dz, 1048576.5, absolute: 0, relative: 1e-12))
        #expect(t.dzInterval.lower.isFinite && t.dzInterval.upper.isFinite)
        #expect(t.dzInterval.lower < t.dz && t.dz < t.dzInterval.upper)
    }

    @Test func pairedTOnTwoPairsMatchesScipyAndRefusesNonFiniteDifferences() throws {
        // r = stats.ttest_rel([1.0, 2.0], [0.5, 0.7]) -> statistic 2.25, p 0.26624987749531315,
        // r.confidence_interval() -> (-4.182481894469878, 5.9824818944698785)
        let t = try #require(PairedTTest(differences: [0.5, 1.3]))
        #expect(close(t.t, 2.25) && close(t.p, 0.26624987749531315))
        #expect(close(t.meanInterval.lower, -4.182481894469878, 1e-10) && close(t.meanInterval.upper, 5.9824818944698785, 1e-10))
        #expect(PairedTTest(differences: [0.5, .nan, 1]) == nil)
        #expect(PairedTTest(differences: [0.5, .infinity, 1]) == nil)
        #expect(PairedTTest(differences: []) == nil)
    }

    // MARK: Wilcoxon signed-rank

    @Test func fourTiedDifferencesGetTheExactP() throws {
        // Ranks 2.5 each, W+ = 0, W− = 10. Exact: 2 of 2⁴ sign patterns reach |W+ − 5| = 5, p = 0.125
        // (stats.wilcoxon([-0.3]*4, method=stats.PermutationMethod()).pvalue = 0.125). The normal approximation
        // gave 0.04550026389635839 (method='asymptotic', correction=False), below any exact p for n = 4.
        let w = try #require(WilcoxonSignedRank(differences: [-0.3, -0.3, -0.3, -0.3]))
        #expect(w.exact && w.statistic == 0 && w.p == 0.125)
    }

    @Test func tiedSixteenPairsMatchAHandCount() throws {
        // d = [-.1,.2,.3,-.4,.5,.1,-.2,.3,.4,-.5,.1,.2,-.3,.4,.5,-.1]: mid-ranks of |d|, W+ = 89, W− = 47.
        // By hand over itertools.product([0,1], repeat=16): 19422 of 65536 assignments have
        // |W+ − 68| >= 21, p = 0.296356201171875 (SciPy's permutation test is exhaustive only to 13 pairs).
        let d: [Double] = [-0.1, 0.2, 0.3, -0.4, 0.5, 0.1, -0.2, 0.3, 0.4, -0.5, 0.1, 0.2, -0.3, 0.4, 0.5, -0.1]
        let w = try #require(WilcoxonSignedRank(differences: d))
        #expect(w.exact && w.count == 16 && w.statistic == 47 && w.p == 19422.0 / 65536)
    }

    @Test func aboveTheLimitTheNormalApproximationCarriesBothCorrections() throws {
        // 60 untied: c_i = ±0.1·i, negative where (i−1) % 3 == 0.
        // stats.wilcoxon(c, method='asymptotic', correction=True) -> statistic 590.0, p 0.016901653275967533
        let c: [Double] = (1...60).map { i -> Double in
            let sign: Double = (i - 1) % 3 == 0 ? -1 : 1
            return Double(i) * 0.1 * sign
        }
        let w = try #require(WilcoxonSignedRank(differences: c))
        #expect(!w.exact && w.statistic == 590 && close(w.p, 0.016901653275967533, 1e-12))
        // Tied: c2_i = ±(round(i/2)·0.1 + 0.05), numpy's round (half to even), same signs.
        // stats.wilcoxon(c2, method='asymptotic', correction=True) -> statistic 591.0, p 0.017221774250232896
        var c2: [Double] = []
        for i in 1...60 {
            let size: Double = (Double(i) / 2).rounded(.toNearestOrEven) * 0.1 + 0.05
            let sign: Double = (i - 1) % 3 == 0 ? -1 : 1
            c2.append(size * sign)
        }
        let tied = try #require(WilcoxonSignedRank(differences: c2))
        #expect(!tied.exact && tied.statistic == 591 && close(tied.p, 0.017221774250232896, 1e-12))
    }

    @Test func wilcoxonEdges() throws {
        // n = 2: stats.wilcoxon([0.3, -0.1], method='exact').pvalue = 1.0; [0.3, 0.1] -> 0.5
        #expect(WilcoxonSignedRank(differences: [0.3, -0.1])?.p == 1)
        #expect(WilcoxonSignedRank(differences: [0.3, 0.1])?.p == 0.5)
        // One pair: 2/2¹ = 1.
        #expect(WilcoxonSignedRank(differences: [0.3])?.p == 1)
        // All zero: nothing to rank, p = 1 exactly, and said to be exact (no approximation is made).
        let zero = try #require(WilcoxonSignedRank(differences: [0, 0, 0, 0]))
        #expect(zero.exact && zero.count == 0 && zero.p == 1)
        // An infinite difference ranks last: [inf, 1, 2] all positive, ranks 3, 1, 2: p = 2/2³ = 0.25.
        #expect(WilcoxonSignedRank(differences: [.infinity, 1, 2])?.p == 0.25)
        #expect(WilcoxonSignedRank(differences: [1, .nan, 2]) == nil)
        #expect(WilcoxonSignedRank(differences: []) == nil)
    }

    @Test func wilcoxonTiesDifferencesWithinTheResolution() throws {
        // 0.93 − 0.90 = 0.030000000000000027 and 0.71 − 0.68 = 0.029999999999999916 are both 3 points; with
        // 0.58 − 0.61 = -0.030000000000000027 and 0.40 − 0.30 = 0.10000000000000003 (python reprs of the
        // differences). Tied, the ranks are 2, 2, 2, 4 and W− = 2: over the 2⁴ sign patterns |W+ − 5| >= 3
        // holds for W+ in {0, 2, 8, 10}: 1 + 3 + 3 + 1 = 8 of 16, p = 0.5 (by hand; also
        // stats.wilcoxon([.03, .03, -.03, .1], method=stats.PermutationMethod()).pvalue = 0.5).
        // Untied (resolution 0) the residues rank 2.5, 1, 2.5, 4 and W− = 2.5; p stays 0.5 here
        // (stats.wilcoxon(a - b, method=stats.PermutationMethod()).pvalue = 0.5 on the raw differences):
        // the statistic shows the residue, the tie removes it.
        let a = [0.93, 0.71, 0.58, 0.40], b = [0.90, 0.68, 0.61, 0.30]
        let d = zip(a, b).map { $0 - $1 }
        let tied = try #require(WilcoxonSignedRank(differences: d, resolution: PairedTTest.resolution(a + b)))
        #expect(tied.statistic == 2 && tied.p == 0.5)
        let untied = try #require(WilcoxonSignedRank(differences: d))
        #expect(untied.statistic == 2.5 && untied.p == 0.5)
        // Within the resolution of zero: dropped.
        #expect(WilcoxonSignedRank(differences: [1e-17, 0.5, 0.6], resolution: 1e-15)?.count == 2)
    }

    @Test func noExactWilcoxonPFallsBelowTwoOverTwoToTheN() throws {
        // Whatever the ties and zeros, the all-one-sign assignments are as extreme as any: p >= min(1, 2/2ⁿ)
        // (n nonzero differences; all zero gives p = 1).
        var generator = SplitMix64(seed: 7)
        for _ in 0..<200 {
            let n = Int.random(in: 1...12, using: &generator)
            let d = (0..<n).map { _ in Double(Int.random(in: -3...3, using: &generator)) }
            guard let w = WilcoxonSignedRank(differences: d) else { Issue.record("nil for \(d)"); continue }
            #expect(w.exact && w.p >= min(1, 2 / pow(2, Double(w.count))) && w.p <= 1, "\(d)")
        }
    }

    // MARK: Welch, Mann–Whitney

    @Test func welchWithZeroVarianceInOneOrBothSamples() throws {
        // stats.ttest_ind([1,1,1], [1.2,1.5,0.9,1.4], equal_var=False)
        //   -> statistic -1.8898223650461363, p 0.155181715328795, df 3.0
        let one = try #require(WelchTest([1, 1, 1], [1.2, 1.5, 0.9, 1.4]))
        #expect(close(one.t, -1.8898223650461363, 1e-12) && close(one.p, 0.155181715328795, 1e-10))
        #expect(close(one.degreesOfFreedom, 3, 1e-12))
        // Both constant: t undefined; exact permutation p = 1/C(5,2) = 0.1 (math.comb(5, 2) = 10), and
        // 2/C(6,3) = 0.1 when the samples are the same size (the mirror split is as extreme).
        let both = try #require(WelchTest([1, 1], [2, 2, 2]))
        #expect(both.t.isNaN && both.degreesOfFreedom.isNaN && close(both.p, 0.1))
        #expect(close(try #require(WelchTest([1, 1, 1], [2, 2, 2])).p, 0.1))
        #expect(WelchTest([3, 3], [3, 3, 3])?.p == 1)
        #expect(WelchTest([1, .nan], [2, 3]) == nil)
        #expect(WelchTest([1, .infinity], [2, 3]) == nil)
    }

    @Test func mannWhitneyWithTiesIsExactForSmallSamples() throws {
        // stats.mannwhitneyu([1,2,2,3], [2,3,3,4,5], method=stats.PermutationMethod()) -> U 3.0,
        // p 0.15873015873015872 = 2·10/126 (by hand: 10 of the C(9,4) = 126 splits have rank sum <= 13).
        // The normal approximation (method='auto', ties) gave 0.09934224785346528.
        let u = try #require(MannWhitneyU([1, 2, 2, 3], [2, 3, 3, 4, 5]))
        #expect(u.exact && u.u == 3 && close(u.p, 0.15873015873015872))
        // The samples swapped: the same p.
        #expect(close(try #require(MannWhitneyU([2, 3, 3, 4, 5], [1, 2, 2, 3])).p, 0.15873015873015872))
        // All values tied: stats.mannwhitneyu([1,1,1],[1,1]).pvalue = 1.0
        #expect(MannWhitneyU([1, 1, 1], [1, 1])?.p == 1)
        // One value each: 2 splits, 2·min(1/2, 1) = 1.
        #expect(MannWhitneyU([1], [2])?.p == 1)
        #expect(MannWhitneyU([1, .nan], [2]) == nil)
    }

    // MARK: Holm, bootstrap, Wilson, descriptive

    @Test func holmTreatsAMissingPAsNoEvidence() {
        // [0.01, NaN]: NaN counts as 1; sorted 0.01·2 = 0.02, then max(0.02, 1·1) = 1.
        #expect(Holm.adjust([0.01, .nan]) == [0.02, 1])
        #expect(Holm.adjust([]) == [])
        #expect(Holm.adjust([0.03]) == [0.03])
        // Equal p-values: 0.02·3 = 0.06 for all three whatever the order.
        #expect(Holm.adjust([0.02, 0.02, 0.02]).allSatisfy { close($0, 0.06) })
    }

    @Test func bootstrapEdges() {
        // Equal values: every resample's mean is the value; exactly (0.1 three times sums to 0.30000000000000004).
        let constant = Bootstrap.meanInterval([0.1, 0.1, 0.1])
        #expect(constant.lower == 0.1 && constant.upper == 0.1)
        let one = Bootstrap.meanInterval([0.4])
        #expect(one.lower == 0.4 && one.upper == 0.4)
        #expect(Bootstrap.meanInterval([]).lower.isNaN)
        #expect(Bootstrap.meanInterval([1, .nan]).upper.isNaN)
        #expect(Bootstrap.meanInterval([1, .infinity]).lower.isNaN)
        #expect(Bootstrap.meanInterval([1, 2], resamples: 0).lower.isNaN)
        #expect(Bootstrap.quantile([], 0.5).isNaN)
        // Two values: resample means are 1, 1.5 or 2, so the 95% interval lies in [1, 2] and contains 1.5.
        let two = Bootstrap.meanInterval([1, 2])
        #expect(two.lower == 1 && two.upper == 2)
    }

    @Test func wilsonEdges() throws {
        // k = 0, n = 1 by the formula (python as in PairedStatisticsTests): (0.0, 0.7934506856227626)
        let w = try #require(Proportions.wilson(successes: 0, trials: 1))
        #expect(w.lower == 0 && close(w.upper, 0.7934506856227626))
        #expect(Proportions.wilson(successes: 2, trials: 1) == nil)
        #expect(Proportions.wilson(successes: -1, trials: 3) == nil)
    }

    @Test func descriptiveEdges() {
        #expect(Descriptive([]).mean.isNaN && Descriptive([]).standardDeviation.isNaN)
        // One value: sd 0 by definition here (n − 1 = 0 would divide by zero).
        #expect(Descriptive([2.5]).standardDeviation == 0 && Descriptive([2.5]).mean == 2.5)
        // Two values: mean 1.5, sd √(((1−1.5)² + (2−1.5)²)/1) = √0.5.
        #expect(Descriptive([1, 2]).mean == 1.5 && Descriptive([1, 2]).standardDeviation == 0.5.squareRoot())
        // IEEE propagation, as documented: NaN gives NaN; an infinity an infinite mean and a NaN sd.
        #expect(Descriptive([1, .nan]).mean.isNaN && Descriptive([1, .nan]).standardDeviation.isNaN)
        #expect(Descriptive([1, .infinity]).mean == .infinity && Descriptive([1, .infinity]).standardDeviation.isNaN)
        #expect(Descriptive([.infinity, .infinity]).standardDeviation.isNaN)
    }

    @Test func noiseFloorPoolsGroupsByHand() throws {
        // Groups [1, 2] and [3, 3, 6]: variances 0.5 and 3 on 1 and 2 degrees of freedom,
        // σ = √((0.5·1 + 3·2)/3) = 1.4719601443879744 (math.sqrt((0.5 + 6) / 3)).
        #expect(close(NoiseFloor.pooled([(0.5.squareRoot(), 1), (3.0.squareRoot(), 2)]), 1.4719601443879744, 1e-15))
        // One group of zero spread: σ = 0.
        #expect(NoiseFloor.pooled([(0, 3)]) == 0)
    }
}
