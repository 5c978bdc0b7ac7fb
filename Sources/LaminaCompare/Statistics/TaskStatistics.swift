import Foundation

/// Everything the report says about one task: per-profile summaries, paired tests, solve rates, the noise
/// floor, power and the baseline check.
///
/// Only ordinary runs (no `perturbation`, no `implementation`, no `ablation`) enter the summaries and tests.
/// Profiles that build identical runs (see ``IdenticalProfiles``) are ranked and tested once, under the
/// name that sorts first, with the others as aliases.
public struct TaskStatistics: Sendable {
    /// Task name.
    public var task: String
    /// The metric's name.
    public var metric: String
    /// Whether a larger metric is better.
    public var higherIsBetter: Bool
    /// Per profile (one per identical group), ranked best first (profiles with no finished run last).
    public var profiles: [ProfileSummary]
    /// Groups of profiles with identical runs.
    public var identicalGroups: [[String]]
    /// Every pair of ranked profiles with at least two common finished seeds, Holm-adjusted within the task.
    public var comparisons: [PairwiseComparison]
    /// McNemar tests of solve counts, when the task has a success threshold.
    public var solveComparisons: [SolveComparison]
    /// The rounding-noise floor, when the records have noise-floor repeats.
    public var noiseFloor: NoiseFloor?
    /// Seeds needed for 80% power.
    public var power: TaskPower?
    /// The baseline check, when the task's baseline is known.
    public var baseline: BaselineCheck?

    /// Best mean minus worst mean, in "points": percentage points for accuracy-like metrics in [0, 1],
    /// otherwise the metric's own units. Nil with fewer than two profiles with results.
    public var spread: Double? {
        let means = profiles.map(\.metric.mean).filter(\.isFinite)
        guard means.count >= 2, let hi = means.max(), let lo = means.min() else { return nil }
        return (hi - lo) * pointScale
    }

    /// The standard deviation of the profile means (between-profile spread, metric units).
    public var betweenProfileSD: Double? {
        let means = profiles.map(\.metric.mean).filter(\.isFinite)
        return means.count >= 2 ? Descriptive(means).standardDeviation : nil
    }

    /// 100 for accuracy (a fraction), 1 otherwise.
    public var pointScale: Double { metric == "accuracy" ? 100 : 1 }

    /// The unit the spread is given in.
    public var spreadUnit: String { metric == "accuracy" ? "percentage points" : metric }

    /// Spearman rank correlation between a profile's mean spectral radius and its rank (1 = best);
    /// a negative value means a larger radius goes with a better rank. Nil with fewer than three profiles.
    public var spectralRadiusRankCorrelation: Double? {
        let ranked = profiles.filter { $0.metric.mean.isFinite && $0.meanSpectralRadius.isFinite }
        guard ranked.count >= 3 else { return nil }
        // Ranked by mean (best first), so tied means share their average rank.
        return Spearman.correlation(ranked.map(\.meanSpectralRadius), ranked.map { higherIsBetter ? -$0.metric.mean : $0.metric.mean })
    }

    /// Summarizes `records` (all of one task, of any kind). `baseline` overrides the baseline the
    /// records carry (``RunRecord/baselineMetric``), which overrides the known baseline.
    public init(task: String, records all: [RunRecord], bootstrapResamples: Int = 10_000, baseline: Double? = nil) {
        self.task = task
        let records = all.filter { $0.perturbation == nil && $0.implementation == nil && $0.ablation == nil }
        let finished = records.filter { !$0.diverged && $0.testMetric.isFinite }
        // The metric's name and direction from any finished run (an ablation study has only walk steps), else from
        // any run that was trained (a diverged run carries them too when every run diverged; a failed run does not).
        let named = finished.first ?? all.first { !$0.diverged && $0.testMetric.isFinite && $0.metric != RunRecord.failedMetric }
            ?? all.first { $0.metric != RunRecord.failedMetric }
        metric = named?.metric ?? "metric"
        higherIsBetter = named?.higherIsBetter ?? true
        identicalGroups = IdenticalProfiles.groups(records)
        let aliasOf = Dictionary(uniqueKeysWithValues: identicalGroups.flatMap { g in g.dropFirst().map { ($0, g[0]) } })
        var order: [String] = []
        for record in records where !order.contains(record.profile) && aliasOf[record.profile] == nil { order.append(record.profile) }
        let groups = identicalGroups
        var summaries = order.map { profile -> ProfileSummary in
            var summary = Self.summarize(task: task, profile: profile, runs: records.filter { $0.profile == profile },
                                         bootstrapResamples: bootstrapResamples)
            summary.aliases = groups.first { $0[0] == profile }.map { Array($0.dropFirst()) } ?? []
            return summary
        }
        let better = higherIsBetter
        summaries.sort { a, b in
            switch (a.metric.mean.isFinite, b.metric.mean.isFinite) {
            case (true, true):
                // Equal means (two profiles with the same initialization) rank by name, so the
                // order does not depend on the order in which parallel runs finished.
                if a.metric.mean == b.metric.mean { return a.profile < b.profile }
                return better ? a.metric.mean > b.metric.mean : a.metric.mean < b.metric.mean
            case (true, false): return true
            case (false, true): return false
            case (false, false): return a.profile < b.profile
            }
        }
        profiles = summaries
        let floor = NoiseFloor(records: all.filter { $0.ablation == nil })
        noiseFloor = floor
        comparisons = Self.pairedComparisons(summaries, noiseFloor: floor)
        solveComparisons = Self.solveComparisons(summaries, records: records)
        power = TaskPower(comparisons)
        let recorded = all.lazy.compactMap(\.baselineMetric).first
        self.baseline = (baseline ?? recorded ?? BaselineCheck.knownBaseline(task: task, metric: metric)).map {
            BaselineCheck(baseline: $0, profiles: summaries, higherIsBetter: better)
        }
    }

    static func summarize(task: String, profile: String, runs unsorted: [RunRecord], bootstrapResamples: Int) -> ProfileSummary {
        let runs = unsorted.sorted { $0.seed < $1.seed }
        let finishedRuns = runs.filter { !$0.diverged && $0.testMetric.isFinite }
        let values = finishedRuns.map(\.testMetric)
        var radius: [String: Double] = [:]
        let radii = runs.filter { !$0.spectralRadius.isEmpty }
        for gate in Set(radii.flatMap { $0.spectralRadius.keys }).sorted() {
            let xs = radii.compactMap { $0.spectralRadius[gate] }
            radius[gate] = xs.reduce(0, +) / Double(xs.count)
        }
        let flags = runs.compactMap(\.solved)
        return ProfileSummary(task: task, profile: profile, runs: runs.count, diverged: runs.count - values.count,
                              metric: Descriptive(values),
                              confidenceInterval: Bootstrap.meanInterval(values, resamples: bootstrapResamples),
                              spectralRadius: radius, values: values, seeds: finishedRuns.map(\.seed),
                              solveCount: flags.isEmpty ? nil : (flags.filter { $0 }.count, flags.count))
    }

    static func pairedComparisons(_ summaries: [ProfileSummary], noiseFloor: NoiseFloor?) -> [PairwiseComparison] {
        var pairs: [(Int, Int, PairedTTest, WilcoxonSignedRank, Double)] = []
        for i in summaries.indices {
            let a = summaries[i].valueBySeed
            for j in summaries.indices where j > i {
                let b = summaries[j].valueBySeed
                let seeds = Set(a.keys).intersection(b.keys).sorted()
                let differences = seeds.map { a[$0]! - b[$0]! }
                let resolution = PairedTTest.resolution(seeds.flatMap { [a[$0]!, b[$0]!] })
                if let t = PairedTTest(differences: differences, resolution: resolution),
                   let w = WilcoxonSignedRank(differences: differences, resolution: resolution) {
                    pairs.append((i, j, t, w, resolution))
                }
            }
        }
        let adjusted = Holm.adjust(pairs.map(\.2.p)), wilcoxonAdjusted = Holm.adjust(pairs.map(\.3.p))
        return pairs.indices.map { k in
            let (i, j, t, w, resolution) = pairs[k]
            return PairwiseComparison(first: summaries[i].profile, second: summaries[j].profile,
                                      firstLabel: summaries[i].label, secondLabel: summaries[j].label,
                                      pairs: t.count, paired: t, wilcoxon: w, adjustedP: adjusted[k],
                                      wilcoxonAdjustedP: wilcoxonAdjusted[k],
                                      exceedsNoise: noiseFloor.map { abs(t.meanDifference) > max($0.threshold(pairs: t.count), resolution) })
        }
    }

    static func solveComparisons(_ summaries: [ProfileSummary], records: [RunRecord]) -> [SolveComparison] {
        let withThreshold = summaries.filter { $0.solveCount != nil }
        func flags(_ profile: String) -> [UInt64: Bool] {
            var out: [UInt64: Bool] = [:]
            for r in records where r.profile == profile { if let s = r.solved { out[r.seed] = s } }
            return out
        }
        var tests: [SolveComparison] = []
        for i in withThreshold.indices {
            let a = flags(withThreshold[i].profile)
            for j in withThreshold.indices where j > i {
                let b = flags(withThreshold[j].profile)
                let seeds = Set(a.keys).intersection(b.keys)
                guard !seeds.isEmpty else { continue }
                let onlyFirst = seeds.filter { a[$0]! && !b[$0]! }.count, onlySecond = seeds.filter { !a[$0]! && b[$0]! }.count
                tests.append(SolveComparison(first: withThreshold[i].profile, second: withThreshold[j].profile,
                                             pairs: seeds.count, onlyFirst: onlyFirst, onlySecond: onlySecond,
                                             p: Proportions.mcNemarExact(onlyFirst: onlyFirst, onlySecond: onlySecond),
                                             adjustedP: 1))
            }
        }
        let adjusted = Holm.adjust(tests.map(\.p))
        for k in tests.indices { tests[k].adjustedP = adjusted[k] }
        return tests
    }

    /// Statistics per task, tasks in first-appearance order. `baselines` (task name to value) override the
    /// known baselines.
    public static func all(_ records: [RunRecord], bootstrapResamples: Int = 10_000,
                           baselines: [String: Double] = [:]) -> [TaskStatistics] {
        var order: [String] = []
        for record in records where !order.contains(record.task) { order.append(record.task) }
        return order.map { task in
            TaskStatistics(task: task, records: records.filter { $0.task == task }, bootstrapResamples: bootstrapResamples,
                           baseline: baselines[task])
        }
    }
}

/// How many seeds the paired t-test (two-sided, α = 0.05) needs for 80% power at the task's observed effects.
public struct TaskPower: Sendable, Equatable {
    /// The median |d_z| over the task's pairs, and the pairs it needs (nil: more than 100,000 or d_z = 0).
    public var medianDz: Double, medianSeeds: Int?
    /// The largest |d_z| among pairs not significant after Holm adjustment (the nearest unresolved
    /// difference), and the pairs it needs; nil when every pair is significant.
    public var largestUnresolvedDz: Double?, largestUnresolvedSeeds: Int?
    /// The smallest nonzero |d_z| among pairs not significant after Holm adjustment, and the pairs it needs.
    public var smallestUnresolvedDz: Double?, smallestUnresolvedSeeds: Int?
    /// The pairs the median |d_z| needs at α = 0.05/m (m pairs): the first, strictest step of Holm's procedure.
    public var medianSeedsAdjusted: Int?

    /// Power figures for `comparisons` (finite d_z only); nil without any.
    public init?(_ comparisons: [PairwiseComparison]) {
        let effects = comparisons.map { abs($0.paired.dz) }.filter(\.isFinite)
        guard !effects.isEmpty else { return nil }
        medianDz = Descriptive(effects).median
        medianSeeds = PairedPower.requiredPairs(dz: medianDz)
        let unresolved = comparisons.filter { !$0.significant }.map { abs($0.paired.dz) }.filter(\.isFinite)
        largestUnresolvedDz = unresolved.max()
        largestUnresolvedSeeds = largestUnresolvedDz.flatMap { PairedPower.requiredPairs(dz: $0) }
        smallestUnresolvedDz = unresolved.filter { $0 > 0 }.min()
        smallestUnresolvedSeeds = smallestUnresolvedDz.flatMap { PairedPower.requiredPairs(dz: $0) }
        medianSeedsAdjusted = PairedPower.requiredPairs(dz: medianDz, alpha: 0.05 / Double(comparisons.count))
    }
}
/// Spearman's rank correlation (average ranks for ties).
public enum Spearman {
    /// The Pearson correlation of the ranks of `x` and `y`.
    public static func correlation(_ x: [Double], _ y: [Double]) -> Double {
        let rx = ranks(x), ry = ranks(y)
        let mx = Descriptive(rx).mean, my = Descriptive(ry).mean
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in rx.indices {
            sxy += (rx[i] - mx) * (ry[i] - my)
            sxx += (rx[i] - mx) * (rx[i] - mx)
            syy += (ry[i] - my) * (ry[i] - my)
        }
        return sxx > 0 && syy > 0 ? sxy / (sxx * syy).squareRoot() : .nan
    }

    static func ranks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var result = [Double](repeating: 0, count: values.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && values[order[j + 1]] == values[order[i]] { j += 1 }
            for k in i...j { result[order[k]] = Double(i + j) / 2 + 1 }
            i = j + 1
        }
        return result
    }
}
