import Foundation
import Lamina
import LaminaTensor
import Testing
@testable import LaminaCompare

/// `compare --results` takes only this study's results file, and `export-task --output` replaces
/// nothing but an earlier archive (hostile-input review, finding 3).
@Suite struct ResultsFileCheckTests {
    /// One encoded record line of study `study`, with its newline.
    func recordLine(study: String, seed: UInt64 = 0) throws -> Data {
        let record = RunRecord(study: study, task: "adding", profile: "pytorch", seed: seed,
                               epochs: [EpochRecord(epoch: 1, trainingLoss: 0.2, validationMetric: 0.1, gradientNorm: 1)],
                               testMetric: 0.1, metric: "mse", higherIsBetter: false, wallSeconds: 1, diverged: false, spectralRadius: [:])
        return try RecordCoding.encoder().encode(record) + Data("\n".utf8)
    }

    func problem(_ path: String, study: String = "tiny", inputs: [String] = []) -> String? {
        do { try OutputPaths.checkResultsFile(path, study: study, inputs: inputs); return nil } catch { return "\(error)" }
    }

    @Test func refusesWhatIsNotThisStudysResults() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let study = try writeTinyStudy(in: dir, seeds: 1, name: "tiny")
        func file(_ name: String, _ bytes: Data) throws -> String {
            let path = dir.appendingPathComponent(name).path
            try bytes.write(to: URL(fileURLWithPath: path))
            return path
        }
        #expect(problem(study, inputs: [study])?.contains("is the input file \(study)") == true)
        // The same file by another spelling (a `..` detour).
        let detour = dir.appendingPathComponent("sub/../tiny.json").path
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        #expect(problem(detour, inputs: [study])?.contains("is the input file") == true)
        #expect(problem(dir.path)?.contains("is a folder, not a file") == true)
        // A study that is not the input, pretty-printed or on one line without a newline; a PNG header; plain text.
        let other = try file("other.json", try Data(contentsOf: URL(fileURLWithPath: study)))
        let oneLine = try file("one.json", Data(#"{"name":"x","tasks":["adding"],"profiles":"all","seeds":1}"#.utf8))
        let png = try file("x.png", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]))
        let text = try file("notes.txt", Data("a note\n".utf8))
        for path in [other, oneLine, png, text] {
            #expect(problem(path) == "\(path) is not a results file (no line of it is a run record); give --results a new file or this study's results file")
        }
        let mid = try file("x.jsonl", try recordLine(study: "mid"))
        #expect(problem(mid) == "\(mid) holds runs of study 'mid', not 'tiny'; give this study a results file of its own (--results)")
        let mixed = try file("mixed.jsonl", try recordLine(study: "tiny") + recordLine(study: "mid", seed: 1) + recordLine(study: "b"))
        #expect(problem(mixed)?.contains("holds runs of study 'b', 'mid', not 'tiny'") == true)
    }

    @Test func acceptsResultsAndInterruptedWrites() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let line = try recordLine(study: "tiny")
        let cut = line.prefix(line.count / 2)   // a first record cut short by a crash: resume removes it
        let cases: [(String, Data?)] = [("missing.jsonl", nil), ("empty.jsonl", Data()), ("blank.jsonl", Data("\n \n".utf8)),
                                        ("cut.jsonl", cut), ("records.jsonl", line + line), ("tail.jsonl", line + cut),
                                        ("garbage-line.jsonl", line + Data("not json\n".utf8))]
        for (name, bytes) in cases {
            let path = dir.appendingPathComponent(name).path
            if let bytes { try bytes.write(to: URL(fileURLWithPath: path)) }
            #expect(problem(path) == nil, "\(name)")
        }
        #expect(OutputPaths.holdsOnlyAPartialRecord(line.dropLast()) == false)   // a whole record without its newline is JSON, not a cut write
    }

    /// The session checks the results file before it claims it, so no run starts and no lock file is left.
    @Test func sessionRefusesBeforeClaiming() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let study = try writeTinyStudy(in: dir, seeds: 1, name: "tiny")
        let session = try StudySession(studyPath: study, resultsPath: study)
        let error = #expect(throws: OutputPaths.Problem.self) { _ = try session.claimOutputs(reportFolder: nil) }
        #expect("\(error!)".contains("is the input file"))
        #expect(!FileManager.default.fileExists(atPath: study + ".lock"))
        #expect(try String(contentsOfFile: study, encoding: .utf8).hasPrefix("{ \"name\": \"tiny\""))
    }

    @Test func archiveOutputReplacesOnlyAnArchive() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let study = try writeTinyStudy(in: dir, seeds: 1, name: "tiny")
        #expect(throws: OutputPaths.Problem.self) { try OutputPaths.checkArchiveFile(study, inputs: [study]) }
        let other = dir.appendingPathComponent("other.json").path
        try Data("{}".utf8).write(to: URL(fileURLWithPath: other))
        let notZip = #expect(throws: OutputPaths.Problem.self) { try OutputPaths.checkArchiveFile(other, inputs: [study]) }
        #expect("\(notZip!)" == "output \(other) exists and is not a .npz archive; refusing to replace it (give --output a new path)")
        #expect(throws: OutputPaths.Problem.self) { try OutputPaths.checkArchiveFile(dir.path, inputs: []) }
        let earlier = dir.appendingPathComponent("old.npz").path
        try Npz.write([("x", NDArray([Float(1)], shape: [1]))], to: earlier)
        try OutputPaths.checkArchiveFile(earlier, inputs: [study])
        try OutputPaths.checkArchiveFile(dir.appendingPathComponent("new.npz").path, inputs: [study])
    }

    /// As a user meets it: `compare --results STUDY` and `export-task --output STUDY` leave the study as it was.
    @Test func commandsLeaveTheStudyAlone() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let study = try writeTinyStudy(in: dir, seeds: 1, name: "tiny")
        let before = try Data(contentsOf: URL(fileURLWithPath: study))
        let compare = try runLamina(["compare", study, "--results", study])
        #expect(compare.status != 0 && compare.err.contains("is the input file"), "\(compare.err)")
        let export = try runLamina(["export-task", study, "--seed", "0", "--output", study])
        #expect(export.status != 0 && export.err.contains("is the input file"), "\(export.err)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: study)) == before)
    }
}
