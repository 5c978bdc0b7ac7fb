/// The validation metric per epoch of the runs of a study in progress, gathered from ``EpochProgress``
/// events, and what a live plot shows of them.
public struct LearningCurves: Sendable {
    /// One run's curve.
    public struct Curve: Sendable, Equatable {
        /// The run's task, profile and seed.
        public var task: String, profile: String, seed: UInt64
        /// The task's metric and direction, and the epochs planned.
        public var metric: String, higherIsBetter: Bool, epochs: Int
        /// (epoch, validation metric), in the order reported.
        public var points: [(epoch: Int, value: Double)]
        /// When it last changed (a counter over all events).
        var updated: Int

        /// `profile/seed`.
        public var label: String { "\(profile)/\(seed)" }
        /// Whether the last planned epoch has been reported.
        public var isFinished: Bool { points.last.map { $0.epoch >= epochs } ?? false }

        public static func == (a: Curve, b: Curve) -> Bool {
            a.task == b.task && a.profile == b.profile && a.seed == b.seed && a.updated == b.updated
                && a.points.map(\.epoch) == b.points.map(\.epoch)
                && a.points.map(\.value.bitPattern) == b.points.map(\.value.bitPattern)
        }
    }

    private var curves: [String: Curve] = [:]
    private var events = 0
    /// The task of the latest event.
    public private(set) var currentTask: String?

    /// No curves yet.
    public init() {}

    /// Adds one epoch of a run (a repeated epoch replaces the earlier value).
    public mutating func add(_ progress: EpochProgress) {
        events += 1
        let key = "\(progress.study)|\(progress.task)|\(progress.profile)|\(progress.seed)"
        var curve = curves[key] ?? Curve(task: progress.task, profile: progress.profile, seed: progress.seed,
                                         metric: progress.metric, higherIsBetter: progress.higherIsBetter,
                                         epochs: progress.epochs, points: [], updated: 0)
        curve.points.removeAll { $0.epoch >= progress.epoch }
        curve.points.append((progress.epoch, progress.validationMetric))
        curve.updated = events
        curves[key] = curve
        currentTask = progress.task
    }

    /// The curves of the current task: every run still in progress, then the most recently finished ones,
    /// at most `limit` in all, ordered by profile and seed so that a run keeps its place between refreshes.
    public func shown(limit: Int) -> [Curve] {
        guard let currentTask else { return [] }
        let ofTask = curves.values.filter { $0.task == currentTask }
        let running = ofTask.filter { !$0.isFinished }.sorted { $0.updated > $1.updated }
        let finished = ofTask.filter(\.isFinished).sorted { $0.updated > $1.updated }
        return Array((running + finished).prefix(max(0, limit))).sorted { ($0.profile, $0.seed) < ($1.profile, $1.seed) }
    }
}
