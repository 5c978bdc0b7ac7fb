/// Failed runs: a worker that crashed, was killed, or threw. A failed run is
/// not a result (unlike a diverged run, which trained and blew up): it is
/// recorded so that it can be counted and shown, and it is retried on resume.
extension RunRecord {
    /// The `metric` of a failed run's record.
    public static let failedMetric = "failed"

    /// Whether this record stands for a failed run rather than a result.
    public var isFailure: Bool { metric == Self.failedMetric && epochs.isEmpty && !diverged }

    /// The record of a run that failed: metric "failed", NaN test metric, no
    /// epochs, not diverged.
    /// It keeps the spec's perturbation, so that a failed noise-floor repeat is retried under its own key.
    public static func failure(of spec: RunSpecification, seconds: Double) -> RunRecord {
        var record = RunRecord(study: spec.study, task: spec.task, profile: spec.profile, seed: spec.seed, epochs: [],
                               testMetric: .nan, metric: failedMetric, higherIsBetter: true, wallSeconds: seconds, diverged: false,
                               spectralRadius: [:], settingsFingerprint: spec.settingsFingerprint)
        record.perturbation = spec.perturbation
        return record
    }
}
