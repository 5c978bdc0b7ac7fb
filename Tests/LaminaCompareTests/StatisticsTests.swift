import Foundation
import Testing
@testable import LaminaCompare

/// Statistics against values computed by hand or with scipy.
@Suite struct StatisticsTests {
    @Test func descriptiveMatchesHandComputedValues() {
        // 2,4,4,4,5,5,7,9: sum 40, mean 5; squared deviations 9+1+1+1+0+0+4+16 = 32, sd = sqrt(32/7);
        // median (4+5)/2.
        let d = Descriptive([9, 4, 2, 4, 5, 4, 7, 5])
        #expect(d.count == 8)
        #expect(d.mean == 5)
        #expect(abs(d.standardDeviation - (32.0 / 7).squareRoot()) < 1e-12)
        #expect(d.median == 4.5)
        #expect(Descriptive([3, 1, 2]).median == 2)
        #expect(Descriptive([7]).standardDeviation == 0)
    }

    @Test func welchMatchesScipy() throws {
        // python3 -c "from scipy import stats; r = stats.ttest_ind([0.81,0.79,0.85,0.88,0.80],
        //   [0.70,0.75,0.72,0.78], equal_var=False); print(r.statistic, r.pvalue, r.df)"
        // -> 3.636559820487828 0.008790895263131825 6.782950208627342   (scipy, at authoring time)
        let test = try #require(WelchTest([0.81, 0.79, 0.85, 0.88, 0.80], [0.70, 0.75, 0.72, 0.78]))
        #expect(abs(test.t - 3.636559820487828) < 1e-9)
        #expect(abs(test.degreesOfFreedom - 6.782950208627342) < 1e-9)
        #expect(abs(test.p - 0.008790895263131825) < 1e-9)
        #expect(WelchTest([1], [2, 3]) == nil)
    }

    @Test func studentTailMatchesKnownValues() {
        // t = 2.0, df = 10: two-sided p = 0.07338803477074 (scipy.stats.t.sf(2, 10) * 2).
        #expect(abs(StudentT.twoSidedP(t: 2, degreesOfFreedom: 10) - 0.07338803477074) < 1e-9)
        #expect(StudentT.twoSidedP(t: 0, degreesOfFreedom: 5) == 1)
    }

    @Test func holmAdjustsAKnownList() {
        // Sorted: 0.005*4 = 0.02, 0.01*3 = 0.03, 0.03*2 = 0.06, 0.04*1 = 0.04 -> running max 0.06.
        let adjusted = Holm.adjust([0.01, 0.04, 0.03, 0.005])
        let expected = [0.03, 0.06, 0.06, 0.02]
        for (a, e) in zip(adjusted, expected) { #expect(abs(a - e) < 1e-12) }
        #expect(Holm.adjust([0.5, 0.9]) == [1, 1])
    }

    @Test func bootstrapIsDeterministicAndBracketsTheMean() {
        let values = [0.70, 0.72, 0.75, 0.71, 0.80, 0.69]
        let a = Bootstrap.meanInterval(values), b = Bootstrap.meanInterval(values)
        #expect(a.lower == b.lower && a.upper == b.upper)
        let mean = Descriptive(values).mean
        #expect(a.lower < mean && mean < a.upper)
        #expect(a.lower >= 0.69 && a.upper <= 0.80)
        #expect(Bootstrap.quantile([1, 2, 3, 4], 0.5) == 2.5)
    }

    @Test func taskStatisticsRankSpreadAndDivergence() {
        func record(_ profile: String, _ seed: UInt64, _ metric: Double, diverged: Bool = false, radius: Double) -> RunRecord {
            RunRecord(study: "s", task: "digits", profile: profile, seed: seed, epochs: [], testMetric: metric,
                      metric: "accuracy", higherIsBetter: true, wallSeconds: 1, diverged: diverged,
                      spectralRadius: ["hidden": radius])
        }
        let records = [record("a", 0, 0.90, radius: 1.0), record("a", 1, 0.92, radius: 1.0),
                       record("b", 0, 0.80, radius: 0.5), record("b", 1, 0.82, radius: 0.5),
                       record("b", 2, .nan, diverged: true, radius: 0.5),
                       record("c", 0, 0.85, radius: 0.7), record("c", 1, 0.86, radius: 0.7)]
        let stats = TaskStatistics(task: "digits", records: records, bootstrapResamples: 500)
        #expect(stats.profiles.map(\.profile) == ["a", "c", "b"])
        #expect(stats.profiles[2].diverged == 1 && stats.profiles[2].runs == 3)
        #expect(abs(stats.spread! - 10) < 1e-9)
        #expect(stats.comparisons.count == 3)
        #expect(abs(stats.spectralRadiusRankCorrelation! - -1) < 1e-12)
    }

    /// The mean over gates adds them in name order, whatever order the dictionary has in this process:
    /// ((1e16 + 1) − 1e16) / 3 is 0 in doubles, where another order could give 1/3.
    @Test func meanSpectralRadiusAddsGatesInNameOrder() {
        let summary = ProfileSummary(task: "t", profile: "p", runs: 1, diverged: 0, metric: Descriptive([1]),
                                     confidenceInterval: (1, 1), spectralRadius: ["a": 1e16, "b": 1, "c": -1e16], values: [1])
        #expect(summary.meanSpectralRadius == 0)
    }

    /// Parallel runs finish in any order: tied means must not make the report depend on it.
    @Test func tiedProfilesRankTheSameWhateverTheRecordOrder() {
        func record(_ profile: String, _ seed: UInt64, _ metric: Double, radius: Double) -> RunRecord {
            RunRecord(study: "s", task: "digits", profile: profile, seed: seed, epochs: [], testMetric: metric,
                      metric: "accuracy", higherIsBetter: true, wallSeconds: 1, diverged: false,
                      spectralRadius: ["hidden": radius])
        }
        // "k2" and "k3" tie (the same initialization); "a" is best, "z" worst.
        let records = [record("k3", 0, 0.8, radius: 0.5), record("k3", 1, 0.9, radius: 0.5),
                       record("a", 0, 0.95, radius: 2), record("a", 1, 0.97, radius: 2),
                       record("k2", 0, 0.8, radius: 1), record("k2", 1, 0.9, radius: 1),
                       record("z", 0, 0.5, radius: 0.1), record("z", 1, 0.6, radius: 0.1)]
        let forward = TaskStatistics(task: "digits", records: records, bootstrapResamples: 100)
        let backward = TaskStatistics(task: "digits", records: records.reversed(), bootstrapResamples: 100)
        #expect(forward.profiles.map(\.profile) == ["a", "k2", "k3", "z"])
        #expect(backward.profiles.map(\.profile) == ["a", "k2", "k3", "z"])
        // Ranks by mean with the tie averaged: a 1, k2 2.5, k3 2.5, z 4; radius ranks 4, 2, 3, 1 (largest 4).
        // Spearman = Pearson correlation of x = (4, 2, 3, 1) and y = (1, 2.5, 2.5, 4): −3/√10 (numpy: −0.948683).
        #expect(abs(forward.spectralRadiusRankCorrelation! - -3 / 10.0.squareRoot()) < 1e-12)
        #expect(forward.spectralRadiusRankCorrelation == backward.spectralRadiusRankCorrelation)
    }
}
