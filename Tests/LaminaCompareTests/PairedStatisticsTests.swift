import Foundation
import Testing
import LaminaTestSupport
@testable import LaminaCompare

/// The paired and exact statistics against SciPy 1.17.1 (each expected value is written beside the expression
/// that produced it).
@Suite struct PairedStatisticsTests {
    /// Whether `a` is within `tolerance` of SciPy's `b` (absolute).
    func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool { isClose(a, b, absolute: tolerance, relative: 0) }

    @Test func wilcoxonExactMatchesScipy() throws {
        // stats.wilcoxon([0.1,-0.3,0.25,0.4,0.05,0.6,-0.15,0.33], method='exact') -> statistic 8.0, p 0.1953125
        let w = try #require(WilcoxonSignedRank(differences: [0.1, -0.3, 0.25, 0.4, 0.05, 0.6, -0.15, 0.33]))
        #expect(w.exact && w.statistic == 8 && close(w.p, 0.1953125, 1e-12))
    }

    @Test func wilcoxonWithTiesAndZerosIsExactUpToTheLimit() throws {
        // Zero dropped, ties mid-ranked, exact over the 2⁹ sign assignments of the nine nonzero ranks:
        // stats.wilcoxon(d, method=stats.PermutationMethod()) -> statistic 6.5, p 0.06640625, and by hand
        // (itertools.product over the signs, |W+ − μ| >= |6.5 − μ|) 34 of 512 = 0.06640625.
        // (The normal approximation used before gave 0.057364337754043496.)
        let differences: [Double] = [0.1, -0.1, 0.2, 0.2, 0.0, 0.5, -0.3, 0.4, 0.4, 0.7]
        let w = try #require(WilcoxonSignedRank(differences: differences))
        #expect(w.exact && w.count == 9 && w.statistic == 6.5 && w.p == 34.0 / 512)
        // n = 30 untied: d_i = ±0.1·i, negative where (i−1) % 3 == 0, now exact (limit 50).
        // stats.wilcoxon(c, method='exact') -> statistic 145.0, p 0.07324407435953617
        let c: [Double] = (1...30).map { i -> Double in
            let sign: Double = (i - 1) % 3 == 0 ? -1 : 1
            return Double(i) * 0.1 * sign
        }
        let thirty = try #require(WilcoxonSignedRank(differences: c))
        #expect(thirty.exact && thirty.statistic == 145 && close(thirty.p, 0.07324407435953617, 1e-14))
        #expect(WilcoxonSignedRank(differences: [0, 0, 0])?.p == 1)
    }

    @Test func pairedTMatchesScipyWithIntervals() throws {
        // r = stats.ttest_rel([0.81,0.79,0.85,0.88,0.80], [0.70,0.75,0.72,0.78,0.83])
        //   -> statistic 2.4009801919951257, p 0.07427732538815346,
        //      r.confidence_interval(0.95) -> (-0.010946589235435109, 0.1509465892354352)
        let x = [0.81, 0.79, 0.85, 0.88, 0.80], y = [0.70, 0.75, 0.72, 0.78, 0.83]
        let t = try #require(PairedTTest(differences: zip(x, y).map { $0 - $1 }))
        #expect(close(t.t, 2.4009801919951257) && close(t.p, 0.07427732538815346))
        #expect(close(t.meanInterval.lower, -0.010946589235435109) && close(t.meanInterval.upper, 0.1509465892354352))
        // d_z = d.mean()/d.std(ddof=1) = 1.0737509843863196; interval by brentq on stats.nct.cdf(t, 4, δ) = 0.975 and
        // 0.025, divided by √5 -> (-0.09457940037049921, 2.17056693674414)
        #expect(close(t.dz, 1.0737509843863196))
        #expect(close(t.dzInterval.lower, -0.09457940037049921, 1e-7) && close(t.dzInterval.upper, 2.17056693674414, 1e-7))
        #expect(PairedTTest(differences: [1]) == nil)
        // A constant shift: t and d_z undefined (NaN), p from the exact sign flip, 2/2³ (see StatisticsExtremesTests).
        let shift = try #require(PairedTTest(differences: [0.5, 0.5, 0.5]))
        #expect(shift.p == 0.25 && shift.t.isNaN && !shift.differencesVary)
    }

    @Test func distributionsMatchScipy() {
        // stats.t.ppf(0.975, 4) = 2.7764451051977934; stats.t.cdf(-1.3, 7) = 0.11738391769618862
        #expect(close(StudentT.quantile(0.975, degreesOfFreedom: 4), 2.7764451051977934, 1e-10))
        #expect(close(StudentT.cdf(-1.3, degreesOfFreedom: 7), 0.11738391769618862, 1e-12))
        // stats.norm.ppf(0.8) = 0.8416212335729143; stats.norm.cdf(-2.5) = 0.006209665325776132
        #expect(close(StandardNormal.quantile(0.8), 0.8416212335729143, 1e-11))
        #expect(close(StandardNormal.cdf(-2.5), 0.006209665325776132, 1e-15))
        // stats.nct.cdf(2.5, 7, 1.8) = 0.6936876407334209; stats.nct.cdf(-1.0, 3, 0.5) = 0.09212120981435942;
        // stats.nct.cdf(1.0, 20, 3.0) = 0.02342053261490871; stats.nct.cdf(45, 7, 40) = 0.5952686654778836 (integration path)
        #expect(close(NoncentralT.cdf(2.5, degreesOfFreedom: 7, noncentrality: 1.8), 0.6936876407334209, 1e-10))
        #expect(close(NoncentralT.cdf(-1.0, degreesOfFreedom: 3, noncentrality: 0.5), 0.09212120981435942, 1e-10))
        #expect(close(NoncentralT.cdf(1.0, degreesOfFreedom: 20, noncentrality: 3.0), 0.02342053261490871, 1e-10))
        #expect(close(NoncentralT.cdf(45, degreesOfFreedom: 7, noncentrality: 40), 0.5952686654778836, 1e-7))
    }

    @Test func powerMatchesTheNoncentralT() {
        // n = 2; while power(n, d) < 0.8: n += 1, with power = 1 - nct.cdf(c, n-1, d√n) + nct.cdf(-c, n-1, d√n),
        // c = t.ppf(0.975, n-1): d 0.5 -> 34 (power 0.8077775012792737; G*Power gives 34 too), d 1.0 -> 10, d 0.2 -> 199.
        #expect(PairedPower.requiredPairs(dz: 0.5) == 34)
        #expect(PairedPower.requiredPairs(dz: -1.0) == 10)
        #expect(PairedPower.requiredPairs(dz: 0.2) == 199)
        #expect(close(PairedPower.power(pairs: 34, dz: 0.5), 0.8077775012792737, 1e-8))
        #expect(PairedPower.requiredPairs(dz: 0) == nil)
        #expect(PairedPower.requiredPairs(dz: 1e-17) == nil)  // rounding-level effects: no overflow, just "too many"
    }

    @Test func mannWhitneyMatchesScipy() throws {
        // stats.mannwhitneyu([1.1,2.3,0.4,5.0], [3.3,4.1,6.2,7.5,8.0,2.9]) -> U 3.0, p 0.06666666666666667 (exact)
        let exact = try #require(MannWhitneyU([1.1, 2.3, 0.4, 5.0], [3.3, 4.1, 6.2, 7.5, 8.0, 2.9]))
        #expect(exact.exact && exact.u == 3 && close(exact.p, 0.06666666666666667, 1e-12))
        // stats.mannwhitneyu([1,2,2,3,4,5,6,7,8,9], [3,3,4,5,6,7,8,9,10,11,12]) -> U 31.0, p 0.0967612398108442
        let approx = try #require(MannWhitneyU([1, 2, 2, 3, 4, 5, 6, 7, 8, 9], [3, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]))
        #expect(!approx.exact && approx.u == 31 && close(approx.p, 0.0967612398108442, 1e-10))
    }

    @Test func exactCountTestsMatchScipy() throws {
        // stats.fisher_exact([[7,1],[2,6]]).pvalue = 0.040559440559440565; [[3,5],[3,5]] -> 1.0
        #expect(close(Proportions.fisherExact(7, 1, 2, 6), 0.040559440559440565, 1e-12))
        #expect(close(Proportions.fisherExact(3, 5, 3, 5), 1, 1e-12))
        // stats.binomtest(1, 9, 0.5).pvalue = 0.0390625; binomtest(0, 5, 0.5).pvalue = 0.0625
        #expect(close(Proportions.mcNemarExact(onlyFirst: 1, onlySecond: 8), 0.0390625, 1e-12))
        #expect(close(Proportions.mcNemarExact(onlyFirst: 5, onlySecond: 0), 0.0625, 1e-12))
        #expect(Proportions.mcNemarExact(onlyFirst: 0, onlySecond: 0) == 1)
        // Wilson by formula, z = 1.959963984540054: k = 7, n = 10 -> (0.3967781474611453, 0.8922087325936988)
        // (python: p=.7; n=10; z=1.959963984540054; c=p+z*z/(2*n); h=z*math.sqrt(p*(1-p)/n+z*z/(4*n*n)); (c∓h)/(1+z*z/n))
        let w = try #require(Proportions.wilson(successes: 7, trials: 10))
        #expect(close(w.lower, 0.3967781474611453, 1e-12) && close(w.upper, 0.8922087325936988, 1e-12))
        #expect(Proportions.wilson(successes: 0, trials: 0) == nil)
        // 0 of 3 and 3 of 3: by the formula (same python) the other bounds are 0.5614970317550455 and
        // 0.4385029682449545; the bound at 0 (or 1) is exact, not a rounding residue (4.9e-17 before).
        let none = try #require(Proportions.wilson(successes: 0, trials: 3)), all = try #require(Proportions.wilson(successes: 3, trials: 3))
        #expect(none.lower == 0 && close(none.upper, 0.5614970317550455, 1e-12))
        #expect(all.upper == 1 && close(all.lower, 0.4385029682449545, 1e-12))
    }
}
