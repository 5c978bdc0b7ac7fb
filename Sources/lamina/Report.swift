import ArgumentParser
import Foundation
import LaminaCompare

/// `lamina report RESULTS... [--output DIR]`: merge results files (deduplicated by run key) and write a report.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Merge results files (deduplicating runs) and write a report folder.")

    @Argument(help: "Results files (JSON Lines), for example one per shard.")
    var results: [String]

    @Option(help: "The report folder.")
    var output: String = "report"

    func validate() throws {
        guard !results.isEmpty else { throw ValidationError("give at least one results file") }
    }

    func run() throws {
        for path in results where !FileManager.default.fileExists(atPath: path) {
            throw UserError("\(path): no such results file")
        }
        let merged = try ResultsMerger.merge(paths: results)
        merged.warnings.forEach(printError)
        guard !merged.records.isEmpty else { throw UserError("no run records in \(results.joined(separator: ", "))") }
        let studies = Set(merged.records.map(\.study)).sorted().joined(separator: ", ")
        let outcome = try ReportWriter(directory: URL(fileURLWithPath: output), title: "Study \(studies)")
            .write(records: merged.records)
        outcome.messages.forEach(printError)
        printError("\(merged.records.count) runs; \(outcome.images.count) image(s) rendered")
        print(outcome.page.path)
    }
}
