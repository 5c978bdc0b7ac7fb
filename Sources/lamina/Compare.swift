import ArgumentParser
import Foundation
import LaminaCompare

/// `lamina compare [STUDY] [--jobs N] [--shard i/n] [--results PATH] [--report DIR] [--live [FILE.png]]`.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a study (resuming from its results file) and optionally write a report.")

    @Argument(help: "The study file.")
    var study: String = "Comparisons/studies/default.json"

    @Option(help: "Parallel worker processes.")
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
    }

    func run() throws {
        let parsed: Study
        do { parsed = try StudyParser.load(path: study) } catch { throw UserError("\(error)") }
        let known = ProfileRegistry.all.map(\.name)
        do {
            try StudyParser.validateNames(parsed, path: study, knownTasks: TaskRegistry.all.map(\.name), knownProfiles: known)
        } catch { throw UserError("\(error)") }
        let slice = shard.flatMap(Shard.init(parsing:)) ?? .whole
        let specs = slice.select(parsed.runSpecifications(allProfiles: known))
        let path = results ?? "results/\(parsed.name)"
            + (slice.count > 1 ? ".shard-\(slice.index)-of-\(slice.count)" : "") + ".jsonl"
        let file = ResultsFile(path: path)
        let done = Set(try file.load().records.map(\.key))
        let pending = specs.filter { !done.contains($0.key) }.count
        printError("study \(parsed.name): \(specs.count) runs in shard \(slice) (\(pending) to do), results in \(path)")
        if pending > 0 {
            try preflight(tasks: Array(Set(specs.map(\.task))).sorted(), study: parsed)
            let monitor = try liveMonitor()
            let executor: RunExecutor = jobs > 1 || monitor != nil
                ? .subprocess(executable: try ownExecutable(), arguments: workerArguments(live: monitor))
                : .inProcess(trainingFunction)
            let summary = try StudyRunner(specifications: specs, results: file, executor: executor, jobs: jobs,
                                          onEpoch: { monitor?.update($0) })
                .run(log: printError)
            printError("done: \(summary.executed) run(s) now, \(summary.skipped) already there, \(summary.failed) failed")
        }
        if let report {
            let loaded = try file.load()
            let outcome = try ReportWriter(directory: URL(fileURLWithPath: report), title: "Study \(parsed.name)")
                .write(records: loaded.records)
            outcome.messages.forEach(printError)
            print(outcome.page.path)
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
