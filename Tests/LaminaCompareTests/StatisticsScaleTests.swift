import Foundation
import Testing
import LaminaTestSupport
@testable import LaminaCompare

/// A verdict must not depend on the unit of the metric: every statistic on c·x, for c = 1e300, 1e-300 and 1,
/// gives the same decisions and the same p-values (to 1e-12 relative) as on x, and c times its location and
/// spread. Before, 1e300·x gave an infinite sd and "0 of 1 pairs differ", 1e-300·x an sd of 0 and "1 of 1".
@Suite struct StatisticsScaleTests {
    static let scales = [1e300, 1e-300, 1.0]

    /// Whether `a` equals `b` to `relative` (NaN equals NaN).
    func same(_ a: Double, _ b: Double, _ relative: Double = 1e-12) -> Bool {
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
        return abs(a - b) <= relative * max(abs(a), abs(b))
    }

    /// A uniform value in [−1, 1) from `generator`.
    static func uniform(_ generator: inout SplitMix64) -> Double {
        Double(generator.next() >> 11) * 0x1p-52 - 1
    }

    @Test func pairedTestsGiveTheSameVerdictAtEveryScale() throws {
        var generator = SplitMix64(seed: 2026)
        for trial in 0..<300 {
            let n = 2 + trial % 11
            let shift = Self.uniform(&generator)
            let d = (0..<n).map { _ in shift + 0.5 * Self.uniform(&generator) }
            let t = try #require(PairedTTest(differences: d))
            let w = try #require(WilcoxonSignedRank(differences: d))
            for c in Self.scales {
                let scaled = d.map { $0 * c }
                let tc = try #require(PairedTTest(differences: scaled))
                let wc = try #require(WilcoxonSignedRank(differences: scaled))
                #expect(same(tc.p, t.p) && (tc.p < 0.05) == (t.p < 0.05), "t p at \(c), trial \(trial)")
                #expect(same(tc.t, t.t) && same(tc.dz, t.dz), "t and d_z at \(c), trial \(trial)")
                #expect(same(tc.dzInterval.lower, t.dzInterval.lower, 1e-9) && same(tc.dzInterval.upper, t.dzInterval.upper, 1e-9))
                #expect(same(tc.meanDifference, t.meanDifference * c) && same(tc.standardDeviation, t.standardDeviation * c))
                #expect(same(tc.meanInterval.lower, t.meanInterval.lower * c, 1e-9) && same(tc.meanInterval.upper, t.meanInterval.upper * c, 1e-9))
                #expect(tc.meanInterval.excludesZero == t.meanInterval.excludesZero)
                #expect(wc.p == w.p && wc.statistic == w.statistic, "Wilcoxon at \(c), trial \(trial)")
            }
        }
    }

    @Test func independentSampleStatisticsGiveTheSameVerdictAtEveryScale() throws {
        var generator = SplitMix64(seed: 99)
        for trial in 0..<200 {
            let na = 2 + trial % 7, nb = 2 + (trial / 7) % 5
            let a = (0..<na).map { _ in Self.uniform(&generator) }
            let b = (0..<nb).map { _ in 0.6 + Self.uniform(&generator) }
            let welch = try #require(WelchTest(a, b))
            let u = try #require(MannWhitneyU(a, b))
            let da = Descriptive(a)
            let ci = Bootstrap.meanInterval(a, resamples: 200)
            for c in Self.scales {
                let ac = a.map { $0 * c }, bc = b.map { $0 * c }
                let wc = try #require(WelchTest(ac, bc))
                #expect(same(wc.p, welch.p) && (wc.p < 0.05) == (welch.p < 0.05), "Welch at \(c), trial \(trial)")
                #expect(same(wc.t, welch.t) && same(wc.degreesOfFreedom, welch.degreesOfFreedom))
                #expect(try #require(MannWhitneyU(ac, bc)).p == u.p)
                let dc = Descriptive(ac)
                #expect(same(dc.mean, da.mean * c) && same(dc.standardDeviation, da.standardDeviation * c) && same(dc.median, da.median * c))
                let cic = Bootstrap.meanInterval(ac, resamples: 200)
                #expect(same(cic.lower, ci.lower * c, 1e-9) && same(cic.upper, ci.upper * c, 1e-9))
            }
        }
    }

    @Test func powersOfTwoScaleBitForBit() throws {
        // Scaling by 2ᵏ changes no rounding: the results are exactly 2ᵏ times (or exactly equal).
        let x = [0.31, 0.12, 0.40, 0.22, 0.08]
        for k in [-1000, -1, 0, 1, 1000] {
            let c = Double(sign: .plus, exponent: k, significand: 1)
            let d = Descriptive(x), dc = Descriptive(x.map { $0 * c })
            #expect(dc.mean == d.mean * c && dc.standardDeviation == d.standardDeviation * c)
            let ci = Bootstrap.meanInterval(x, resamples: 100), cic = Bootstrap.meanInterval(x.map { $0 * c }, resamples: 100)
            #expect(cic.lower == ci.lower * c && cic.upper == ci.upper * c)
            let t = try #require(PairedTTest(differences: x)), tc = try #require(PairedTTest(differences: x.map { $0 * c }))
            #expect(tc.t == t.t && tc.p == t.p && tc.dz == t.dz)
        }
    }

    @Test func aTaskReadsTheSameAtEveryScale() throws {
        // Three profiles over five seeds with noise-floor repeats: which pairs differ (Holm), which exceed the
        // rounding floor, and the spread must not depend on the scale of the metric.
        var generator = SplitMix64(seed: 5)
        var base: [RunRecord] = []
        for seed in 0..<5 {
            let common = Self.uniform(&generator)
            for (profile, offset) in [("a", 0.0), ("b", 0.005), ("c", 0.8)] {
                let value = 2 + common + offset + 0.02 * Self.uniform(&generator)
                base.append(TaskAnalysisTests.record(profile, UInt64(seed), value))
                base.append(TaskAnalysisTests.record(profile, UInt64(seed), value + 0.03 * Self.uniform(&generator), perturbation: 1))
            }
        }
        let reference = TaskStatistics(task: "t", records: base, bootstrapResamples: 100)
        #expect(reference.comparisons.count == 3 && reference.noiseFloor != nil)
        #expect(reference.comparisons.contains(where: \.significant) && reference.comparisons.contains { !$0.significant })
        for c in Self.scales {
            let scaled = base.map { r -> RunRecord in var s = r; s.testMetric *= c; return s }
            let stats = TaskStatistics(task: "t", records: scaled, bootstrapResamples: 100)
            #expect(stats.profiles.map(\.profile) == reference.profiles.map(\.profile), "ranking at \(c)")
            for (p, q) in zip(stats.profiles, reference.profiles) {
                #expect(same(p.metric.standardDeviation, q.metric.standardDeviation * c) && p.metric.standardDeviation.isFinite)
            }
            #expect(stats.comparisons.map(\.significant) == reference.comparisons.map(\.significant), "pairs differ at \(c)")
            #expect(stats.comparisons.map(\.exceedsNoise) == reference.comparisons.map(\.exceedsNoise), "noise floor at \(c)")
            for (p, q) in zip(stats.comparisons, reference.comparisons) {
                #expect(same(p.adjustedP, q.adjustedP) && p.wilcoxonAdjustedP == q.wilcoxonAdjustedP)
            }
            #expect(same(try #require(stats.noiseFloor).sigma, try #require(reference.noiseFloor).sigma * c))
            #expect(same(try #require(stats.spread), try #require(reference.spread) * c))
            #expect(same(try #require(stats.betweenProfileSD), try #require(reference.betweenProfileSD) * c))
            #expect(same(try #require(stats.power).medianDz, try #require(reference.power).medianDz))
        }
    }
}
