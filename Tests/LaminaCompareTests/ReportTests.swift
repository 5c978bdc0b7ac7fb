import Foundation
import LaminaPlot
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import LaminaCompare

/// Reports from a handful of synthetic records.
@Suite struct ReportTests {
    func records() -> [RunRecord] {
        let study = Study(name: "r", tasks: ["digits"], profiles: .named(["keras2", "pytorch", "lasagne"]),
                          seedCount: 4, epochs: 3)
        var records = study.runSpecifications(allProfiles: []).map(syntheticRun)
        // A run that diverged at once: no epochs, NaN metric.
        records[1].epochs = []
        (records[1].testMetric, records[1].diverged) = (.nan, true)
        return records
    }

    @Test func rendersFiguresAndPage() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let outcome = try ReportWriter(directory: dir, bootstrapResamples: 500).write(records: records())
        let page = try String(contentsOf: outcome.page, encoding: .utf8)
        #expect(page.contains("| rank | profile |"))
        #expect(page.contains("**In short.**") && page.contains("a spread of **"))
        // The pair tables live in the appendix; the page shows the significance matrix instead.
        #expect(!page.contains("| pair |") && page.contains("![") && page.contains("significance-digits.svg"))
        let appendix = try String(contentsOf: dir.appendingPathComponent("APPENDIX.md"), encoding: .utf8)
        #expect(appendix.contains("| pair | n | mean diff |") && appendix.contains("keras2"))
        #expect(page.contains("Diverged runs: pytorch 1/4"))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("results.jsonl").path))
        // curves, gradient norms, final metric, significance matrix, effect sizes; spectral radius.
        #expect(outcome.scripts.count == 6)
        for script in outcome.scripts {
            #expect(try Data(contentsOf: script).count > 0)
        }
    }

    @Test(.enabled(if: Gnuplot.locate() != nil, "needs gnuplot (apt-get install gnuplot-nox)"))
    func rendersEveryFigure() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let outcome = try ReportWriter(directory: dir, bootstrapResamples: 500).write(records: records())
        #expect(outcome.messages.isEmpty, "\(outcome.messages)")
        #expect(outcome.images.count == 12)
        for image in outcome.images {
            let data = try Data(contentsOf: image)
            #expect(data.count > 0, "\(image.lastPathComponent) is empty")
            if image.pathExtension == "svg" {
                #expect(XMLParser(data: data).parse(), "\(image.lastPathComponent) does not parse as XML")
            }
        }
    }

    /// Parallel runs finish in any order: the report's files do not depend on it.
    @Test func recordsInAnotherOrderGiveTheSameFiles() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        var contents: [[String: Data]] = []
        for records in [records(), records().reversed()] {
            _ = try ReportWriter(directory: dir, searchPath: "/nonexistent", bootstrapResamples: 200).write(records: Array(records))
            let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            contents.append(try Dictionary(uniqueKeysWithValues: names.map { ($0, try Data(contentsOf: dir.appendingPathComponent($0))) }))
            for name in names { try FileManager.default.removeItem(at: dir.appendingPathComponent(name)) }
        }
        #expect(contents[0].keys.sorted() == contents[1].keys.sorted())
        #expect(contents[0].keys.contains("results.jsonl") && contents[0].keys.contains("README.md"), "\(contents[0].keys.sorted())")
        for name in contents[0].keys.sorted() { #expect(contents[0][name] == contents[1][name], "\(name) differs") }
    }

    @Test func withoutGnuplotScriptsAreWrittenAndTheMessageSaysHowToRender() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let outcome = try ReportWriter(directory: dir, searchPath: "/nonexistent", bootstrapResamples: 200)
            .write(records: records())
        #expect(outcome.images.isEmpty)
        #expect(outcome.scripts.count == 6)
        for script in outcome.scripts {
            #expect(FileManager.default.fileExists(atPath: script.path))
        }
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("curves-digits.dat").path))
        // Box statistics are computed in Swift (gnuplot draws no box for fewer than four points):
        // pytorch has three finished runs, and every profile gets a row "x q1 min max q3 median rgb".
        let box = try String(contentsOf: dir.appendingPathComponent("final-digits-box.dat"), encoding: .utf8)
        let rows = box.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(rows.count == 3)
        #expect(rows.allSatisfy { $0.split(separator: " ").count == 7 })
        #expect(outcome.messages.count == 1)
        #expect(outcome.messages[0].contains("gnuplot \"$f\"") && outcome.messages[0].contains("gnuplot-nox"))
        #expect(try String(contentsOf: outcome.page, encoding: .utf8).contains("gnuplot was not found"))
    }
}
