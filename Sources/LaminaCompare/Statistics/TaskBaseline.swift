/// Whether the profiles of a task ever left the trivial baseline.
///
/// The baseline is the metric of the best predictor that ignores what the task asks to learn:
/// adding, 1/6 (always predicting 1, the mean of a sum of two U(0,1), has MSE 2·1/12);
/// a classification task, chance accuracy 1/classes (balanced classes assumed); otherwise the value
/// the records carry (``RunRecord/baselineMetric``, such as copy's memoryless 10·ln 8/(T+20)) or one
/// the caller gives. A run **stayed at the baseline** when it is better than the baseline by less than 5% of the
/// distance from the baseline to a perfect score (0 for a loss, 1 for accuracy); a profile stayed when the
/// median of its finished runs did (no finished run counts as stayed).
public struct BaselineCheck: Sendable, Equatable {
    /// The baseline metric.
    public var baseline: Double
    /// Profiles (all of them, aliases included) that stayed, sorted.
    public var stayed: [String]
    /// Profiles checked.
    public var profiles: Int

    /// The share of the baseline-to-perfect distance a run must cover to count as having left the baseline.
    public static let tolerance = 0.05

    /// The known baseline of `task` for a metric, or nil.
    public static func knownBaseline(task: String, metric: String) -> Double? {
        if task == "adding" && metric == "mse" { return 1.0 / 6 }
        if metric == "accuracy", let t = try? TaskRegistry.named(task) {
            if case .classification(let classes) = t.outputKind { return 1 / Double(classes) }
        }
        return nil
    }

    /// Checks the ranked `profiles` of a task against `baseline`.
    public init(baseline: Double, profiles summaries: [ProfileSummary], higherIsBetter: Bool) {
        self.baseline = baseline
        let perfect = higherIsBetter ? 1.0 : 0.0
        let margin = Self.tolerance * abs(perfect - baseline)
        var stayed: [String] = []
        var count = 0
        for summary in summaries {
            let names = [summary.profile] + summary.aliases
            count += names.count
            let median = summary.metric.median
            let left = median.isFinite && (higherIsBetter ? median > baseline + margin : median < baseline - margin)
            if !left { stayed += names }
        }
        self.stayed = stayed.sorted()
        profiles = count
    }

    /// Whether most profiles stayed, so the task cannot rank them.
    public var mostStayed: Bool { stayed.count * 2 > profiles }
}
