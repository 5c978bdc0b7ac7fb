import ArgumentParser
import Foundation
import LaminaCompare

/// `lamina compare [STUDY] [--jobs N] [--shard i/n] [--results PATH] [--report DIR] [--live [FILE.png]]`.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a study (resuming from its results file) and optionally write a report.",
        discussion: "Every run trains in a worker process of its own (this executable, re-invoked as `lamina run-one`), also with --jobs 1, so a crash fails only that run and each run starts from a fresh process. Exits non-zero when a run failed (a worker crashed or was killed); running the same command again retries failed runs. Only one compare may use a results file at a time.")

    /// The study run when none is given, relative to the repository's top.
    static let defaultStudy = "Comparisons/studies/default.json"

    @Argument(help: "The study file.")
    var study: String = Compare.defaultStudy

    @Option(help: "Parallel worker processes (at most the number of runs to do).")
    var jobs: Int = 1

    @Option(help: "Run only every n-th run starting at i (0-based), written i/n.")
    var shard: String?

    @Option(help: "The results file (JSON Lines); default results/<study>.jsonl, or results/<study>.shard-i-of-n.jsonl.")
    var results: String?

    @Option(help: "Write a report folder here when the runs are done.")
    var report: String?

    @Option(help: "Plot the learning curves of the runs in progress every epoch: in the terminal (a bare --live) or to an image (--live FILE.png).")
    var live: String?

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        if let shard, Shard(parsing: shard) == nil {
            throw ValidationError("--shard must be i/n with 0 <= i < n, for example 0/4")
        }
        try FileChecks.checkNotEmpty(results, option: "--results", expected: "a results file path, such as results/study.jsonl")
        try FileChecks.checkNotEmpty(report, option: "--report", expected: "the report folder's path, such as --report report")
        try FileChecks.checkNotEmpty(live, option: "--live", expected: "no value (terminal) or an image path ending in .png")
    }

    func run() throws {
        let monitor = try liveMonitor()   // before anything is created: a bad --live leaves nothing behind
        if study == Self.defaultStudy, !FileManager.default.fileExists(atPath: study) {
            throw UserError("\(study): no such file in \(FileManager.default.currentDirectoryPath); the default study's path is relative "
                            + "to the repository's top: run lamina from there, or give the study's path (lamina compare STUDY.json)")
        }
        let session: StudySession
        do {
            session = try StudySession(studyPath: study, shard: shard.flatMap(Shard.init(parsing:)) ?? .whole, resultsPath: results)
        } catch { throw UserError("\(error)") }
        if let kind = FileChecks.nonFileKind(session.resultsPath), kind != "a folder" {
            throw UserError("--results \(session.resultsPath) is \(kind), not a file; give --results a file path, such as results/\(session.study.name).jsonl")
        }
        // Every output is checked before the first run: the results file is claimed (its folder
        // writable, no other compare on it) and held until the end; the report folder can be written.
        // A shard that selects no run writes no report (an empty one would look like a finished study).
        let reportFolder = session.emptyShardProblem == nil ? report : nil
        let lock: ResultsLock
        do { lock = try session.claimOutputs(reportFolder: reportFolder) } catch { throw UserError("\(error)") }
        defer { lock.release() }
        let specs = session.specifications
        let workers = min(jobs, max(1, specs.count))
        // A worker process per run, whatever --jobs says: a crash (a trap, a signal, memory) fails that run
        // only, and no run inherits state from the ones before it in the same process.
        let executor = RunExecutor.subprocess(executable: try ownExecutable(), arguments: workerArguments(live: monitor))
        let pending: Int
        do { pending = try session.pendingSpecifications().count } catch { throw UserError("\(error)") }
        printError("study \(session.study.name): \(specs.count) runs in shard \(session.shard) (\(pending) to do), results in \(session.resultsPath)")
        if let problem = session.emptyShardProblem {
            printError("warning: \(problem)")
            if let report { printError("no report written to \(report): the shard has no runs") }
        }
        if jobs > workers { printError("--jobs \(jobs) is more than the \(specs.count) run(s); using \(workers)") }
        var failed = 0
        if pending > 0 {
            do { try session.checkTaskData() } catch { throw UserError("\(error)") }
            WorkerProcesses.installSignalForwarding()
            let summary: StudyRunner.Summary
            do {
                summary = try session.run(executor: executor, jobs: workers, onEpoch: { monitor?.update($0) }, log: printError)
            } catch { throw UserError("\(error)") }
            failed = summary.failed
            printError("done: \(summary.executed) run(s) now, \(summary.skipped) already there, \(summary.failed) failed")
        }
        if let report = reportFolder {
            let outcome = try session.writeReport(to: report)
            outcome.messages.forEach(printError)
            print(outcome.page.path)
        }
        if failed > 0 {
            throw UserError("\(failed) run(s) failed (see the messages above); run the same command again to retry them")
        }
    }

    /// This executable, for worker processes.
    func ownExecutable() throws -> URL {
        let url = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        guard let main = Bundle.main.executableURL else { throw UserError("cannot find the lamina executable for workers") }
        return main
    }
}
