import Foundation
import Testing
@testable import LaminaCompare

/// `lamina report`'s options, run as a user would.
@Suite struct ReportCommandTests {
    func lamina(_ arguments: [String]) throws -> (Int32, String) {
        let (status, out, err) = try CommandLineTests().lamina(arguments)
        return (status, out + err)
    }

    @Test func sourcesArePrintedWithoutResults() throws {
        let (status, out) = try lamina(["report", "--sources"])
        #expect(status == 0)
        #expect(out.contains("| keras3 | Keras 3 / tf.keras (TF2) |") && out.contains("- **K3** Keras 3 (tag v3.0.0, 9c675a9"))
        #expect(!out.contains("not in the source catalog"))
    }

    @Test func aBaselineOptionReachesTheReportAndABadOneIsRejected() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let results = dir.appendingPathComponent("results.jsonl")
        let encoder = RecordCoding.encoder()
        var data = Data()
        for seed: UInt64 in 0..<3 {
            for profile in ["pytorch", "lasagne"] {
                let record = RunRecord(study: "c", task: "copy", profile: profile, seed: seed, epochs: [], testMetric: 0.416 + Double(seed) / 1000,
                                       metric: "cross-entropy", higherIsBetter: false, wallSeconds: 1, diverged: false, spectralRadius: [:])
                data.append(try encoder.encode(record)); data.append(UInt8(ascii: "\n"))
            }
        }
        try data.write(to: results)
        let output = dir.appendingPathComponent("report").path
        let (status, _) = try lamina(["report", results.path, "--output", output, "--baseline", "copy=0.4159"])
        #expect(status == 0)
        let page = try String(contentsOfFile: output + "/README.md", encoding: .utf8)
        #expect(page.contains("2 of 2 profiles did not beat the baseline (cross-entropy ≈ 0.416) by 5% or more"))
        let (bad, message) = try lamina(["report", results.path, "--baseline", "copy"])
        #expect(bad != 0 && message.contains("--baseline copy: expected TASK=VALUE"))
    }
}

/// What `report`, `compare` and `profiles` refuse or name, run as a user would.
@Suite struct ReportSafetyTests {
    @Test func aReportNamesFailedRunsAndNeverWritesOverItsInput() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let study = Study(name: "f", tasks: ["digits"], profiles: .named(["keras2", "pytorch"]), seedCount: 2, epochs: 2)
        let specs = study.runSpecifications(allProfiles: [])
        let records = specs.dropLast().map(syntheticRun)
        let failed = RunRecord.failure(of: specs.last!, seconds: 1)
        let outcome = try ReportWriter(directory: dir.appendingPathComponent("r"), bootstrapResamples: 50)
            .write(records: records, failures: [failed])
        let page = try String(contentsOf: outcome.page, encoding: .utf8)
        #expect(page.contains("**1 run(s) failed**") && page.contains("`f|digits|pytorch|1`"))
        // The report folder may not be the folder of an input: it would write its own results.jsonl there.
        let results = dir.appendingPathComponent("r/results.jsonl").path
        let (status, _, err) = try runLamina(["report", results, "--output", dir.appendingPathComponent("r").path])
        #expect(status != 0 && err.contains("holds the input") && err.split(separator: "\n").count == 1)
    }

    @Test func profilesRefuseSizesOutsideTheStudyRange() throws {
        let (status, _, err) = try runLamina(["profiles", "--units", "1000000000"])
        #expect(status != 0 && err.contains("an integer in 1...4096"))
    }
}
