import Foundation
import Testing
@testable import LaminaCompare

/// `StudySession` does what `lamina compare` does, from a library call.
@Suite struct StudySessionTests {
    @Test func resultsPathsAndShards() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let study = try writeTinyStudy(in: dir, seeds: 2, name: "tiny")
        let whole = try StudySession(studyPath: study)
        #expect(whole.resultsPath == "results/tiny.jsonl" && whole.specifications.count == 6)   // 3 profiles × 2 seeds
        let shard = try StudySession(studyPath: study, shard: Shard(index: 1, count: 4))
        #expect(shard.resultsPath == "results/tiny.shard-1-of-4.jsonl")
        // Runs 1 and 5 of the study's 6, in its order (every 4th from index 1).
        #expect(shard.specifications.map(\.key) == [whole.specifications[1].key, whole.specifications[5].key])
    }

    @Test func runsResumesAndReports() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let study = try writeTinyStudy(in: dir, seeds: 2, name: "tiny")
        let results = dir.appendingPathComponent("r.jsonl").path, report = dir.appendingPathComponent("report").path
        let session = try StudySession(studyPath: study, resultsPath: results)
        let lock = try session.claimOutputs(reportFolder: report)
        #expect(try session.pendingSpecifications().count == 6)
        let first = try session.run(executor: .inProcess(syntheticRun))
        #expect(first == StudyRunner.Summary(skipped: 0, executed: 6, failed: 0))
        #expect(try session.pendingSpecifications().isEmpty)
        lock.release()
        let again = try StudySession(studyPath: study, resultsPath: results).run(executor: .inProcess(syntheticRun))
        #expect(again == StudyRunner.Summary(skipped: 6, executed: 0, failed: 0))
        let outcome = try session.writeReport(to: report)
        let page = try String(contentsOf: outcome.page, encoding: .utf8)
        #expect(page.hasPrefix("# Study tiny"))
    }

    /// Outputs are checked before any run: a report folder that holds the study is refused, and the
    /// results file is released again, so the next claim succeeds. (A second process is refused while
    /// a claim is held: CompareProcessTests.)
    @Test func outputsAreCheckedFirst() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let study = try writeTinyStudy(in: dir, seeds: 1, name: "tiny")
        let session = try StudySession(studyPath: study, resultsPath: dir.appendingPathComponent("r.jsonl").path)
        #expect(throws: (any Error).self) { _ = try session.claimOutputs(reportFolder: dir.path) }
        try session.claimOutputs(reportFolder: nil).release()
    }

    /// A refused report folder leaves nothing behind: neither the results file's folder nor its lock is
    /// created, and a report folder that could be made is not made until the results file is claimed.
    @Test func aRefusedReportCreatesNothing() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let study = try writeTinyStudy(in: dir, seeds: 1, name: "tiny")
        let resultsFolder = dir.appendingPathComponent("out/results").path
        let session = try StudySession(studyPath: study, resultsPath: resultsFolder + "/r.jsonl")
        let plainFile = dir.appendingPathComponent("plain").path
        try Data().write(to: URL(fileURLWithPath: plainFile))
        let error = #expect(throws: OutputPaths.Problem.self) { _ = try session.claimOutputs(reportFolder: plainFile + "/report") }
        #expect("\(error!)".contains("is a file, not a folder"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
        // Checking alone creates nothing; claiming creates the report folder.
        let report = dir.appendingPathComponent("reports/tiny").path
        try OutputPaths.checkReportFolder(report, inputs: [], creating: false)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("reports").path))
        try session.claimOutputs(reportFolder: report).release()
        #expect(FileManager.default.fileExists(atPath: report) && FileManager.default.fileExists(atPath: resultsFolder))
    }

    @Test func badStudiesThrowWithTheirFile() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let tiny = try String(contentsOfFile: try writeTinyStudy(in: dir, seeds: 1, name: "bad"), encoding: .utf8)
        let path = dir.appendingPathComponent("bad.json").path
        try tiny.replacingOccurrences(of: "\"lasagne\"", with: "\"no-such-profile\"").write(toFile: path, atomically: true, encoding: .utf8)
        let error = #expect(throws: (any Error).self) { _ = try StudySession(studyPath: path) }
        #expect("\(error!)".contains("bad.json") && "\(error!)".contains("no-such-profile"))
    }

    /// The text form of run keys, which messages and pages show and reports sort by.
    @Test func runKeyText() {
        let key = RunKey(study: "s", task: "adding", profile: "keras2", seed: 3)
        #expect(key.description == "s|adding|keras2|3")
        var repeated = key
        repeated.perturbation = 2
        repeated.real = true
        #expect(repeated.description == "s|adding|keras2|3|p2|real")
        #expect(key < repeated && RunKey(study: "s", task: "adding", profile: "keras2", seed: 10) < key)   // "…|10" < "…|3" as text
    }
}
