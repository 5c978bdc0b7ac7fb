import Foundation

/// Runs a list of run specifications, appending each finished run to a results file.
///
/// Runs already in the results file with the same settings fingerprint are skipped (resume); failed
/// runs and runs recorded under other settings are run again. `jobs` workers run at once; each takes
/// the next run in the fixed order. With ``RunExecutor/subprocess(executable:arguments:)`` every run
/// is its own process, so a crash costs one run, not the study. While it runs, the runner holds the
/// results file's ``ResultsLock``, so a second runner on the same file is refused.
public struct StudyRunner: Sendable {
    /// What one invocation did.
    public struct Summary: Sendable, Equatable {
        /// Runs that were already in the results file.
        public var skipped: Int
        /// Runs executed now (including failures).
        public var executed: Int
        /// Runs executed now that threw or whose worker crashed or was killed: recorded as failed
        /// (not diverged) and retried on resume.
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
        let lock = try ResultsLock.acquire(resultsPath: results.path)
        defer { lock.release() }
        let loaded = try results.load()
        loaded.warnings.forEach(log)
        let removed = try results.removePartialTail()
        if removed > 0 { log("removed the partial last line (\(removed) bytes) of \(results.path); its run will be repeated") }
        let pending = pendingSpecifications(given: loaded.records)
        let wanted = Set(specifications.map { $0.key })
        let current = Set(specifications.map(\.resumeKey))
        let stale = loaded.records.filter { wanted.contains($0.key) && !$0.isFailure
                                            && !current.contains($0.resumeKey) }.count
        if stale > 0 {
            log("\(stale) record(s) in \(results.path) have the same run keys but other settings (the study was edited, or they predate settings fingerprints); they are kept, and their runs are done again with the current settings")
        }
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
                    if let failure { log("run \(record.key) failed (not a result; it is retried on resume): \(failure)") }
                    log(state.finish(failed: failure != nil).line + "  \(record.key)")
                }
            }
            thread.stackSize = 64 << 20
            thread.start()
        }
        group.wait()
        if let error = state.firstError { throw error }
        return Summary(skipped: specifications.count - pending.count, executed: state.executed, failed: state.failed)
    }

    /// The runs not yet in the results file with their current settings (failed runs count as not done).
    public func pendingSpecifications() throws -> [RunSpecification] {
        pendingSpecifications(given: try results.load().records)
    }

    private func pendingSpecifications(given records: [RunRecord]) -> [RunSpecification] {
        let existing = Set(records.filter { !$0.isFailure }.map(\.resumeKey))
        return specifications.filter { !existing.contains($0.resumeKey) }
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
