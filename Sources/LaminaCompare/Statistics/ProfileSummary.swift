/// The final-metric statistics of one profile on one task, over seeds.
public struct ProfileSummary: Sendable, Equatable {
    /// Task name.
    public var task: String
    /// Profile name.
    public var profile: String
    /// Runs in total, diverged included.
    public var runs: Int
    /// Diverged runs (excluded from every statistic below).
    public var diverged: Int
    /// Test-metric statistics over the runs that did not diverge.
    public var metric: Descriptive
    /// Percentile bootstrap 95% interval of the mean.
    public var confidenceInterval: (lower: Double, upper: Double)
    /// Mean spectral radius at initialization per gate, over all runs.
    public var spectralRadius: [String: Double]
    /// Test metrics of the runs that did not diverge, in seed order.
    public var values: [Double]
    /// The seeds of `values`, in the same order.
    public var seeds: [UInt64] = []
    /// Other profiles that build identical runs (equal fingerprints on every common seed), reported as this one.
    public var aliases: [String] = []
    /// Runs that met the task's success threshold, and runs with a threshold; nil when the task has none.
    public var solveCount: (solved: Int, trials: Int)?

    /// The name shown in tables: the profile and its aliases ("keras2 = keras3").
    public var label: String { ([profile] + aliases).joined(separator: " = ") }

    /// The 95% Wilson interval of the solve rate, when the task has a threshold.
    public var solveInterval: ClosedInterval? {
        solveCount.flatMap { Proportions.wilson(successes: $0.solved, trials: $0.trials) }
    }

    /// The finished run's metric for each seed.
    public var valueBySeed: [UInt64: Double] { Dictionary(uniqueKeysWithValues: zip(seeds, values)) }

    public static func == (a: ProfileSummary, b: ProfileSummary) -> Bool {
        a.task == b.task && a.profile == b.profile && a.runs == b.runs && a.diverged == b.diverged
            && a.metric == b.metric && a.values == b.values && a.spectralRadius == b.spectralRadius
            && a.confidenceInterval.lower == b.confidenceInterval.lower
            && a.confidenceInterval.upper == b.confidenceInterval.upper
            && a.seeds == b.seeds && a.aliases == b.aliases
            && a.solveCount?.solved == b.solveCount?.solved && a.solveCount?.trials == b.solveCount?.trials
    }

    /// Mean spectral radius over the gates (NaN when none were recorded).
    public var meanSpectralRadius: Double {
        // Summed in gate-name order: a dictionary's order changes from process to process,
        // and a last-bit difference would break ties between identical profiles differently.
        spectralRadius.isEmpty ? .nan : spectralRadius.sorted { $0.key < $1.key }.reduce(0) { $0 + $1.value } / Double(spectralRadius.count)
    }
}

/// A paired comparison of two profiles on one task, over the seeds where both finished.
public struct PairwiseComparison: Sendable, Equatable {
    /// The two profiles (representatives of their identical groups), first ranked above second.
    public var first: String, second: String
    /// Their labels (with aliases).
    public var firstLabel: String, secondLabel: String
    /// Seeds where both finished.
    public var pairs: Int
    /// Mean over those seeds of first minus second.
    public var difference: Double { paired.meanDifference }
    /// The paired t-test, mean-difference and d_z intervals.
    public var paired: PairedTTest
    /// The Wilcoxon signed-rank test of the same differences.
    public var wilcoxon: WilcoxonSignedRank
    /// Holm-adjusted paired-t p across the task's pairs.
    public var adjustedP: Double
    /// Holm-adjusted Wilcoxon p across the task's pairs.
    public var wilcoxonAdjustedP: Double
    /// Whether |difference| exceeds what rounding noise alone gives, 1.96·σ·√(2/n), and the double-precision
    /// resolution of the pair's values (``PairedTTest/resolution(_:)``); nil without a noise floor.
    public var exceedsNoise: Bool?
    /// Whether the paired t-test is significant at 5% after Holm adjustment.
    public var significant: Bool { adjustedP < 0.05 }
}

/// McNemar's exact test of two profiles' solve counts over the seeds with a threshold in both.
public struct SolveComparison: Sendable, Equatable {
    /// The two profiles.
    public var first: String, second: String
    /// Seeds compared.
    public var pairs: Int
    /// Seeds the first solved and the second did not, and the reverse.
    public var onlyFirst: Int, onlySecond: Int
    /// Exact two-sided p.
    public var p: Double
    /// Holm-adjusted across the task's pairs.
    public var adjustedP: Double
}
