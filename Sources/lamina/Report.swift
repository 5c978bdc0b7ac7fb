import ArgumentParser
import Foundation
import LaminaCompare

/// `lamina report RESULTS... [--output DIR] [--baseline TASK=VALUE]... [--sources]`: merge results files
/// (deduplicated by run key) and write a report, or print the profiles' sources.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Merge results files (deduplicating runs) and write a report folder.")

    @Argument(help: "Results files (JSON Lines), for example one per shard.")
    var results: [String] = []

    @Option(help: "The report folder.")
    var output: String = "report"

    @Option(help: ArgumentHelp("A task's baseline metric, for tasks whose baseline the records do not fix "
                               + "(copy: 10·ln 8/(T+20)), such as copy=0.4159. Repeatable.", valueName: "task=value"))
    var baseline: [String] = []

    @Flag(help: "Print the documents behind every profile's source codes and exit.")
    var sources = false

    func validate() throws {
        guard sources || !results.isEmpty else { throw ValidationError("give at least one results file") }
        try FileChecks.checkNotEmpty(output, option: "--output", expected: "the report folder's path, such as --output report")
        _ = try Self.parseBaselines(baseline)
    }

    /// Parses `task=value` pairs.
    static func parseBaselines(_ items: [String]) throws -> [String: Double] {
        var out: [String: Double] = [:]
        for item in items {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            // Every metric of the tasks (mse, cross-entropy, nats/char, accuracy) is at least 0.
            guard parts.count == 2, !parts[0].isEmpty, let value = Double(parts[1]), value.isFinite, value >= 0 else {
                throw ValidationError("--baseline \(item): expected TASK=VALUE with a number ≥ 0, such as copy=0.4159")
            }
            out[parts[0]] = value
        }
        return out
    }

    func run() throws {
        if sources {
            print(ProfileSources.bibliography(profiles: ProfileRegistry.all.map(\.name)), terminator: "")
            return
        }
        for path in results { try FileChecks.checkReadableResults(path) }
        let merged = try ResultsMerger.mergeAll(paths: results)
        merged.warnings.forEach(printError)
        guard !merged.records.isEmpty else { throw UserError("no run records in \(results.joined(separator: ", "))") }
        let tasks = Set(merged.records.map(\.task)).sorted()
        for task in try Self.parseBaselines(baseline).keys.sorted() where !tasks.contains(task) {
            throw UserError("--baseline \(task)=…: no record is of task '\(task)'; the tasks present: \(tasks.joined(separator: ", "))")
        }
        do { try OutputPaths.checkReportFolder(output, inputs: results) } catch { throw UserError("\(error)") }
        let studies = Set(merged.records.map(\.study)).sorted().joined(separator: ", ")
        StagingCleanup.install(reportFolder: URL(fileURLWithPath: output))
        let outcome = try ReportWriter(directory: URL(fileURLWithPath: output), title: "Study \(studies)",
                                       baselines: try Self.parseBaselines(baseline))
            .write(records: merged.records, failures: merged.failures)
        outcome.messages.forEach(printError)
        printError("\(merged.records.count) runs; \(outcome.images.count) image(s) rendered")
        print(outcome.page.path)
    }
}
