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

    public static func == (a: ProfileSummary, b: ProfileSummary) -> Bool {
        a.task == b.task && a.profile == b.profile && a.runs == b.runs && a.diverged == b.diverged
            && a.metric == b.metric && a.values == b.values && a.spectralRadius == b.spectralRadius
            && a.confidenceInterval.lower == b.confidenceInterval.lower
            && a.confidenceInterval.upper == b.confidenceInterval.upper
    }

    /// Mean spectral radius over the gates (NaN when none were recorded).
    public var meanSpectralRadius: Double {
        // Summed in gate-name order: a dictionary's order changes from process to process,
        // and a last-bit difference would break ties between identical profiles differently.
        spectralRadius.isEmpty ? .nan : spectralRadius.sorted { $0.key < $1.key }.reduce(0) { $0 + $1.value } / Double(spectralRadius.count)
    }
}

/// A pairwise comparison of two profiles on one task.
public struct PairwiseComparison: Sendable, Equatable {
    /// The two profiles.
    public var first: String, second: String
    /// Mean of first minus mean of second.
    public var difference: Double
    /// Welch's test of the difference.
    public var test: WelchTest
    /// Holm-adjusted p-value across the task's comparisons.
    public var adjustedP: Double
    /// Whether the difference is significant at 5% after adjustment.
    public var significant: Bool { adjustedP < 0.05 }
}
