import Foundation
import Testing
@testable import LaminaCompare

/// Task-level analyses on hand-made records: paired tests, identical profiles, noise floor, ablations,
/// baselines, solve rates and real-library comparisons.
@Suite struct TaskAnalysisTests {
    static func record(_ profile: String, _ seed: UInt64, _ metric: Double, task: String = "adding", name: String = "mse",
                       higherIsBetter: Bool = false, fingerprint: String? = nil, perturbation: Int? = nil,
                       implementation: String? = nil, threshold: Double? = nil, ablation: AblationStep? = nil) -> RunRecord {
        var r = RunRecord(study: "s", task: task, profile: profile, seed: seed, epochs: [], testMetric: metric,
                          metric: name, higherIsBetter: higherIsBetter, wallSeconds: 1, diverged: false, spectralRadius: [:])
        r.profileFingerprint = fingerprint
        r.perturbation = perturbation
        r.implementation = implementation
        r.successThreshold = threshold
        r.ablation = ablation
        return r
    }

    /// Seeds vary a lot (0.05 … 0.4), profile b is a constant 0.01 above a on every seed with a little noise:
    /// the paired tests see it, Welch's independent-samples test does not.
    @Test func pairedTestsDetectAConstantOffsetThatWelchMisses() throws {
        let base = [0.05, 0.31, 0.12, 0.40, 0.22, 0.08, 0.35, 0.18]
        let noise = [0.001, -0.0005, 0.0008, -0.001, 0.0002, 0.0006, -0.0003, 0.0]
        let records = base.indices.flatMap { s in
            [Self.record("a", UInt64(s), base[s]), Self.record("b", UInt64(s), base[s] + 0.01 + noise[s])]
        }
        let stats = TaskStatistics(task: "adding", records: records, bootstrapResamples: 100)
        let pair = try #require(stats.comparisons.first)
        #expect(stats.comparisons.count == 1 && pair.first == "a" && pair.pairs == 8)
        #expect(abs(pair.difference - -0.0101) < 1e-12)  // mean of −(0.01 + noise)
        #expect(pair.significant && pair.paired.p < 1e-8)
        // All eight differences are negative and untied: exact Wilcoxon p = 2/2⁸.
        #expect(pair.wilcoxon.exact && abs(pair.wilcoxon.p - 2.0 / 256) < 1e-15)
        let welch = try #require(WelchTest(stats.profiles[0].values, stats.profiles[1].values))
        #expect(welch.p > 0.8)
    }

    @Test func identicalProfilesAreGroupedAndTestedOnce() {
        var records: [RunRecord] = []
        for seed: UInt64 in 0..<3 {
            let m = 0.1 + Double(seed) * 0.01
            records.append(Self.record("keras3", seed, m, fingerprint: "f\(seed)"))
            records.append(Self.record("keras2", seed, m, fingerprint: "f\(seed)"))
            records.append(Self.record("pytorch", seed, m + 0.02, fingerprint: "p\(seed)"))
            // lasagne equals keras on seeds 0 and 1 only: not identical.
            records.append(Self.record("lasagne", seed, m + 0.01, fingerprint: seed < 2 ? "f\(seed)" : "x"))
        }
        #expect(IdenticalProfiles.groups(records) == [["keras2", "keras3"]])
        #expect(IdenticalProfiles.sentence(["keras2", "keras3"])
            == "keras2 and keras3 build identical runs in this study; they are one profile here")
        let stats = TaskStatistics(task: "adding", records: records.reversed(), bootstrapResamples: 50)
        #expect(stats.profiles.map(\.label) == ["keras2 = keras3", "lasagne", "pytorch"])
        #expect(stats.comparisons.count == 3)
        // Without fingerprints (old results files) nothing is grouped.
        let old = records.map { r -> RunRecord in var r = r; r.profileFingerprint = nil; return r }
        #expect(IdenticalProfiles.groups(old).isEmpty)
        #expect(TaskStatistics(task: "adding", records: old, bootstrapResamples: 50).comparisons.count == 6)
    }

    @Test func noiseFloorPoolsRepeatsAndMarksDifferences() throws {
        // (a, 0): 0.10, 0.11, 0.12 -> variance 1e-4 on 2 df; (b, 0): 0.20, 0.22 -> variance 2e-4 on 1 df.
        // Pooled σ² = (2·1e-4 + 1·2e-4)/3 = 4e-4/3, σ = 0.011547005383792516.
        var records = [Self.record("a", 0, 0.10), Self.record("a", 0, 0.11, perturbation: 1),
                       Self.record("a", 0, 0.12, perturbation: 2),
                       Self.record("b", 0, 0.20), Self.record("b", 0, 0.22, perturbation: 1)]
        for seed: UInt64 in 1..<4 {
            records.append(Self.record("a", seed, 0.10 + Double(seed) * 0.001))
            records.append(Self.record("b", seed, 0.20 + Double(seed) * 0.002))
            records.append(Self.record("c", seed, 0.105 + Double(seed) * 0.001))
        }
        let floor = try #require(NoiseFloor(records: records))
        #expect(abs(floor.sigma - 0.011547005383792516) < 1e-12 && floor.groups == 2 && floor.repeats == 3)
        let stats = TaskStatistics(task: "adding", records: records, bootstrapResamples: 50)
        // The repeats do not enter the summaries: a has four ordinary runs.
        #expect(stats.profiles.first { $0.profile == "a" }?.runs == 4)
        // a vs c over seeds 1…3: |d̄| = 0.005 < 1.96·σ·√(2/3) = 0.018478; a vs b over 0…3: 0.103 > 0.016.
        let ac = try #require(stats.comparisons.first { Set([$0.first, $0.second]) == ["a", "c"] })
        let ab = try #require(stats.comparisons.first { Set([$0.first, $0.second]) == ["a", "b"] })
        #expect(ac.exceedsNoise == false && ab.exceedsNoise == true)
        #expect(abs(floor.threshold(pairs: 3) - 1.959963984540054 * 0.011547005383792516 * (2.0 / 3).squareRoot()) < 1e-15)
        #expect(NoiseFloor(records: records.filter { $0.perturbation == nil }) == nil)
    }

    @Test func ablationStepsAttributeTheGap() throws {
        // Walk A -> B in 2 steps on seeds 0…2: step 1 (forgetBias) lowers the MSE by 0.03 ± noise, step 2 by 0.01.
        let step0 = [0.20, 0.25, 0.30], step1 = [0.17, 0.221, 0.269], step2 = [0.16, 0.211, 0.259]
        var records: [RunRecord] = []
        for s in 0..<3 {
            let seed = UInt64(s)
            records.append(Self.record("A~0", seed, step0[s], ablation: AblationStep(from: "A", to: "B", step: 0, change: "")))
            records.append(Self.record("A~1", seed, step1[s], ablation: AblationStep(from: "A", to: "B", step: 1, change: "forgetBias")))
            records.append(Self.record("A~2", seed, step2[s], ablation: AblationStep(from: "A", to: "B", step: 2, change: "recurrentInit")))
            records.append(Self.record("A", seed, step0[s]))
            records.append(Self.record("B", seed, step2[s] + 0.001))
        }
        // A study of walk steps alone still names its metric and direction.
        let onlySteps = TaskStatistics(task: "adding", records: records.filter { $0.ablation != nil }, bootstrapResamples: 50)
        #expect(onlySteps.metric == "mse" && !onlySteps.higherIsBetter && onlySteps.profiles.isEmpty)
        let walks = AblationWalk.all(ablation: records.filter { $0.ablation != nil }, ordinary: records.filter { $0.ablation == nil })
        let walk = try #require(walks.first)
        #expect(walks.count == 1 && walk.steps.map(\.change) == ["forgetBias", "recurrentInit"])
        // Step changes: means of (−0.03, −0.029, −0.031) = −0.03 and (−0.01, −0.01, −0.01) = −0.01; total −0.04.
        #expect(abs(walk.steps[0].test!.meanDifference - -0.03) < 1e-12)
        #expect(abs(walk.steps[1].test!.meanDifference - -0.01) < 1e-12)
        #expect(abs(walk.total - -0.04) < 1e-12)
        #expect(abs(walk.steps[0].share - 0.75) < 1e-9 && abs(walk.steps[1].share - 0.25) < 1e-9)
        // Direct B − A from ordinary runs: −0.04 + 0.001.
        #expect(abs(walk.direct!.meanDifference - -0.039) < 1e-12)
        // Ablation records stay out of the main statistics.
        #expect(TaskStatistics(task: "adding", records: records, bootstrapResamples: 50).profiles.map(\.profile) == ["B", "A"])
    }

    @Test func baselineDetectionCountsProfilesThatNeverLeftIt() {
        // Adding: baseline 1/6; a profile left it when its median MSE is below (1 − 0.05)/6 = 0.158333.
        var records: [RunRecord] = []
        for (i, name) in ["p0", "p1", "p2", "p3"].enumerated() {
            for seed: UInt64 in 0..<3 { records.append(Self.record(name, seed, i == 0 ? 0.02 : 0.166 + Double(seed) * 0.001)) }
        }
        records.append(Self.record("p4", 0, 0.159))
        let stats = TaskStatistics(task: "adding", records: records, bootstrapResamples: 50)
        let check = stats.baseline!
        #expect(abs(check.baseline - 1.0 / 6) < 1e-15)
        #expect(check.stayed == ["p1", "p2", "p3", "p4"] && check.profiles == 5 && check.mostStayed)
        // Accuracy on digits (10 classes): chance 0.1, left above 0.1 + 0.05·0.9 = 0.145.
        #expect(BaselineCheck.knownBaseline(task: "digits", metric: "accuracy") == 0.1)
        #expect(BaselineCheck.knownBaseline(task: "copy", metric: "cross-entropy") == nil)
        let digits = (0..<2).flatMap { s in [Self.record("x", UInt64(s), 0.14, task: "digits", name: "accuracy", higherIsBetter: true),
                                             Self.record("y", UInt64(s), 0.9, task: "digits", name: "accuracy", higherIsBetter: true)] }
        #expect(TaskStatistics(task: "digits", records: digits, bootstrapResamples: 50).baseline?.stayed == ["x"])
        // A caller-given baseline (copy's depends on the length).
        let copy = [Self.record("c", 0, 0.416, task: "copy", name: "cross-entropy")]
        #expect(TaskStatistics(task: "copy", records: copy, bootstrapResamples: 50, baseline: 0.4159).baseline?.stayed == ["c"])
        // Or the baseline the records carry: copy at T = 30, 10·ln 8/50 = 0.41588830833596715 (python3: 10*math.log(8)/50).
        #expect(abs(CopyTask().baselineMetric(options: ["length": 30])! - 0.41588830833596715) < 1e-15)
        var carried = copy[0]
        carried.baselineMetric = CopyTask().baselineMetric(options: ["length": 30])
        let fromRecords = TaskStatistics(task: "copy", records: [carried, Self.record("d", 0, 0.2, task: "copy", name: "cross-entropy")],
                                         bootstrapResamples: 50).baseline
        #expect(fromRecords?.baseline == carried.baselineMetric && fromRecords?.stayed == ["c"])
    }

    @Test func solveRatesUseWilsonAndMcNemar() throws {
        // a solves seeds 0…7, b solves only seed 0: 7 discordant pairs all for a -> binomtest(7, 7).pvalue = 0.015625.
        var records: [RunRecord] = []
        for seed: UInt64 in 0..<8 {
            records.append(Self.record("a", seed, 0.01 + Double(seed) * 0.001, threshold: 0.05))
            records.append(Self.record("b", seed, seed == 0 ? 0.04 : 0.17, threshold: 0.05))
        }
        let stats = TaskStatistics(task: "adding", records: records, bootstrapResamples: 50)
        let a = stats.profiles[0]
        #expect(a.solveCount?.solved == 8 && a.solveCount?.trials == 8)
        // Wilson 8/8: lower = 1/(1 + z²/8) = 0.6755924351161198 (python: z=1.959963984540054; 1/(1+z*z/8))
        #expect(abs(a.solveInterval!.lower - 0.6755924351161198) < 1e-12 && a.solveInterval!.upper == 1)
        let test = try #require(stats.solveComparisons.first)
        #expect(test.onlyFirst == 7 && test.onlySecond == 0 && abs(test.p - 0.015625) < 1e-15)
    }

    @Test func realLibraryRunsAreComparedAsIndependentSamples() throws {
        var records: [RunRecord] = []
        for seed: UInt64 in 0..<4 {
            records.append(Self.record("pytorch", seed, [1.1, 2.3, 0.4, 5.0][Int(seed)], threshold: 2.5))
        }
        for seed: UInt64 in 0..<6 {
            records.append(Self.record("pytorch", seed, [3.3, 4.1, 6.2, 7.5, 8.0, 2.9][Int(seed)], implementation: "torch 2.9.1", threshold: 2.5))
        }
        let comparison = try #require(RealLibraryComparison.all(records).first)
        #expect(comparison.implementation == "torch 2.9.1" && comparison.real.count == 6 && comparison.emulated.count == 4)
        // stats.mannwhitneyu([3.3,4.1,6.2,7.5,8.0,2.9], [1.1,2.3,0.4,5.0]) -> U 21.0, p 0.06666666666666667
        #expect(comparison.mannWhitney?.u == 21 && abs(comparison.mannWhitney!.p - 0.06666666666666667) < 1e-12)
        // Solved (MSE < 2.5): real 0/6, emulated 3/4: stats.fisher_exact([[0,6],[3,1]]).pvalue = 0.03333333333333334
        #expect(abs(comparison.fisherP! - 0.03333333333333334) < 1e-12)
        // The real runs stay out of the main statistics.
        #expect(TaskStatistics(task: "adding", records: records, bootstrapResamples: 50).profiles[0].runs == 4)
    }
}
