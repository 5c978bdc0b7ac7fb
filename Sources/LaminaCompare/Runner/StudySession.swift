import Foundation

/// One use of a study file from start to finish: it reads and checks the study once,
/// selects the shard's runs, owns the results path, checks the task data before the
/// first run, runs what is pending and writes the report. `lamina compare` is this
/// type plus its command-line flags; another client (a script, a notebook, a test)
/// gets the same behaviour from the same calls:
///
///     let session = try StudySession(studyPath: "Comparisons/studies/default.json")
///     let lock = try session.claimOutputs(reportFolder: "report")
///     defer { lock.release() }
///     if try !session.pendingSpecifications().isEmpty { try session.checkTaskData() }
///     _ = try session.run(executor: .inProcess { try trainRun($0) }, log: { print($0) })
///     _ = try session.writeReport(to: "report")
public struct StudySession: Sendable {
    /// The study as parsed and checked.
    public let study: Study
    /// The study file it came from.
    public let studyPath: String
    /// The part of the study's runs this session does.
    public let shard: Shard
    /// The runs of this shard, in the study's fixed order.
    public let specifications: [RunSpecification]
    /// The results file (JSON Lines) the runs append to and resume from.
    public let resultsPath: String
    /// The number of runs of the whole study (every shard).
    public let studyRunCount: Int

    /// Reads and checks the study at `studyPath` (syntax, fields, ranges, task and profile
    /// names with their line numbers) and the environment (``EnvironmentSettings/check(environment:)``),
    /// and selects `shard`'s runs. Without `resultsPath`
    /// the results go to ``defaultResultsPath(studyName:shard:)``.
    /// - Throws: ``StudyError`` (or the parser's errors) with the file, line and a fix.
    public init(studyPath: String, shard: Shard = .whole, resultsPath: String? = nil) throws {
        try EnvironmentSettings.check()
        let study = try StudyParser.load(path: studyPath)
        let profiles = ProfileRegistry.all.map(\.name)
        try StudyParser.validateNames(study, path: studyPath, knownTasks: TaskRegistry.all.map(\.name), knownProfiles: profiles)
        self.study = study
        self.studyPath = studyPath
        self.shard = shard
        let all = study.runSpecifications(allProfiles: profiles)
        self.studyRunCount = all.count
        self.specifications = shard.select(all)
        self.resultsPath = resultsPath ?? Self.defaultResultsPath(studyName: study.name, shard: shard)
    }

    /// Why the session has nothing to do, when its shard selects none of the study's runs
    /// (shard i/n takes runs i, i + n, …, so i must be below the number of runs), or nil.
    public var emptyShardProblem: String? {
        guard specifications.isEmpty else { return nil }
        return "shard \(shard) selects none of the \(studyRunCount) runs of study \(study.name) (shard i/n runs runs i, i+n, …); "
            + "use a shard count of at most \(studyRunCount)"
    }

    /// `results/<study>.jsonl`, or `results/<study>.shard-i-of-n.jsonl` for a shard of several.
    public static func defaultResultsPath(studyName: String, shard: Shard) -> String {
        "results/\(studyName)" + (shard.count > 1 ? ".shard-\(shard.index)-of-\(shard.count)" : "") + ".jsonl"
    }

    /// Checks every output before the first run: that the results file is this study's
    /// (not the study file, a folder, another kind of file or another study's results; see
    /// ``OutputPaths/checkResultsFile(_:study:inputs:)``), claims it (its folder is
    /// writable and no other session uses it; see ``ResultsLock``) and, when a report is
    /// asked for, that `reportFolder` can be written and holds neither the study nor the
    /// results. Release the lock when the session ends.
    public func claimOutputs(reportFolder: String?) throws -> ResultsLock {
        try OutputPaths.checkResultsFile(resultsPath, study: study.name, inputs: [studyPath])
        // The report folder is checked before the results file's folder and lock are created, so that a
        // refused report leaves nothing behind; it is created once the results file is claimed.
        if let reportFolder {
            try OutputPaths.checkReportFolder(reportFolder, inputs: [resultsPath, studyPath], creating: false)
        }
        let lock = try ResultsLock.acquire(resultsPath: resultsPath)
        if let reportFolder {
            do { try OutputPaths.checkReportFolder(reportFolder, inputs: [resultsPath, studyPath]) } catch {
                lock.release()
                throw error
            }
        }
        return lock
    }

    /// The runs not yet in the results file with the current settings (failed runs count as not done).
    public func pendingSpecifications() throws -> [RunSpecification] {
        try runner(executor: .inProcess { _ in throw CancellationError() }).pendingSpecifications()
    }

    /// Checks that every task of the session exists and its data is installed, so that
    /// a missing data set is one message (with the command that installs it) before any
    /// run rather than one failure per run.
    public func checkTaskData() throws {
        for name in Set(specifications.map(\.task)).sorted() {
            _ = try TaskRegistry.named(name).makeData(seed: study.firstSeed, options: study.taskOptions[name] ?? [:])
        }
    }

    /// Runs every pending run with `executor` and `jobs` workers (see ``StudyRunner``).
    public func run(executor: RunExecutor, jobs: Int = 1, onEpoch: @escaping @Sendable (EpochProgress) -> Void = { _ in },
                    log: @escaping @Sendable (String) -> Void = { _ in }) throws -> StudyRunner.Summary {
        try runner(executor: executor, jobs: jobs, onEpoch: onEpoch).run(log: log)
    }

    /// Merges the results file and writes the report folder, titled after the study.
    /// Returns the report's outcome with the merge's warnings put first in its messages.
    public func writeReport(to folder: String) throws -> ReportWriter.Outcome {
        let merged = try ResultsMerger.mergeAll(paths: [resultsPath])
        var outcome = try ReportWriter(directory: URL(fileURLWithPath: folder), title: "Study \(study.name)")
            .write(records: merged.records, failures: merged.failures)
        outcome.messages = merged.warnings + outcome.messages
        return outcome
    }

    private func runner(executor: RunExecutor, jobs: Int = 1,
                        onEpoch: @escaping @Sendable (EpochProgress) -> Void = { _ in }) -> StudyRunner {
        StudyRunner(specifications: specifications, results: ResultsFile(path: resultsPath), executor: executor, jobs: jobs,
                    onEpoch: onEpoch)
    }
}
