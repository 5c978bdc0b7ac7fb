import Foundation
import Lamina
import Testing
@testable import LaminaCompare

/// Data that would leave a split empty, or that holds a non-finite value, is an error before
/// training, not a "diverged" run (hostile-input review, findings 4 and 5).
@Suite struct EmptySplitTests {
    /// A Japanese Vowels `.ts` file: the header, then one series per entry of `values`
    /// (12 channels of two frames, each frame the given text), all of speaker 1.
    func vowelsFile(_ values: [String]) -> Data {
        let series = values.map { value in Array(repeating: "\(value),0.5", count: 12).joined(separator: ":") + ":1\n" }
        return Data(("@problemName JapaneseVowels\n@data\n" + series.joined()).utf8)
    }

    func vowelsFolder(train: [String], test: [String], in dir: URL) throws -> String {
        try vowelsFile(train).write(to: dir.appendingPathComponent("JapaneseVowels_TRAIN.ts"))
        try vowelsFile(test).write(to: dir.appendingPathComponent("JapaneseVowels_TEST.ts"))
        return dir.path
    }

    @Test func digitsExamplesBelowThreeAreRefusedByTheStudy() throws {
        func study(examples: Int) -> Data {
            Data(#"{ "name": "d", "tasks": ["digits"], "profiles": "all", "seeds": 1, "taskOptions": { "digits": { "examples": \#(examples) } } }"#.utf8)
        }
        let error = #expect(throws: StudyError.self) { _ = try StudyParser.parse(data: study(examples: 2), fileName: "d.json") }
        #expect("\(error!)".contains("taskOptions.digits.examples") && "\(error!)".contains("must be an integer in 3...1797, got 2"), "\(error!)")
        #expect(try StudyParser.parse(data: study(examples: 3), fileName: "d.json").taskOptions["digits"]?["examples"] == 3)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: DigitsDataset.defaultPath)))
    func digitsSplitsAreCheckedWhenTheDataIsMade() throws {
        // Two examples split 60/20/20: ⌊2·3/5⌋ = 1 training, ⌊2·4/5⌋ − 1 = 0 validation, 2 − 1 = 1 test.
        let error = #expect(throws: TaskError.self) { _ = try DigitsTask().makeData(seed: 0, options: ["examples": 2]) }
        #expect("\(error!)" == "task digits: the validation split would hold 0 examples (training 1, validation 0, test 1); "
                + "raise taskOptions.digits.examples to at least 3 (or check \(DigitsDataset.defaultPath))")
        // Three: ⌊9/5⌋ = 1, ⌊12/5⌋ − 1 = 1, 3 − 2 = 1.
        let three = try DigitsTask().makeData(seed: 0, options: ["examples": 3])
        #expect([three.train.count, three.validation.count, three.test.count] == [1, 1, 1] as [Int])
    }

    @Test func emptyOrTinyVowelsFilesAreErrors() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let empty = try vowelsFolder(train: [], test: ["0.1"], in: dir)
        let none = #expect(throws: TaskError.self) { _ = try VowelsTask(folder: empty).makeData(seed: 0, options: [:]) }
        #expect("\(none!)".hasPrefix("task vowels: \(empty)/JapaneseVowels_TRAIN.ts holds no series (no line after @data); use the full file"), "\(none!)")
        // One training series: the 80/20 cut keeps ⌊1·4/5⌋ = 0 for training and 1 for validation.
        let one = try vowelsFolder(train: ["0.1"], test: ["0.2"], in: dir)
        let tiny = #expect(throws: TaskError.self) { _ = try VowelsTask(folder: one).makeData(seed: 0, options: [:]) }
        #expect("\(tiny!)" == "task vowels: the training split would hold 0 examples (training 0, validation 1, test 1); "
                + "the training file in \(one) needs at least 2 series")
        // Two: ⌊2·4/5⌋ = 1 and 1.
        let two = try VowelsTask(folder: try vowelsFolder(train: ["0.1", "0.3"], test: ["0.2"], in: dir)).makeData(seed: 0, options: [:])
        #expect([two.train.count, two.validation.count, two.test.count] == [1, 1, 1] as [Int])
    }

    @Test func nonFiniteVowelsValuesNameTheirLine() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        // "1e39" is finite as a Double but beyond Float's 3.4e38, so it would load as infinity.
        for value in ["NaN", "inf", "1e39"] {
            let folder = try vowelsFolder(train: ["0.1", value, "0.3"], test: ["0.2"], in: dir)
            let error = #expect(throws: TaskError.self) { _ = try VowelsTask(folder: folder).makeData(seed: 0, options: [:]) }
            // The header is line 1, @data line 2, the series lines 3, 4 and 5.
            #expect("\(error!)" == "task vowels: \(folder)/JapaneseVowels_TRAIN.ts line 4: value '\(value)' is not finite")
        }
    }

    /// As a user meets it: compare stops before the first run, names the file, and writes no record.
    @Test func compareStopsBeforeTrainingOnEmptyVowels() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let folder = try vowelsFolder(train: [], test: [], in: dir)
        let study = dir.appendingPathComponent("v.json").path
        try Data(#"{ "name": "v", "tasks": ["vowels"], "profiles": ["pytorch"], "seeds": 1, "budget": { "epochs": 1 } }"#.utf8)
            .write(to: URL(fileURLWithPath: study))
        let results = dir.appendingPathComponent("v.jsonl").path
        let compare = try runLamina(["compare", study, "--results", results], environment: ["LAMINA_VOWELS_DIR": folder])
        #expect(compare.status != 0 && compare.err.contains("JapaneseVowels_TRAIN.ts holds no series"), "\(compare.err)")
        #expect(!FileManager.default.fileExists(atPath: results))
    }
}
