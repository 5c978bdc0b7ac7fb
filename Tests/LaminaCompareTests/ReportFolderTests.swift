import Foundation
import Testing
@testable import LaminaCompare

/// The report folder is replaced whole or not at all, holds one study, and standard error
/// that cannot be written does not stop `lamina`.
@Suite struct ReportFolderTests {
    func records(study: String) -> [RunRecord] {
        Study(name: study, tasks: ["digits"], profiles: .named(["keras2", "pytorch"]), seedCount: 3, epochs: 2)
            .runSpecifications(allProfiles: []).map(syntheticRun)
    }

    func entries(_ dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    }

    @Test func recordsOfTwoStudiesAreRefusedAndTheFolderIsLeftAlone() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let writer = ReportWriter(directory: dir, searchPath: "/nonexistent", bootstrapResamples: 100)
        _ = try writer.write(records: records(study: "a"))
        let before = try entries(dir)
        let page = try Data(contentsOf: dir.appendingPathComponent("README.md"))
        // Same tasks, profiles and seeds in both studies: before, pairing by seed trapped on the duplicate keys.
        #expect(throws: ReportProblem(description: "the records come from 2 studies (a, b); a report covers one study: give only that study's results files")) {
            try writer.write(records: records(study: "a") + records(study: "b"))
        }
        #expect(try entries(dir) == before)
        #expect(try Data(contentsOf: dir.appendingPathComponent("README.md")) == page)
    }

    @Test func aWrittenReportLeavesNoStagingFolderAndNamesItsOwnFolder() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let outcome = try ReportWriter(directory: dir, searchPath: "/nonexistent", bootstrapResamples: 100)
            .write(records: records(study: "a"))
        #expect(try entries(dir).allSatisfy { !$0.hasPrefix(".partial-") })
        #expect(outcome.page.path == dir.appendingPathComponent("README.md").path)
        #expect((outcome.scripts + [outcome.page]).allSatisfy { $0.deletingLastPathComponent().standardizedFileURL.path == dir.standardizedFileURL.path })
        // The message on rendering without gnuplot names the report folder, not the staging folder.
        #expect(outcome.messages.count == 1 && outcome.messages[0].contains("cd \(dir.path) &&"), "\(outcome.messages)")
    }

    @Test func stagedFilesReachTheFolderOnlyWhenPublished() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        try Data("old page".utf8).write(to: dir.appendingPathComponent("README.md"))
        let discarded = try StagedFolder(destination: dir)
        try Data("new page".utf8).write(to: discarded.staging.appendingPathComponent("README.md"))
        try Data("x".utf8).write(to: discarded.staging.appendingPathComponent("a.dat"))
        discarded.discard()
        #expect(try entries(dir) == ["README.md"])
        #expect(try String(contentsOf: dir.appendingPathComponent("README.md"), encoding: .utf8) == "old page")

        let published = try StagedFolder(destination: dir)
        try Data("new page".utf8).write(to: published.staging.appendingPathComponent("README.md"))
        try Data("x".utf8).write(to: published.staging.appendingPathComponent("a.dat"))
        try published.publish(last: "README.md")
        #expect(try entries(dir) == ["README.md", "a.dat"])
        #expect(try String(contentsOf: dir.appendingPathComponent("README.md"), encoding: .utf8) == "new page")
    }

    @Test func stagingFoldersOfEndedProcessesAreRemovedAndOthersKept() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        // No process has pid 2^22 + 1 (above Linux's pid_max); this test's parent is alive.
        let ended = dir.appendingPathComponent(".partial-4194305"), alive = dir.appendingPathComponent(".partial-\(getppid())")
        for folder in [ended, alive] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false) }
        let staged = try StagedFolder(destination: dir)
        #expect(try entries(dir) == [".partial-\(getpid())", ".partial-\(getppid())"].sorted())
        staged.discard()
        #expect(try entries(dir) == [".partial-\(getppid())"])
    }

    @Test func compareWithStandardErrorOnAFullDeviceStillRunsAndRecords() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let study = try writeTinyStudy(in: dir, seeds: 1)
        let process = Process()
        process.executableURL = laminaExecutable()
        process.arguments = ["compare", study, "--results", "r.jsonl"]
        process.currentDirectoryURL = dir
        process.standardOutput = FileHandle.nullDevice
        // Every write to /dev/full fails with ENOSPC: the progress lines are dropped, not fatal.
        process.standardError = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        let lines = try String(contentsOf: dir.appendingPathComponent("r.jsonl"), encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3)
    }
}

/// A results line that is not a run record is skipped with the reason, not only its line number.
@Suite struct ResultsLineReasonTests {
    @Test func skippedLinesSayWhatIsWrong() throws {
        let spec = Study(name: "r", tasks: ["digits"], profiles: .named(["pytorch"]), seedCount: 1, epochs: 1)
            .runSpecifications(allProfiles: [])[0]
        let good = String(decoding: try RecordCoding.encoder().encode(syntheticRun(spec)), as: UTF8.self)
        let wrongType = good.replacingOccurrences(of: "\"seed\":0", with: "\"seed\":\"zero\"")
        #expect(wrongType != good)
        let text = [good, "not json", "{\"study\":\"r\"}", wrongType].joined(separator: "\n") + "\n"
        let loaded = ResultsFile.parse(Data(text.utf8), path: "r.jsonl")
        #expect(loaded.records.count == 1)
        #expect(loaded.warnings.count == 3)
        #expect(loaded.warnings.first { $0.hasPrefix("r.jsonl line 2:") }?.hasSuffix("(not valid JSON)") == true, "\(loaded.warnings)")
        #expect(loaded.warnings.first { $0.hasPrefix("r.jsonl line 3:") }?.contains("(no field ") == true, "\(loaded.warnings)")
        #expect(loaded.warnings.first { $0.hasPrefix("r.jsonl line 4:") }?.contains("(field seed is not") == true, "\(loaded.warnings)")
    }
}

/// Records whose values no training run could write are skipped with the field and the value named, so a
/// hand-edited results file cannot sway a verdict; NaN and infinite metrics (divergence) are kept.
@Suite struct ImpossibleRecordTests {
    @Test func impossibleValuesAreSkippedWithTheField() throws {
        let spec = Study(name: "r", tasks: ["digits"], profiles: .named(["pytorch"]), seedCount: 1, epochs: 2)
            .runSpecifications(allProfiles: [])[0]
        let good = syntheticRun(spec)
        var mse = good
        mse.task = "adding"; mse.metric = "mse"; mse.higherIsBetter = false; mse.testMetric = 0.02
        var diverged = mse
        diverged.diverged = true; diverged.testMetric = .nan; diverged.epochs[1].trainingLoss = .infinity
        let edits: [(String, (inout RunRecord) -> Void)] = [
            ("wallSeconds -1.0 is not a time", { $0.wallSeconds = -1 }),
            ("spectralRadius.input -0.5 is negative or NaN", { $0.spectralRadius["input"] = -0.5 }),
            ("testMetric 1.5 is not an accuracy in [0, 1]", { $0.testMetric = 1.5 }),
            ("epochs.1.epoch 1 does not follow epoch 1", { $0.epochs[1].epoch = 1 }),
            ("epochs.0.gradientNorm -2.0 is negative", { $0.epochs[0].gradientNorm = -2 }),
            ("epochs.1.validationMetric -0.25 is not an accuracy in [0, 1]", { $0.epochs[1].validationMetric = -0.25 }),
            // A newline in a name would reach gnuplot scripts as a command line.
            (#"task "x\nsystem \"touch y\"" is not a name the harness gives (letters, digits, '.', '_', '-')"#,
             { $0.task = "x\nsystem \"touch y\"" }),
            (#"profile "p q" is not a name the harness gives (letters, digits, '.', '_', '-', '>', '@', ':')"#, { $0.profile = "p q" }),
            (#"study "" is not a name the harness gives (letters, digits, '.', '_', '-')"#, { $0.study = "" }),
            (#"task "nosuch" is not one of the harness's tasks (adding, copy, digits, vowels, shakespeare, fashion-mnist)"#,
             { $0.task = "nosuch" }),
        ]
        var ablationStep = good
        ablationStep.profile = "pytorch>keras3@5:forgetBias"   // as AblationPlanner names a step
        var records = [good, mse, diverged, ablationStep]
        for (_, edit) in edits { var record = good; edit(&record); records.append(record) }
        var negativeMSE = mse
        negativeMSE.testMetric = -0.01
        records.append(negativeMSE)
        let text = try records.map { String(decoding: try RecordCoding.encoder().encode($0), as: UTF8.self) }.joined(separator: "\n") + "\n"
        let loaded = ResultsFile.parse(Data(text.utf8), path: "r.jsonl")
        #expect(loaded.records.count == 4)   // good, mse, diverged, ablationStep
        let expected = edits.map(\.0) + ["testMetric -0.01 is a negative mse"]
        #expect(loaded.warnings.count == expected.count)
        for (index, problem) in expected.enumerated() {
            let warning = loaded.warnings.first { $0.hasPrefix("r.jsonl line \(index + 5):") }
            #expect(warning?.contains("(\(problem))") == true, "\(problem): \(loaded.warnings)")
        }
    }
}
