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
        #expect(out.contains("| keras3 | Keras 3 / tf.keras (TF2) |") && out.contains("- **K3** keras-team/keras tag v3.0.0"))
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
        #expect(page.contains("2 of 2 profiles stayed at the baseline (cross-entropy ≈ 0.416)"))
        let (bad, message) = try lamina(["report", results.path, "--baseline", "copy"])
        #expect(bad != 0 && message.contains("--baseline copy: expected TASK=VALUE"))
    }
}
