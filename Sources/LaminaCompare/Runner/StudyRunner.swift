import Foundation

/// Runs a list of run specifications, appending each finished run to a results file.
///
/// Runs whose key is already in the results file are skipped (resume). `jobs` workers run at once;
/// each takes the next run in the fixed order. With ``RunExecutor/subprocess(executable:arguments:)``
/// every run is its own process, so a crash costs one run, not the study.
public struct StudyRunner: Sendable {
    /// What one invocation did.
    public struct Summary: Sendable, Equatable {
        /// Runs that were already in the results file.
        public var skipped: Int
        /// Runs executed now (including failures).
        public var executed: Int
        /// Runs executed now that threw or whose worker failed (recorded as diverged).
        public var failed: Int
    }

    /// The runs, in order (already sharded).
    public let specifications: [RunSpecification]
    /// Where results are appended.
    public let results: ResultsFile
    /// How each run executes.
    public let executor: RunExecutor
    /// Parallel workers (at least 1).
    public let jobs: Int
    /// Receives every epoch that subprocess workers report (from the workers' threads, possibly at once).
    public let onEpoch: @Sendable (EpochProgress) -> Void

    /// Creates a runner.
    public init(specifications: [RunSpecification], results: ResultsFile, executor: RunExecutor, jobs: Int = 1,
                onEpoch: @escaping @Sendable (EpochProgress) -> Void = { _ in }) {
        self.specifications = specifications
        self.results = results
        self.executor = executor
        self.jobs = max(1, jobs)
        self.onEpoch = onEpoch
    }

    /// Runs every run not yet in the results file. `log` receives warnings, failures and progress lines.
    public func run(log: @escaping @Sendable (String) -> Void = { _ in }) throws -> Summary {
        let loaded = try results.load()
        loaded.warnings.forEach(log)
        let removed = try results.removePartialTail()
        if removed > 0 { log("removed the partial last line (\(removed) bytes) of \(results.path); its run will be repeated") }
        let existing = Set(loaded.records.map(\.key))
        let pending = specifications.filter { !existing.contains($0.key) }
        let state = RunnerState(total: specifications.count, done: specifications.count - pending.count)
        if state.done > 0 { log("resuming: \(state.done) of \(specifications.count) runs already in \(results.path)") }
        let workers = min(jobs, pending.count)
        let group = DispatchGroup()
        for _ in 0..<workers {
            group.enter()
            // Workers get a large stack: in-process training of long sequences recurses deeply.
            let thread = Thread { [self] in
                defer { group.leave() }
                while let spec = state.next(from: pending) {
                    let (record, failure) = executor.execute(spec, onEpoch: onEpoch)
                    do {
                        try results.append(record)
                    } catch {
                        state.record(error: error)
                        return
                    }
                    if let failure { log("run \(record.key) failed and is recorded as diverged: \(failure)") }
                    log(state.finish(failed: failure != nil).line + "  " + record.key)
                }
            }
            thread.stackSize = 64 << 20
            thread.start()
        }
        group.wait()
        if let error = state.firstError { throw error }
        return Summary(skipped: specifications.count - pending.count, executed: state.executed, failed: state.failed)
    }
}

/// Shared, locked bookkeeping of the workers.
private final class RunnerState: @unchecked Sendable {
    private let lock = NSLock()
    private let started = Date()
    private var nextIndex = 0
    private let total: Int
    private(set) var done: Int
    private(set) var executed = 0
    private(set) var failed = 0
    private(set) var firstError: Error?

    init(total: Int, done: Int) {
        self.total = total
        self.done = done
    }

    func next(from pending: [RunSpecification]) -> RunSpecification? {
        lock.lock(); defer { lock.unlock() }
        guard firstError == nil, nextIndex < pending.count else { return nil }
        defer { nextIndex += 1 }
        return pending[nextIndex]
    }

    func finish(failed didFail: Bool) -> RunProgress {
        lock.lock(); defer { lock.unlock() }
        done += 1
        executed += 1
        if didFail { failed += 1 }
        return RunProgress(done: done, total: total, elapsed: Date().timeIntervalSince(started), finishedHere: executed)
    }

    func record(error: Error) {
        lock.lock(); defer { lock.unlock() }
        if firstError == nil { firstError = error }
    }
}
