import Foundation
import Testing
@testable import LaminaCompare

/// Settings fingerprints, conflicts between them, the results lock and output-path checks.
@Suite struct RunnerSafetyTests {
    let study = Study(name: "t", tasks: ["adding"], profiles: .named(["keras2", "pytorch"]), seedCount: 2, epochs: 2,
                      taskOptions: ["adding": ["length": 20]])
    var specs: [RunSpecification] { study.runSpecifications(allProfiles: []) }

    @Test func fnv1aMatchesAnIndependentImplementation() {
        // Python: h = 0xcbf29ce484222325; for b in s.encode(): h = ((h ^ b) * 0x100000001b3) % 2**64; '%016x' % h
        #expect(fnv1a64Hex("") == "cbf29ce484222325")
        #expect(fnv1a64Hex("a") == "af63dc4c8601ec8c")
        #expect(fnv1a64Hex("cell=lstm") == "5125aff16f888932")
    }

    @Test func fingerprintCoversEverySettingButNotTheRunIdentity() {
        let base = specs[0]
        #expect(base.settingsFingerprint == specs[1].settingsFingerprint)   // another profile, same settings
        #expect(base.settingsFingerprint == specs[3].settingsFingerprint)   // another seed
        var renamed = base; renamed.study = "u"
        #expect(renamed.settingsFingerprint == base.settingsFingerprint)
        let edits: [(String, (inout RunSpecification) -> Void)] = [
            ("cell", { $0.cell = "gru" }), ("units", { $0.units += 1 }), ("epochs", { $0.epochs += 1 }),
            ("batchSize", { $0.batchSize += 1 }), ("optimizer", { $0.optimizer = "sgd" }),
            ("learningRate", { $0.learningRate = $0.learningRate.nextUp }), ("clipNorm", { $0.clipNorm = 1 }),
            ("libraryDefaults", { $0.libraryDefaults.toggle() }), ("taskOptions", { $0.taskOptions["length"] = 21 }),
            ("extra option", { $0.taskOptions["examples"] = 5 }),
        ]
        for (name, edit) in edits {
            var changed = base
            edit(&changed)
            #expect(changed.settingsFingerprint != base.settingsFingerprint, "\(name)")
        }
        #expect(base.settingsFingerprint.count == 16 && base.settingsFingerprint.allSatisfy(\.isHexDigit))
        // A study-defined profile is not a setting: the steps of an ablation share their study's settings.
        var defined = base
        defined.profileDefinition = ProfileDefinition(name: "x", base: "pytorch", overrides: [ProfileOverride(field: .forgetBias, value: .number(1))])
        #expect(defined.settingsFingerprint == base.settingsFingerprint)
    }

    @Test func anEditedStudyRedoesItsRunsAndReportNamesTheConflict() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let file = ResultsFile(path: dir.appendingPathComponent("r.jsonl").path)
        _ = try StudyRunner(specifications: specs, results: file, executor: .inProcess(syntheticRun)).run()
        var edited = study
        edited.epochs = 3
        let messages = CallLog()
        let summary = try StudyRunner(specifications: edited.runSpecifications(allProfiles: []), results: file,
                                      executor: .inProcess(syntheticRun)).run(log: { messages.addMessage($0) })
        #expect(summary == .init(skipped: 0, executed: 4, failed: 0))
        #expect(messages.messages.contains { $0.contains("4 record(s)") && $0.contains("other settings") })
        let merged = try ResultsMerger.mergeAll(paths: [file.path])
        #expect(merged.records.count == 4 && merged.records.allSatisfy { $0.epochs.count == 3 })
        #expect(merged.conflicts.count == 1)
        let newer = edited.runSpecifications(allProfiles: [])[0].settingsFingerprint
        #expect(merged.conflicts[0].contains("study t task adding has records of 2 different settings") && merged.conflicts[0].contains("kept \(newer)"))
        #expect(merged.warnings.contains { $0.hasPrefix("conflict: ") })
        #expect(merged.warnings.contains { $0.contains("left out 4 record(s) of other settings") })
    }

    @Test func realLibraryRunsAreKeptBesideLaminasWhateverTheirSettings() throws {
        // The real libraries' records (Comparisons/real/) carry no settings fingerprint; they are not a conflict.
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let lamina = ResultsFile(path: dir.appendingPathComponent("lamina.jsonl").path)
        let real = ResultsFile(path: dir.appendingPathComponent("real.jsonl").path)
        _ = try StudyRunner(specifications: specs, results: lamina, executor: .inProcess(syntheticRun)).run()
        for spec in specs {
            var record = syntheticRun(spec)
            record.implementation = "torch 2.15.0"
            try real.append(record)
        }
        for order in [[lamina.path, real.path], [real.path, lamina.path]] {
            let merged = try ResultsMerger.mergeAll(paths: order)
            #expect(merged.conflicts.isEmpty && merged.records.count == 2 * specs.count, "\(order)")
            #expect(merged.records.filter { $0.implementation != nil }.count == specs.count)
        }
    }

    /// Two files whose newest records have different settings cannot be ordered: the merge refuses them in
    /// either order, naming both files, instead of keeping whichever came last on the command line.
    @Test func filesEndingInDifferentSettingsAreRefusedInEitherOrder() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let a = ResultsFile(path: dir.appendingPathComponent("a.jsonl").path), b = ResultsFile(path: dir.appendingPathComponent("b.jsonl").path)
        try a.append(recordedRun(specs[0]))
        var other = specs[0]; other.units = 64
        var record = syntheticRun(other); record.settingsFingerprint = other.settingsFingerprint; record.testMetric = 0.1
        try b.append(record)
        for order in [[a.path, b.path], [b.path, a.path]] {
            let error = #expect(throws: ResultsMergeError.self) { _ = try ResultsMerger.mergeAll(paths: order) }
            let text = "\(error.map { "\($0)" } ?? "")"
            #expect(text.contains("a.jsonl ends with \(specs[0].settingsFingerprint)") && text.contains("b.jsonl ends with \(other.settingsFingerprint)"), "\(text)")
        }
        // A file that moved on to the new settings (an edited study, resumed) and a shard with only the new ones agree.
        try a.append(record)
        for order in [[a.path, b.path], [b.path, a.path]] {
            let merged = try ResultsMerger.mergeAll(paths: order)
            #expect(merged.conflicts.count == 1 && merged.records == [record], "\(order)")
        }
    }

    /// Copies of one run that differ in a value (but the wall time) are refused in either order, naming the
    /// run, both files and the first differing field; copies that agree (NaN included) merge to one record.
    @Test func copiesOfARunMustAgree() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let a = ResultsFile(path: dir.appendingPathComponent("a.jsonl").path), b = ResultsFile(path: dir.appendingPathComponent("b.jsonl").path)
        let original = recordedRun(specs[0])
        var slower = original; slower.wallSeconds += 3
        var diverged = recordedRun(specs[1]); diverged.diverged = true; diverged.testMetric = .nan
        try a.append(original); try a.append(diverged)
        try b.append(slower); try b.append(diverged)
        for order in [[a.path, b.path], [b.path, a.path]] {
            let merged = try ResultsMerger.mergeAll(paths: order)
            #expect(merged.records.count == 2 && merged.warnings.contains("dropped 2 duplicate run(s) while merging"), "\(order)")
        }
        let c = ResultsFile(path: dir.appendingPathComponent("c.jsonl").path)
        var edited = original; edited.testMetric = 0.09
        try c.append(edited)
        for order in [[a.path, c.path], [c.path, a.path]] {
            let error = #expect(throws: ResultsMergeError.self) { _ = try ResultsMerger.mergeAll(paths: order) }
            let text = "\(error.map { "\($0)" } ?? "")"
            #expect(text.contains("run \(original.key)") && text.contains("a.jsonl") && text.contains("c.jsonl"), "\(text)")
            #expect(text.contains("testMetric"), "\(text)")
        }
    }

    /// One record whose metric direction disagrees with the rest of its task is refused, naming both runs.
    @Test func resultsOfATaskMustShareTheirMetric() throws {
        let records = specs.map(recordedRun)
        var flipped = records
        flipped[2].higherIsBetter = false
        _ = try ResultsMerger.merge(records.map { ($0, "r.jsonl") }, warnings: [])
        let error = #expect(throws: ResultsMergeError.self) { _ = try ResultsMerger.merge(flipped.map { ($0, "r.jsonl") }, warnings: []) }
        let text = "\(error.map { "\($0)" } ?? "")"
        #expect(text.contains("run \(records[0].key) has accuracy (higherIsBetter true), run \(records[2].key) accuracy (higherIsBetter false)"), "\(text)")
    }

    @Test func aSecondRunnerOnTheSameFileIsRefused() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("r.jsonl").path
        // Another process (Python's fcntl.flock, as a running `lamina compare` would) holds the lock.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["python3", "-c", "import fcntl, sys, time; f = open(sys.argv[1], 'a'); fcntl.flock(f, fcntl.LOCK_EX); print('held', flush=True); time.sleep(30)",
                            path + ".lock"]
        let output = Pipe()
        holder.standardOutput = output
        try holder.run()
        defer { holder.terminate(); holder.waitUntilExit() }
        #expect(String(decoding: output.fileHandleForReading.availableData, as: UTF8.self).hasPrefix("held"))
        let calls = CallLog()
        let error = #expect(throws: ResultsFileError.self) {
            try StudyRunner(specifications: specs, results: ResultsFile(path: path), executor: .inProcess { calls.add($0); return syntheticRun($0) }).run()
        }
        #expect("\(error!)".contains("is in use by another lamina compare"))
        #expect(calls.keys.isEmpty && !FileManager.default.fileExists(atPath: path))
    }

    @Test func claimsInOneProcessAreShared() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("r.jsonl").path
        let first = try ResultsLock.acquire(resultsPath: path)
        let summary = try StudyRunner(specifications: specs, results: ResultsFile(path: path), executor: .inProcess(syntheticRun)).run()
        #expect(summary.executed == 4)
        first.release()
    }

    @Test func unwritableResultsFolderIsFoundBeforeAnyRun() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let blocker = dir.appendingPathComponent("file")
        try Data("x".utf8).write(to: blocker)
        let calls = CallLog()
        let error = #expect(throws: ResultsFileError.self) {
            try StudyRunner(specifications: specs, results: ResultsFile(path: blocker.path + "/r.jsonl"),
                            executor: .inProcess { calls.add($0); return syntheticRun($0) }).run()
        }
        #expect("\(error!)".contains("is a file, not a folder"))
        #expect(calls.keys.isEmpty)
    }

    @Test func reportFolderChecks() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("r.jsonl").path
        try Data().write(to: URL(fileURLWithPath: input))
        #expect(throws: OutputPaths.Problem.self) { try OutputPaths.checkReportFolder(input, inputs: [input]) }
        let own = #expect(throws: OutputPaths.Problem.self) { try OutputPaths.checkReportFolder(dir.path, inputs: [input]) }
        #expect("\(own!)".contains("holds the input"))
        let file = dir.appendingPathComponent("plain").path
        try Data().write(to: URL(fileURLWithPath: file))
        let notFolder = #expect(throws: OutputPaths.Problem.self) { try OutputPaths.checkReportFolder(file, inputs: []) }
        #expect("\(notFolder!)".contains("is a file, not a folder"))
        let fresh = dir.appendingPathComponent("report/inner").path
        try OutputPaths.checkReportFolder(fresh, inputs: [input])
        #expect(FileManager.default.fileExists(atPath: fresh))
    }
}
