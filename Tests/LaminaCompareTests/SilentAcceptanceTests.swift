import Foundation
import Testing
@testable import LaminaCompare

/// A warning or an error where a command would otherwise do nothing, or use a value no record
/// needs, without a word (hostile-input review, finding 8).
@Suite struct SilentAcceptanceTests {
    @Test func aShardWithoutRunsIsNamed() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let study = try writeTinyStudy(in: dir, seeds: 1, name: "tiny")   // 3 profiles × 1 seed = 3 runs
        #expect(try StudySession(studyPath: study, shard: Shard(index: 2, count: 3)).emptyShardProblem == nil)
        #expect(try StudySession(studyPath: study, shard: Shard(index: 3, count: 4)).emptyShardProblem
                == "shard 3/4 selects none of the 3 runs of study tiny (shard i/n runs runs i, i+n, …); use a shard count of at most 3")
    }

    /// As a user meets it: compare warns, runs nothing and writes no report.
    @Test func compareWithAnEmptyShardWritesNoReport() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let study = try writeTinyStudy(in: dir, seeds: 1, name: "tiny")
        let report = dir.appendingPathComponent("rep").path, results = dir.appendingPathComponent("r.jsonl").path
        let compare = try runLamina(["compare", study, "--shard", "50/100", "--results", results, "--report", report])
        #expect(compare.status == 0, "\(compare.err)")
        #expect(compare.err.contains("warning: shard 50/100 selects none of the 3 runs of study tiny"), "\(compare.err)")
        #expect(compare.err.contains("no report written to \(report): the shard has no runs"), "\(compare.err)")
        #expect(!FileManager.default.fileExists(atPath: report) && !FileManager.default.fileExists(atPath: results))
    }

    @Test func aBaselineForAnAbsentTaskIsAnError() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let record = RunRecord(study: "s", task: "adding", profile: "pytorch", seed: 0,
                               epochs: [EpochRecord(epoch: 1, trainingLoss: 0.2, validationMetric: 0.1, gradientNorm: 1)],
                               testMetric: 0.1, metric: "mse", higherIsBetter: false, wallSeconds: 1, diverged: false, spectralRadius: [:])
        let results = dir.appendingPathComponent("r.jsonl").path
        try ResultsFile(path: results).append(record)
        let output = dir.appendingPathComponent("rep").path
        let unknown = try runLamina(["report", results, "--output", output, "--baseline", "nope=1"])
        #expect(unknown.status != 0 && unknown.err.contains("--baseline nope=…: no record is of task 'nope'; the tasks present: adding"), "\(unknown.err)")
        #expect(!FileManager.default.fileExists(atPath: output))
        let negative = try runLamina(["report", results, "--output", output, "--baseline", "adding=-1e308"])
        #expect(negative.status != 0 && negative.err.contains("expected TASK=VALUE with a number ≥ 0"), "\(negative.err)")
    }
}
