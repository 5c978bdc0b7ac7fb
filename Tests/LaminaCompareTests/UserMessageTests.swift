import Foundation
import Testing
@testable import LaminaCompare

/// Messages that say what is wrong with a path or a value (hostile-input review, finding 7).
@Suite struct UserMessageTests {
    @Test func aFolderGivenAsTheStudySaysSo() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let folder = dir.appendingPathComponent("dir.json").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let error = #expect(throws: StudyError.self) { _ = try StudyParser.load(path: folder) }
        #expect("\(error!)".contains("dir.json: is a folder, not a study file (\(folder))"), "\(error!)")
        let missing = #expect(throws: StudyError.self) { _ = try StudyParser.load(path: dir.appendingPathComponent("none.json").path) }
        #expect("\(missing!)".contains("no such file"))
    }

    @Test func aFolderUnderAFileNamesTheFile() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let study = try writeTinyStudy(in: dir, seeds: 1, name: "tiny")
        let report = #expect(throws: OutputPaths.Problem.self) { try OutputPaths.checkReportFolder(study + "/rep", inputs: [study]) }
        #expect("\(report!)" == "cannot create the report folder \(study)/rep: \(study) is a file, not a folder; choose a path under a folder")
        let results = #expect(throws: ResultsFileError.self) { _ = try ResultsLock.acquire(resultsPath: study + "/deeper/r.jsonl") }
        #expect("\(results!)".contains(": \(study) is a file, not a folder") && !"\(results!)".contains("NSCocoaErrorDomain"), "\(results!)")
    }

    @Test func aHugeNumberIsEchoedShortened() throws {
        let digits = String(repeating: "1234567890", count: 10_000)   // 100 000 digits, beyond Double's 1.8e308
        let data = Data(#"{ "name": "h", "tasks": ["adding"], "profiles": "all", "seeds": \#(digits) }"#.utf8)
        let error = #expect(throws: StudyError.self) { _ = try StudyParser.parse(data: data, fileName: "h.json") }
        #expect("\(error!)" == "h.json line 1, column 65: is not valid JSON: the number 12345678901234567890… (100000 characters) is beyond the range of a double")
    }

    @Test func anEmptyShakespeareTextNamesTheFile() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("empty.txt").path
        try Data().write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: TaskError.self) { _ = try ShakespeareTask(path: path).makeData(seed: 0, options: ["length": 10]) }
        // 10 windows of 10 characters and the next character to predict: 10·10 + 1 = 101 bytes.
        #expect("\(error!)" == "task shakespeare: \(path) holds 0 bytes of text, too few for 10 windows of 10 (at least 101); "
                + "use a longer text or a smaller taskOptions.shakespeare.length")
    }
}
