import Foundation
import Testing
@testable import LaminaCompare

/// Study files with values out of range, repeats, misspellings and syntax errors: each is one
/// error naming the file, line, field and what is allowed, before anything runs.
@Suite struct StudyCheckTests {
    /// A valid study with `replace` substituted (one line per field, so line numbers are easy to read).
    func study(_ edits: [String: String] = [:]) -> String {
        var text = """
        {
          "name": "small",
          "tasks": ["adding", "digits"],
          "profiles": ["keras2", "pytorch"],
          "seeds": 3,
          "model": { "cell": "lstm", "units": 16 },
          "optimizer": { "name": "adam", "learningRate": 0.01 },
          "budget": { "epochs": 2, "batchSize": 8 },
          "taskOptions": { "adding": { "length": 50, "examples": 100 } }
        }
        """
        for (old, new) in edits {
            precondition(text.contains(old), "the test study has no \(old)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        return text
    }

    /// The message of the error parsing `text` throws ("no error" when it parses).
    func problem(_ text: String) -> String {
        do { _ = try StudyParser.parse(data: Data(text.utf8), fileName: "s.json"); return "no error" } catch { return "\(error)" }
    }

    @Test func theBaseStudyParses() throws {
        #expect(problem(study()) == "no error")
        let parsed = try StudyParser.parse(data: Data(study().utf8), fileName: "s.json")
        #expect(parsed.taskOptions == ["adding": ["length": 50, "examples": 100]])
    }

    @Test func hugeCountsAreRangeErrorsNotAllocations() {
        #expect(problem(study(["\"seeds\": 3": "\"seeds\": 1e14"]))
                == "s.json line 5: field 'seeds' must be an integer in 1...1000, got 100000000000000")
        #expect(problem(study(["\"units\": 16": "\"units\": 1e9"]))
                == "s.json line 6: field 'model.units' must be an integer in 1...4096, got 1000000000")
        #expect(problem(study(["\"length\": 50": "\"length\": 1e20"]))
                == "s.json line 9: field 'taskOptions.adding.length' must be an integer in 2...10000, got 1e+20")
        #expect(problem(study(["\"length\": 50": "\"length\": 1e300"])).contains("field 'taskOptions.adding.length' must be an integer in 2...10000"))
        #expect(problem(study(["\"examples\": 100": "\"examples\": 1e9"]))
                == "s.json line 9: field 'taskOptions.adding.examples' must be an integer in 1...1000000, got 1000000000")
        #expect(problem(study(["\"epochs\": 2": "\"epochs\": 0"])).contains("field 'budget.epochs' must be an integer in 1...10000, got 0"))
        #expect(problem(study(["0.01": "-1"])).contains("line 7: field 'optimizer.learningRate' must be a number in 1e-09...10, got -1"))
    }

    @Test func examplesTimesLengthIsBounded() {
        // 1,000,000 × 10,000 = 10^10 > 10^8.
        #expect(problem(study(["\"length\": 50, \"examples\": 100": "\"length\": 10000, \"examples\": 1000000"]))
                .contains("field 'taskOptions.adding.examples' × length is 10000000000 values"))
    }

    @Test func numbersBeyondADoubleAreSyntaxErrors() {
        #expect(problem(study(["\"length\": 50": "\"length\": 1e400"]))
                == "s.json line 9, column 42: is not valid JSON: the number 1e400 is beyond the range of a double")
    }

    @Test func fractionsWhereAnIntegerIsMeant() {
        #expect(problem(study(["\"length\": 50": "\"length\": 20.7"]))
                == "s.json line 9: field 'taskOptions.adding.length' must be an integer in 2...10000, got 20.7")
    }

    @Test func repeatedProfilesAndTasksAreRefused() {
        #expect(problem(study(["[\"keras2\", \"pytorch\"]": "[\"keras2\", \"pytorch\", \"keras2\"]"]))
                == "s.json line 4: field 'profiles[2]' repeats 'keras2'; each name may appear once (a repeat would train every run twice)")
        #expect(problem(study(["[\"adding\", \"digits\"]": "[\"adding\", \"adding\"]"])).contains("field 'tasks[1]' repeats 'adding'"))
    }

    @Test func misspelledAndForeignTaskOptionsAreRefused() {
        #expect(problem(study(["\"length\": 50": "\"lenght\": 50"]))
                == "s.json line 9: field 'taskOptions.adding.lenght' is not a known option of task 'adding' (known: examples, length)")
        #expect(problem(study(["\"taskOptions\": {": "\"taskOptions\": { \"copy\": { \"length\": 5 },"]))
                == "s.json line 9: field 'taskOptions.copy' sets options for task 'copy', which the study does not run (its tasks: adding, digits)")
        #expect(problem(study(["\"taskOptions\": {": "\"taskOptions\": { \"digits\": { \"length\": 5 },"]))
                .contains("'taskOptions.digits.length' is not a known option of task 'digits' (known: examples)"))
    }

    @Test func studyNamesThatAreNotPlainFileNamesAreRefused() {
        for name in ["../escape", "a/b", ".hidden", "", "x|y", "tab\tname"] {
            let text = problem(study(["\"name\": \"small\"": "\"name\": \"\(name.replacingOccurrences(of: "\t", with: "\\t"))\""]))
            #expect(text.hasPrefix("s.json line 2: field 'name' "), "\(name): \(text)")
        }
        #expect(problem(study(["\"name\": \"small\"": "\"name\": \"publication-2.v1_b\""])) == "no error")
    }

    @Test func syntaxErrorsGiveLineAndColumn() {
        // Line 3 is `  "tasks": ["adding" "digits"],`: the second string starts at column 22.
        #expect(problem(study(["\"adding\", \"digits\"": "\"adding\" \"digits\""]))
                == "s.json line 3, column 22: is not valid JSON: expected ',' or ']' in a list, found '\"'")
        #expect(problem("{\n  \"name\": \"x\",\n}") == "s.json line 3, column 1: is not valid JSON: expected a key in double quotes, found '}'")
        #expect(problem("{\"name\": \"x\"") == "s.json line 1, column 13: is not valid JSON: expected ',' or '}' after the value of \"name\", found the end of the file")
        #expect(problem(study(["\"seeds\": 3,": "\"seeds\": 3, \"seeds\": 4,"]))
                == "s.json line 5, column 15: is not valid JSON: the key \"seeds\" appears twice in one object")
    }

    @Test func fieldsAreReportedAtTheirOwnLine() {
        // optimizer.name is on line 7, not at the study's "name" on line 2.
        #expect(problem(study(["\"name\": \"adam\"": "\"name\": \"adamw\""]))
                == "s.json line 7: field 'optimizer.name' must be \"adam\", \"rmsprop\" or \"sgd\"")
        // An unknown top-level "epochs" on line 10 is not placed at budget.epochs on line 8.
        #expect(problem(study(["\n}": ",\n  \"epochs\": 3\n}"]))
                .hasPrefix("s.json line 10: field 'epochs' is not a known study field"))
        #expect(problem(study(["\"cell\": \"lstm\",": "\"cell\": \"lstm\", \"layers\": 2,"]))
                .hasPrefix("s.json line 6: field 'model.layers' is not a known field (known: cell, units)"))
    }

    /// Found by the fuzz test: names from the file are quoted in messages, and JSON escapes can put newlines in them.
    @Test func messagesQuotingTheFileStayOnOneLine() {
        let text = problem(study(["[\"keras2\", \"pytorch\"]": "[\"a\\nb\", \"a\\nb\"]"]))
        #expect(text == "s.json line 4: field 'profiles[1]' repeats 'a\\nb'; each name may appear once (a repeat would train every run twice)")
    }

    @Test func deepNestingIsRefusedNotRecursed() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(problem(deep).contains("nesting deeper than 64 levels"))
    }

    @Test func theRangeTableDescribesItself() {
        #expect(StudyFields.units.expected == "an integer in 1...4096")
        #expect(StudyFields.units.accepts(4096) && !StudyFields.units.accepts(4097) && !StudyFields.units.accepts(2.5))
        #expect(StudyFields.learningRate.expected == "a number in 1e-09...10")
    }
}
