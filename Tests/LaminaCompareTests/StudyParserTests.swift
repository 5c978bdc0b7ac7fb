import Foundation
import Testing
@testable import LaminaCompare

/// Study files parse, expand in a fixed order, and report errors with file, line and field.
@Suite struct StudyParserTests {
    static let valid = """
    {
      "name": "small",
      "tasks": ["adding", "digits"],
      "profiles": ["keras2", "pytorch"],
      "seeds": 3,
      "firstSeed": 10,
      "model": { "cell": "gru", "units": 16 },
      "optimizer": { "name": "adam", "learningRate": 0.01, "clipNorm": 1 },
      "budget": { "epochs": 2, "batchSize": 8 },
      "taskOptions": { "adding": { "length": 50 } },
      "libraryDefaults": true
    }
    """

    func parse(_ text: String) throws -> Study {
        try StudyParser.parse(data: Data(text.utf8), fileName: "default.json")
    }

    @Test func parsesEveryField() throws {
        let study = try parse(Self.valid)
        #expect(study.name == "small")
        #expect(study.tasks == ["adding", "digits"])
        #expect(study.profiles == .named(["keras2", "pytorch"]))
        #expect(study.seeds == [10, 11, 12])
        #expect(study.cell == "gru" && study.units == 16)
        #expect(study.optimizer == "adam" && study.learningRate == 0.01 && study.clipNorm == 1)
        #expect(study.epochs == 2 && study.batchSize == 8)
        #expect(study.taskOptions == ["adding": ["length": 50]])
        #expect(study.libraryDefaults)
    }

    @Test func expandsTaskThenSeedThenProfile() throws {
        let specs = try parse(Self.valid).runSpecifications(allProfiles: [])
        #expect(specs.count == 2 * 3 * 2)
        #expect(specs.prefix(3).map { "\($0.task)/\($0.seed)/\($0.profile)" }
                == ["adding/10/keras2", "adding/10/pytorch", "adding/11/keras2"])
        #expect(specs[0].taskOptions == ["length": 50])
        #expect(specs.last!.taskOptions == [:])
        #expect(Set(specs.map { "\($0.study)|\($0.task)|\($0.profile)|\($0.seed)" }).count == specs.count)
    }

    @Test func allProfilesComeFromTheRegistryList() throws {
        let study = try parse(Self.valid.replacingOccurrences(of: "[\"keras2\", \"pytorch\"]", with: "\"all\""))
        #expect(study.profiles == .all)
        #expect(study.runSpecifications(allProfiles: ["a", "b", "c"]).count == 2 * 3 * 3)
    }

    @Test func badSeedsNamesFileLineAndField() throws {
        let text = Self.valid.replacingOccurrences(of: "\"seeds\": 3", with: "\"seeds\": -2")
        #expect(throws: StudyError.self) { try parse(text) }
        do { _ = try parse(text) } catch let error as StudyError {
            #expect(error.description == "default.json line 5: field 'seeds' must be an integer in 1...1000, got -2")
        }
    }

    @Test func nestedFieldErrorsNameTheDottedPath() throws {
        let text = Self.valid.replacingOccurrences(of: "\"units\": 16", with: "\"units\": 1.5")
        do { _ = try parse(text); Issue.record("expected an error") } catch let error as StudyError {
            #expect(error.description == "default.json line 7: field 'model.units' must be an integer in 1...4096, got 1.5")
        }
    }

    @Test func missingAndUnknownFieldsAreReported() throws {
        do { _ = try parse("{\n \"name\": \"x\",\n \"tasks\": [\"a\"],\n \"profiles\": \"all\"\n}") ; Issue.record("expected an error") }
        catch let error as StudyError {
            #expect(error.field == "seeds")
            #expect(error.description.contains("is missing"))
        }
        do { _ = try parse(Self.valid.replacingOccurrences(of: "\"firstSeed\"", with: "\"firstseed\"")); Issue.record("expected an error") }
        catch let error as StudyError {
            #expect(error.line == 6 && error.field == "firstseed")
        }
    }

    @Test func syntaxErrorsSayTheFileIsNotJSON() throws {
        do { _ = try parse("{\n \"name\": \"x\",\n \"tasks\": [\"a\"\n}"); Issue.record("expected an error") }
        catch let error as StudyError {
            #expect(error.description.hasPrefix("default.json"))
            #expect(error.description.contains("not valid JSON"))
        }
    }

    @Test func unknownNamesAreReportedWithTheirLine() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("small.json").path
        try Self.valid.write(toFile: path, atomically: true, encoding: .utf8)
        let study = try StudyParser.load(path: path)
        try StudyParser.validateNames(study, path: path, knownTasks: ["adding", "digits"], knownProfiles: ["keras2", "pytorch"])
        do {
            try StudyParser.validateNames(study, path: path, knownTasks: ["adding", "digits"], knownProfiles: ["keras2"])
            Issue.record("expected an error")
        } catch let error as StudyError {
            #expect(error.description == "small.json line 4: field 'profiles' names unknown profile 'pytorch'; known profiles: keras2")
        }
    }

    @Test func shippedStudiesParse() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Comparisons/studies")
        for name in ["default.json", "publication.json"] {
            let study = try StudyParser.load(path: root.appendingPathComponent(name).path)
            #expect(study.profiles == .all)
            #expect(!study.tasks.isEmpty)
        }
    }
}
