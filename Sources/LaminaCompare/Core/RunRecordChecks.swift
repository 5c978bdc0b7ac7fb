/// Values a run record cannot hold if a training run wrote it: a results file edited
/// by hand, or produced by another tool, is checked so that a report never draws a
/// verdict from them.
extension RunRecord {
    /// Why this record's values are impossible, or nil when they are possible. The task must be one of
    /// ``TaskRegistry``'s. Non-finite
    /// metrics and losses are possible (a diverged run); negative times, norms, spectral
    /// radii, losses or error metrics (every metric where lower is better: mse,
    /// cross-entropy, nats/char), and accuracies outside [0, 1], are not.
    /// Names must be names the harness can give, since they reach file names and gnuplot scripts: the study,
    /// the task and an ablation's end profiles are study-file names (``StudyFields/isSafeName(_:)``: an ASCII
    /// letter or digit first, then letters, digits, '.', '_' and '-'); a profile may also be an ablation step,
    /// `from>to@k:field`, so it may contain '>', '@' and ':' too.
    public var impossibleValue: String? {
        var names = [("study", study, ""), ("task", task, ""), ("profile", profile, ">@:")]
        if let ablation { names += [("ablation.from", ablation.from, ""), ("ablation.to", ablation.to, "")] }
        if let (field, name, extra) = names.first(where: { !StudyFields.isSafeName($0.1, alsoAllowing: $0.2, maximumLength: $0.2.isEmpty ? 100 : 300) }) {
            return "\(field) \(name.debugDescription) is not a name the harness gives (letters, digits, '.', '_', '-'\(extra.isEmpty ? "" : ", " + extra.map { "'\($0)'" }.joined(separator: ", ")))"
        }
        guard (try? TaskRegistry.named(task)) != nil else {
            return "task \(task.debugDescription) is not one of the harness's tasks (\(TaskRegistry.all.map(\.name).joined(separator: ", ")))"
        }
        if !(wallSeconds >= 0) { return "wallSeconds \(wallSeconds) is not a time" }
        if let (gate, radius) = spectralRadius.sorted(by: { $0.key < $1.key }).first(where: { !($0.value >= 0) }) {
            return "spectralRadius.\(gate) \(radius) is negative or NaN"
        }
        if let problem = Self.metricProblem(testMetric, metric: metric, higherIsBetter: higherIsBetter) {
            return "testMetric \(problem)"
        }
        var previous = Int.min
        for (index, epoch) in epochs.enumerated() {
            let field = "epochs.\(index)"
            if epoch.epoch <= previous { return "\(field).epoch \(epoch.epoch) does not follow epoch \(previous)" }
            previous = epoch.epoch
            if epoch.gradientNorm < 0 { return "\(field).gradientNorm \(epoch.gradientNorm) is negative" }
            if epoch.trainingLoss < 0 { return "\(field).trainingLoss \(epoch.trainingLoss) is negative" }
            if let problem = Self.metricProblem(epoch.validationMetric, metric: metric, higherIsBetter: higherIsBetter) {
                return "\(field).validationMetric \(problem)"
            }
        }
        return nil
    }

    /// What is impossible about `value` as a `metric`, or nil. NaN and infinities pass (divergence).
    private static func metricProblem(_ value: Double, metric: String, higherIsBetter: Bool) -> String? {
        guard value.isFinite else { return nil }
        if metric == "accuracy" && !(0...1).contains(value) { return "\(value) is not an accuracy in [0, 1]" }
        if !higherIsBetter && value < 0 { return "\(value) is a negative \(metric)" }
        return nil
    }
}
