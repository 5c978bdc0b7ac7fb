import Foundation
import LaminaPlot
import Testing
@testable import LaminaCompare

/// A tiny study run end to end with the real training function, then reported.
@Suite struct EndToEndTests {
    @Test func tinyStudyTrainsResumesAndRendersAReport() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let study = Study(name: "tiny", tasks: ["adding"], profiles: .named(["keras2", "pytorch"]), seedCount: 2,
                          units: 4, epochs: 1, batchSize: 16, taskOptions: ["adding": ["length": 6, "examples": 32]])
        let specs = study.runSpecifications(allProfiles: ProfileRegistry.all.map(\.name))
        #expect(specs.count == 4)
        let results = ResultsFile(path: dir.appendingPathComponent("tiny.jsonl").path)
        let summary = try StudyRunner(specifications: specs, results: results, executor: .inProcess({ try trainRun($0) }))
            .run()
        #expect(summary.executed == 4 && summary.failed == 0)
        let records = try results.load().records
        #expect(Set(records.map(\.key)).count == 4)
        for r in records {
            #expect(!r.diverged && r.testMetric.isFinite && r.epochs.count == 1)
            #expect(r.spectralRadius["forget"].map { $0 > 0 } == true)
        }
        // Running again does nothing: every run is already in the file.
        let again = try StudyRunner(specifications: specs, results: results, executor: .inProcess({ try trainRun($0) })).run()
        #expect(again.executed == 0 && again.skipped == 4)
        let report = dir.appendingPathComponent("report")
        let outcome = try ReportWriter(directory: report, title: "tiny", bootstrapResamples: 200).write(records: records)
        let page = try String(contentsOf: outcome.page, encoding: .utf8)
        #expect(page.contains("keras2") && page.contains("pytorch"))
        #expect(!outcome.scripts.isEmpty)
        if Gnuplot.locate() != nil {
            #expect(!outcome.images.isEmpty)
            for image in outcome.images { #expect(try Data(contentsOf: image).count > 0) }
        }
    }
}
