/// Runs of a real library beside Lamina's emulation of its profile on one task. The two sets are
/// independent samples: the real library draws its initial weights and batches from its own generator, so
/// seed k of one is not paired with seed k of the other.
public struct RealLibraryComparison: Sendable {
    /// Task and profile.
    public var task: String, profile: String
    /// The real library and version ("torch 2.9.1").
    public var implementation: String
    /// Finished final metrics: real runs, emulated runs.
    public var real: [Double], emulated: [Double]
    /// Runs in total (diverged included): real, emulated.
    public var realRuns: Int, emulatedRuns: Int
    /// Solve counts (solved, trials) when the task has a threshold.
    public var realSolved: (solved: Int, trials: Int)?, emulatedSolved: (solved: Int, trials: Int)?
    /// Mann–Whitney U test of equal distributions of the finished metrics.
    public var mannWhitney: MannWhitneyU?
    /// Fisher's exact test of equal solve rates.
    public var fisherP: Double?

    /// One comparison per (task, profile, implementation) among `records` (all kinds), sorted by those keys.
    public static func all(_ records: [RunRecord]) -> [RealLibraryComparison] {
        var keys: [[String]] = []
        for r in records { if let i = r.implementation, !keys.contains([r.task, r.profile, i]) { keys.append([r.task, r.profile, i]) } }
        return keys.sorted { $0.lexicographicallyPrecedes($1) }.map { key in
            let realRecords = records.filter { $0.task == key[0] && $0.profile == key[1] && $0.implementation == key[2] && $0.perturbation == nil }
            let emulatedRecords = records.filter { $0.task == key[0] && $0.profile == key[1] && $0.implementation == nil
                && $0.perturbation == nil && $0.ablation == nil }
            return RealLibraryComparison(task: key[0], profile: key[1], implementation: key[2],
                                         realRecords: realRecords, emulatedRecords: emulatedRecords)
        }
    }

    init(task: String, profile: String, implementation: String, realRecords: [RunRecord], emulatedRecords: [RunRecord]) {
        self.task = task
        self.profile = profile
        self.implementation = implementation
        func values(_ rs: [RunRecord]) -> [Double] {
            rs.sorted { $0.seed < $1.seed }.filter { !$0.diverged && $0.testMetric.isFinite }.map(\.testMetric)
        }
        func solved(_ rs: [RunRecord]) -> (solved: Int, trials: Int)? {
            let flags = rs.compactMap(\.solved)
            return flags.isEmpty ? nil : (flags.filter { $0 }.count, flags.count)
        }
        real = values(realRecords)
        emulated = values(emulatedRecords)
        realRuns = realRecords.count
        emulatedRuns = emulatedRecords.count
        realSolved = solved(realRecords)
        emulatedSolved = solved(emulatedRecords)
        mannWhitney = MannWhitneyU(real, emulated)
        if let r = realSolved, let e = emulatedSolved {
            fisherP = Proportions.fisherExact(r.solved, r.trials - r.solved, e.solved, e.trials - e.solved)
        }
    }
}
