import Foundation
import Testing
@testable import LaminaCompare

/// A small deterministic stand-in for `trainRun` (test code only).
func syntheticRun(_ spec: RunSpecification) -> RunRecord {
    let base = Double(spec.profile.unicodeScalars.reduce(0) { $0 + Int($1.value) } % 17) / 100
    let noise = Double((spec.seed &* 2_654_435_761) % 1000) / 50_000
    let epochs = (1...max(spec.epochs, 1)).map { e in
        let step = Double(e)
        let validation: Double = 0.6 + base + noise - 0.1 / step
        return EpochRecord(epoch: e, trainingLoss: 1 / (step + 1), validationMetric: validation, gradientNorm: 2 / step)
    }
    return RunRecord(study: spec.study, task: spec.task, profile: spec.profile, seed: spec.seed, epochs: epochs,
                     testMetric: 0.7 + base + noise, metric: "accuracy", higherIsBetter: true, wallSeconds: 0.01,
                     diverged: false, spectralRadius: ["forget": 0.5 + base, "input": 0.9 + base])
}

/// `syntheticRun` as the runner records it: with the spec's settings fingerprint.
func recordedRun(_ spec: RunSpecification) -> RunRecord {
    var record = syntheticRun(spec)
    record.settingsFingerprint = spec.settingsFingerprint
    return record
}

/// A temporary directory removed at the end of a test.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("lamina-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The runner: resume, shards, partial lines, failures, merging.
@Suite struct RunnerTests {
    let study = Study(name: "t", tasks: ["adding", "digits"], profiles: .named(["keras2", "pytorch", "lasagne"]),
                      seedCount: 3, epochs: 2)
    var specs: [RunSpecification] { study.runSpecifications(allProfiles: []) }

    @Test func runsEverythingOnceAndAppendsLines() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let file = ResultsFile(path: dir.appendingPathComponent("r.jsonl").path)
        let summary = try StudyRunner(specifications: specs, results: file, executor: .inProcess(syntheticRun), jobs: 2).run()
        #expect(summary == .init(skipped: 0, executed: 18, failed: 0))
        let loaded = try file.load()
        #expect(loaded.warnings.isEmpty)
        #expect(Set(loaded.records.map(\.key)) == Set(specs.map { syntheticRun($0).key }))
        #expect(loaded.records.count == 18)
    }

    @Test func resumeAfterInterruptionLosesAndRepeatsNothing() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let file = ResultsFile(path: dir.appendingPathComponent("r.jsonl").path)
        // "Interrupt" after 7 runs: the first invocation only gets the first 7.
        _ = try StudyRunner(specifications: Array(specs.prefix(7)), results: file, executor: .inProcess(syntheticRun)).run()
        let calls = CallLog()
        let summary = try StudyRunner(specifications: specs, results: file, executor: .inProcess { spec in
            calls.add(spec); return syntheticRun(spec)
        }, jobs: 2).run()
        #expect(summary.skipped == 7 && summary.executed == 11)
        #expect(Set(calls.keys).isDisjoint(with: specs.prefix(7).map { syntheticRun($0).key }))
        let records = try file.load().records
        #expect(records.count == 18)
        #expect(Set(records.map(\.key)).count == 18)
    }

    @Test func shardsAreDisjointAndCoverTheStudy() throws {
        let n = 4
        let shards = (0..<n).map { Shard(index: $0, count: n).select(specs) }
        let keys = shards.map { Set($0.map { syntheticRun($0).key }) }
        for i in 0..<n { for j in 0..<n where i != j { #expect(keys[i].isDisjoint(with: keys[j])) } }
        #expect(keys.reduce(Set<RunKey>()) { $0.union($1) } == Set(specs.map { syntheticRun($0).key }))
        #expect(shards.map(\.count) == [5, 5, 4, 4])
        #expect(Shard(parsing: "1/4") == Shard(index: 1, count: 4))
        #expect(Shard(parsing: "4/4") == nil && Shard(parsing: "x") == nil && Shard(parsing: "0/0") == nil)
    }

    @Test func shardedResultsMergeIntoTheStudy() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        var paths: [String] = []
        for i in 0..<3 {
            let file = ResultsFile(path: dir.appendingPathComponent("shard\(i).jsonl").path)
            _ = try StudyRunner(specifications: Shard(index: i, count: 3).select(specs), results: file,
                                executor: .inProcess(syntheticRun)).run()
            paths.append(file.path)
        }
        paths.append(paths[0])  // a duplicated file is deduplicated by key
        let merged = try ResultsMerger.merge(paths: paths)
        #expect(merged.records.count == 18)
        #expect(merged.warnings.contains { $0.contains("duplicate") })
    }

    @Test func partialLastLineIsIgnoredAndReported() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let file = ResultsFile(path: dir.appendingPathComponent("r.jsonl").path)
        try file.append(syntheticRun(specs[0]))
        try file.append(syntheticRun(specs[1]))
        let torn = try RecordCoding.encoder().encode(syntheticRun(specs[2]))
        try file.appendRaw(torn.prefix(torn.count / 2))
        let loaded = try file.load()
        #expect(loaded.records.map(\.key) == [syntheticRun(specs[0]).key, syntheticRun(specs[1]).key])
        #expect(loaded.warnings.count == 1)
        #expect(loaded.warnings[0].contains("line 3") && loaded.warnings[0].contains("partial"))
    }

    @Test func resumeAfterATornWriteRepeatsOnlyTheTornRun() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let file = ResultsFile(path: dir.appendingPathComponent("r.jsonl").path)
        for spec in specs.prefix(4) { try file.append(recordedRun(spec)) }
        let torn = try RecordCoding.encoder().encode(recordedRun(specs[4]))
        try file.appendRaw(torn.prefix(10))
        let calls = CallLog()
        let summary = try StudyRunner(specifications: specs, results: file, executor: .inProcess { spec in
            calls.add(spec); return syntheticRun(spec)
        }).run()
        #expect(summary.skipped == 4 && summary.executed == 14)
        #expect(calls.keys.first == syntheticRun(specs[4]).key)
        let loaded = try file.load()
        #expect(loaded.warnings.isEmpty)
        #expect(loaded.records.count == 18 && Set(loaded.records.map(\.key)).count == 18)
    }

    @Test func appendAfterAMissingNewlineStartsAFreshLine() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let file = ResultsFile(path: dir.appendingPathComponent("r.jsonl").path)
        try file.appendRaw(Data("garbage".utf8))
        try file.append(syntheticRun(specs[0]))
        let loaded = try file.load()
        #expect(loaded.records.map(\.key) == [syntheticRun(specs[0]).key])
        #expect(loaded.warnings.count == 1)
    }

    @Test func throwingRunIsRecordedAsFailedNotDiverged() throws {
        struct Boom: Error {}
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let file = ResultsFile(path: dir.appendingPathComponent("r.jsonl").path)
        let messages = CallLog()
        let summary = try StudyRunner(specifications: Array(specs.prefix(3)), results: file, executor: .inProcess { spec in
            if spec.profile == "pytorch" { throw Boom() }
            return syntheticRun(spec)
        }).run(log: { messages.addMessage($0) })
        #expect(summary.failed == 1 && summary.executed == 3)
        let records = try file.load().records
        let failed = try #require(records.first { $0.profile == "pytorch" })
        #expect(failed.isFailure && !failed.diverged && failed.testMetric.isNaN && failed.epochs.isEmpty && failed.metric == "failed")
        #expect(failed.settingsFingerprint == specs[1].settingsFingerprint)
        #expect(messages.messages.contains { $0.contains("failed (not a result; it is retried on resume)") })
        #expect(messages.messages.contains { $0.hasPrefix("[3/3]") })
    }

    @Test func failedRunsAreRetriedOnResumeAndLeaveTheReport() throws {
        struct Boom: Error {}
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let file = ResultsFile(path: dir.appendingPathComponent("r.jsonl").path)
        let few = Array(specs.prefix(3))
        _ = try StudyRunner(specifications: few, results: file, executor: .inProcess { spec in
            if spec.profile == "pytorch" { throw Boom() }
            return syntheticRun(spec)
        }).run()
        let before = try ResultsMerger.mergeAll(paths: [file.path])
        #expect(before.records.count == 2 && before.failures.map(\.key) == [syntheticRun(few[1]).key])
        #expect(before.warnings.contains { $0.contains("1 run(s) failed") && $0.contains("not counted as diverged") })
        let runner = StudyRunner(specifications: few, results: file, executor: .inProcess(syntheticRun))
        #expect(try runner.pendingSpecifications() == [few[1]])
        let calls = CallLog()
        let summary = try StudyRunner(specifications: few, results: file, executor: .inProcess { calls.add($0); return syntheticRun($0) }).run()
        #expect(summary == .init(skipped: 2, executed: 1, failed: 0))
        #expect(calls.keys == [syntheticRun(few[1]).key])
        let after = try ResultsMerger.mergeAll(paths: [file.path])
        #expect(after.records.count == 3 && after.failures.isEmpty && after.records.allSatisfy { !$0.isFailure && !$0.diverged })
    }

    @Test func subprocessWorkerFailureIsRecordedAsFailed() throws {
        let spec = specs[0]
        let (record, failure) = RunExecutor.subprocess(executable: URL(fileURLWithPath: "/bin/sh"),
                                                       arguments: ["-c", "cat >/dev/null; echo oops >&2; exit 3"]).execute(spec)
        #expect(record.isFailure && !record.diverged && record.key == syntheticRun(spec).key)
        #expect(failure?.contains("status 3") == true && failure?.contains("oops") == true)
    }

    @Test func workerKilledBySignalIsAFailureNamingTheSignal() throws {
        let spec = specs[0]
        let (record, failure) = RunExecutor.subprocess(executable: URL(fileURLWithPath: "/bin/sh"),
                                                       arguments: ["-c", "cat >/dev/null; kill -9 $$"]).execute(spec)
        #expect(record.isFailure && !record.diverged)
        #expect(failure?.contains("killed by signal 9") == true, "\(failure ?? "")")
    }

    @Test func workerAnsweringForAnotherRunIsAFailure() throws {
        let json = String(decoding: try RecordCoding.encoder().encode(syntheticRun(specs[1])), as: UTF8.self)
        let (record, failure) = RunExecutor.subprocess(executable: URL(fileURLWithPath: "/bin/sh"),
                                                       arguments: ["-c", "cat >/dev/null; printf '%s\\n' '\(json)'"]).execute(specs[0])
        #expect(record.isFailure && record.key == syntheticRun(specs[0]).key)
        #expect(failure?.contains("not the run it was given") == true)
    }

    @Test func subprocessWorkerRecordIsRead() throws {
        let spec = specs[0]
        let json = String(decoding: try RecordCoding.encoder().encode(syntheticRun(spec)), as: UTF8.self)
        let (record, failure) = RunExecutor.subprocess(executable: URL(fileURLWithPath: "/bin/sh"),
                                                       arguments: ["-c", "cat >/dev/null; printf '%s\\n' '\(json)'"]).execute(spec)
        #expect(failure == nil)
        #expect(record == recordedRun(spec))
    }

    @Test func progressEstimatesTimeLeft() {
        let progress = RunProgress(done: 5, total: 10, elapsed: 20, finishedHere: 4)
        #expect(progress.estimatedSecondsRemaining == 25)
        #expect(progress.line == "[5/10] 0m20s elapsed, about 0m25s left")
    }
}

/// Thread-safe log of calls and messages for tests.
final class CallLog: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var keys: [RunKey] = []
    private(set) var messages: [String] = []
    func add(_ spec: RunSpecification) { lock.lock(); keys.append(syntheticRun(spec).key); lock.unlock() }
    func addMessage(_ message: String) { lock.lock(); messages.append(message); lock.unlock() }
}
