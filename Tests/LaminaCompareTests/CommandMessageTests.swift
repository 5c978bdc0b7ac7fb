import Foundation
import Testing
@testable import LaminaCompare

/// What `lamina` says about hostile arguments and paths, run as a user would (hostile review, finding 5).
@Suite struct CommandMessageTests {
    @Test func negativeValuesReachTheRangeChecks() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let study = try writeTinyStudy(in: dir, seeds: 1)
        let cases: [([String], String)] = [
            (["compare", study, "--shard", "-1/2"], "--shard must be i/n with 0 <= i < n"),
            (["compare", study, "--jobs", "-1"], "--jobs must be at least 1"),
            (["export-task", study, "--seed", "-1"], "--seed -1: expected a seed a study can run, a whole number in 0...1000000000999"),
            // 2^53 + 1: a float64 would store …992; compare never runs a seed above 10^12 + 999.
            (["export-task", study, "--seed", "9007199254740993"], "--seed 9007199254740993: expected a seed a study can run"),
            (["profiles", "--units", "-5"], "--units and --inputs must each be an integer in 1...4096"),
        ]
        for (arguments, expected) in cases {
            let (status, _, err) = try runLamina(arguments, in: dir)
            #expect(status != 0 && err.contains(expected) && !err.contains("Missing value"), "\(arguments): \(err)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["tiny.json"])
    }

    @Test func pathsThatAreNotFilesSayWhatTheyAre() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let study = try writeTinyStudy(in: dir, seeds: 1)
        let folder = dir.appendingPathComponent("adir.jsonl")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let cases: [([String], String)] = [
            (["compare", study, "--results", "/dev/null"],
             "--results /dev/null is a character device (such as /dev/null), not a file; give --results a file path, such as results/tiny.jsonl"),
            (["report", "/dev/null"], "/dev/null is a character device (such as /dev/null), not a results file"),
            (["report", folder.path], "\(folder.path) is a folder, not a results file; give the results files in it, such as \(folder.path)/*.jsonl"),
            (["report", study, "--output", ""], "--output is empty; give the report folder's path"),
            (["compare", study, "--report", ""], "--report is empty; give the report folder's path"),
            (["export-task", study, "--seed", "0", "--output", ""], "--output is empty; give a .npz file path"),
        ]
        for (arguments, expected) in cases {
            let (status, _, err) = try runLamina(arguments, in: dir)
            #expect(status != 0 && err.contains(expected), "\(arguments): \(err)")
            #expect(!err.contains("permissions") && !err.contains("doesn't exist"), "\(arguments): \(err)")
        }
        if getuid() != 0 {   // root reads any file
            let locked = dir.appendingPathComponent("locked.jsonl")
            try Data().write(to: locked)
            try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: locked.path)
            let (status, _, err) = try runLamina(["report", locked.path], in: dir)
            #expect(status != 0 && err.contains("cannot be read (Permission denied); check its permissions"), "\(err)")
        }
    }

    @Test func theDefaultStudyOutsideTheRepositorySaysWhereToRun() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let (status, _, err) = try runLamina(["compare"], in: dir)
        #expect(status != 0 && err.contains("Comparisons/studies/default.json: no such file in ")
                && err.contains("relative to the repository's top: run lamina from there, or give the study's path"), "\(err)")
    }

    @Test func aMissingFileNamedByTheVariableNamesTheVariable() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let study = dir.appendingPathComponent("s.json")
        try Data(#"{"name": "s", "tasks": ["shakespeare"], "profiles": ["pytorch"], "seeds": 1}"#.utf8).write(to: study)
        let (status, _, err) = try runLamina(["compare", study.path, "--results", "s.jsonl"],
                                             environment: ["LAMINA_SHAKESPEARE_TEXT": "nonexist.txt"], in: dir)
        #expect(status != 0 && err.contains("task shakespeare: nonexist.txt does not exist, and LAMINA_SHAKESPEARE_TEXT names it; "
                                            + "set LAMINA_SHAKESPEARE_TEXT to an existing file's path, or unset it"), "\(err)")
        #expect(!err.contains("pip download"))
        let (_, listed, _) = try runLamina(["tasks"], environment: ["LAMINA_VOWELS_DIR": "/nonexistent"], in: dir)
        #expect(listed.contains("data: not usable: task vowels: /nonexistent/JapaneseVowels_TRAIN.ts does not exist, and LAMINA_VOWELS_DIR names it"),
                "\(listed)")
    }

    @Test func anOptionGivenTwiceIsRefused() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let study = try writeTinyStudy(in: dir, seeds: 1)
        let (status, _, err) = try runLamina(["compare", study, "--results", "a.jsonl", "--results=b.jsonl"], in: dir)
        #expect(status != 0 && err.contains("--results is given more than once; give it once"), "\(err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["tiny.json"])
        // --baseline may repeat: the message is about the value, not the repeat.
        let (again, _, baselineErr) = try runLamina(["report", study, "--baseline", "a=1", "--baseline", "b=2"], in: dir)
        #expect(again != 0 && !baselineErr.contains("more than once"), "\(baselineErr)")
    }
}

/// Study fields whose message says the allowed values (hostile review, finding 5).
@Suite struct StudyFieldMessageTests {
    func error(_ json: String) -> String {
        do { _ = try StudyParser.parse(data: Data(json.utf8), fileName: "s.json"); return "accepted" } catch { return "\(error)" }
    }

    @Test func aUnicodeNameIsToldASCII() {
        #expect(error(#"{"name": "Étude", "tasks": ["adding"], "profiles": "all", "seeds": 1}"#)
                == "s.json line 1: field 'name' 'Étude' must start with an ASCII letter or digit and use only ASCII letters, digits, '.', '_' and '-', at most 100 (it names the results file)")
    }

    @Test func aNegativeScaleOrGainIsNamed() {
        let base = #"{"name": "s", "tasks": ["adding"], "seeds": 1, "profiles": [{"name": "p", "base": "pytorch", "overrides": {"inputWeights": "#
        #expect(error(base + #"{"uniform": -1}}}]}"#)
                == "s.json line 1: field 'profiles[0].overrides.inputWeights' has scale -1.0: a scale S must be a finite number ≥ 0 (or \"1/sqrt(D)\", \"1/sqrt(H)\", \"1/sqrt(D+H)\")")
        #expect(error(base + #"{"orthogonal": 0}}}]}"#)
                == "s.json line 1: field 'profiles[0].overrides.inputWeights' has gain 0.0: a gain must be a finite number > 0")
        #expect(error(base + #"{"uniform": 0.1}}}]}"#) == "accepted")
    }

    @Test func successThresholdsSayTheirRange() {
        func study(_ task: String, _ value: String) -> String {
            #"{"name": "s", "tasks": [""# + task + #""], "profiles": "all", "seeds": 1, "successThresholds": {""# + task + #"": "# + value + "}}"
        }
        let mse = "must be a number in 0...1000000000000 (the task's metric, mse, lower is better, is never negative)"
        #expect(error(study("adding", "1e308")) == "s.json line 1: field 'successThresholds.adding' \(mse), got 1e+308")
        #expect(error(study("adding", "-1")) == "s.json line 1: field 'successThresholds.adding' \(mse), got -1.0")
        #expect(error(study("digits", "1.5")) == "s.json line 1: field 'successThresholds.digits' must be a number in 0...1 "
                + "(the task's metric, accuracy, higher is better, is a share of correct answers), got 1.5")
        #expect(error(study("adding", "0.05")) == "accepted")
        #expect(error(study("digits", "0.9")) == "accepted")
    }
}
