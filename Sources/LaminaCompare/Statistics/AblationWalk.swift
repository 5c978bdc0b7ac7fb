/// An ablation walk from profile A to profile B on one task: one recipe field changed per step, each step's
/// effect measured as the paired change of the final metric from the previous step over the seeds where both
/// finished (paired t on the per-seed changes, Holm-adjusted over the walk's steps).
public struct AblationWalk: Sendable {
    /// One step of the walk.
    public struct Step: Sendable {
        /// Step number (1 = first change).
        public var step: Int
        /// The recipe field changed.
        public var change: String
        /// Mean of the step's finished metrics.
        public var mean: Double
        /// The paired change from the previous step (this minus previous); nil with fewer than two pairs.
        public var test: PairedTTest?
        /// Holm-adjusted p of the paired t over the walk's steps.
        public var adjustedP: Double
        /// The change's share of the walk's total (sum of the steps' mean changes).
        public var share: Double
    }

    /// Task name.
    public var task: String
    /// Start and end profiles.
    public var from: String, to: String
    /// Mean of step 0 (A's recipe).
    public var startMean: Double
    /// Steps 1…k.
    public var steps: [Step]
    /// The sum of the steps' mean paired changes: the walk's total A→B change.
    public var total: Double
    /// The direct paired difference B − A from the ordinary runs of the two profiles; nil when either is missing.
    public var direct: PairedTTest?

    /// The walks in `records` (ablation records of all tasks; `ordinary` supplies the direct comparisons),
    /// sorted by task, from, to.
    public static func all(ablation records: [RunRecord], ordinary: [RunRecord]) -> [AblationWalk] {
        var keys: [String] = []
        for r in records { if let a = r.ablation, !keys.contains("\(r.task)|\(a.from)|\(a.to)") { keys.append("\(r.task)|\(a.from)|\(a.to)") } }
        return keys.sorted().map { key in
            let parts = key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            return AblationWalk(task: parts[0], from: parts[1], to: parts[2],
                                records: records.filter { $0.task == parts[0] && $0.ablation?.from == parts[1] && $0.ablation?.to == parts[2] },
                                ordinary: ordinary.filter { $0.task == parts[0] })
        }
    }

    /// Analyzes one walk.
    init(task: String, from: String, to: String, records: [RunRecord], ordinary: [RunRecord]) {
        self.task = task
        self.from = from
        self.to = to
        func finished(_ rs: [RunRecord]) -> [UInt64: Double] {
            var out: [UInt64: Double] = [:]
            for r in rs where !r.diverged && r.testMetric.isFinite { out[r.seed] = r.testMetric }
            return out
        }
        let stepNumbers = Array(Set(records.compactMap { $0.ablation?.step })).sorted()
        let byStep = stepNumbers.map { n in finished(records.filter { $0.ablation?.step == n }) }
        func mean(_ bySeed: [UInt64: Double]) -> Double { Descriptive(bySeed.keys.sorted().map { bySeed[$0]! }).mean }
        startMean = byStep.first.map(mean) ?? .nan
        var steps: [Step] = []
        for index in stepNumbers.indices.dropFirst() {
            let previous = byStep[index - 1], current = byStep[index]
            let seeds = Set(previous.keys).intersection(current.keys).sorted()
            let change = records.first { $0.ablation?.step == stepNumbers[index] }?.ablation?.change ?? ""
            steps.append(Step(step: stepNumbers[index], change: change,
                              mean: mean(current),
                              test: PairedTTest(differences: seeds.map { current[$0]! - previous[$0]! },
                                                resolution: PairedTTest.resolution(seeds.flatMap { [current[$0]!, previous[$0]!] })),
                              adjustedP: 1, share: .nan))
        }
        let adjusted = Holm.adjust(steps.map { $0.test?.p ?? 1 })
        total = steps.reduce(0) { $0 + ($1.test?.meanDifference ?? 0) }
        for i in steps.indices {
            steps[i].adjustedP = adjusted[i]
            steps[i].share = total != 0 ? (steps[i].test?.meanDifference ?? 0) / total : .nan
        }
        self.steps = steps
        let a = finished(ordinary.filter { $0.profile == from }), b = finished(ordinary.filter { $0.profile == to })
        let seeds = Set(a.keys).intersection(b.keys).sorted()
        direct = PairedTTest(differences: seeds.map { b[$0]! - a[$0]! },
                             resolution: PairedTTest.resolution(seeds.flatMap { [a[$0]!, b[$0]!] }))
    }
}
