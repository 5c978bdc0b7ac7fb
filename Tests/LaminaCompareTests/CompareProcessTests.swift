import Foundation
import Testing
@testable import LaminaCompare
#if canImport(Glibc)
import Glibc
#endif

/// The `lamina` executable built next to the test bundle.
func laminaExecutable() -> URL {
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("lamina")
}

/// A tiny study (adding, length 4, 16 examples, 4 units, 1 epoch): 3 profiles × `seeds` seeds, each run well under a second.
func writeTinyStudy(in dir: URL, seeds: Int = 2, name: String = "tiny") throws -> String {
    let path = dir.appendingPathComponent("\(name).json").path
    try Data("""
    { "name": "\(name)", "tasks": ["adding"], "profiles": ["keras2", "pytorch", "lasagne"], "seeds": \(seeds),
      "model": { "units": 4 }, "budget": { "epochs": 1, "batchSize": 8 },
      "taskOptions": { "adding": { "length": 4, "examples": 16 } } }
    """.utf8).write(to: URL(fileURLWithPath: path))
    return path
}

/// A started `lamina` process with its output collected in files (so pipes never fill).
final class LaminaProcess {
    let process = Process()
    let errorFile: URL

    init(_ arguments: [String], in dir: URL) throws {
        errorFile = dir.appendingPathComponent("stderr-\(UUID().uuidString).txt")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        process.executableURL = laminaExecutable()
        process.arguments = arguments
        process.currentDirectoryURL = dir
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    /// Waits for the end; returns (how it ended, status or signal, standard error).
    func finish() -> (Process.TerminationReason, Int32, String) {
        process.waitUntilExit()
        return (process.terminationReason, process.terminationStatus, (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "")
    }
}

/// The live worker processes a `lamina compare` with process id `parent` started (found by the
/// LAMINA_PARENT_PID each worker carries in its environment).
func workers(of parent: Int32) -> [Int32] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    let marker = Data("\(WorkerProcesses.parentVariable)=\(parent)\0".utf8)
    return entries.compactMap(Int32.init).filter { pid in
        guard let environment = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else { return false }
        // A zombie has an empty environ; only running workers count.
        return environment.range(of: marker) != nil
    }
}

/// Polls `condition` every 20 ms for at most `seconds`.
func waitUntil(_ seconds: Double, _ condition: () -> Bool) -> Bool {
    let end = Date().addingTimeInterval(seconds)
    while Date() < end {
        if condition() { return true }
        usleep(20_000)
    }
    return condition()
}

/// `lamina compare` as a process: signals, kills, failures, a second compare, and output checks.
@Suite(.serialized) struct CompareProcessTests {
    @Test(arguments: [SIGINT, SIGTERM])
    func signalStopsTheWorkersToo(signal: Int32) throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let study = try writeTinyStudy(in: dir, seeds: 20)
        let compare = try LaminaProcess(["compare", study, "--jobs", "2", "--results", "r.jsonl"], in: dir)
        #expect(waitUntil(20) { !workers(of: compare.pid).isEmpty }, "no worker started")
        kill(compare.pid, signal)
        let (reason, status, errors) = compare.finish()
        #expect(reason == .exit && status == 128 + signal, "\(reason) \(status): \(errors)")   // 130 for SIGINT, 143 for SIGTERM
        #expect(errors.contains("stopped by signal \(signal)"))
        #expect(waitUntil(2) { workers(of: compare.pid).isEmpty }, "workers outlived the parent: \(workers(of: compare.pid))")
    }

    /// Workers load OpenBLAS with one thread (see `WorkerProcesses.environment`), so no idle
    /// OpenBLAS thread spins beside the other job.
    @Test func workersStartOpenBLASWithOneThread() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let study = try writeTinyStudy(in: dir, seeds: 20)
        let compare = try LaminaProcess(["compare", study, "--jobs", "1", "--results", "r.jsonl"], in: dir)
        defer { kill(compare.pid, SIGTERM); _ = compare.finish() }
        var worker: Int32?
        #expect(waitUntil(20) { worker = workers(of: compare.pid).first; return worker != nil }, "no worker started")
        guard let worker, let environ = FileManager.default.contents(atPath: "/proc/\(worker)/environ") else { return }
        let variables = environ.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        // 1 unless this test's own environment asks otherwise.
        let expected = ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"]
            ?? ProcessInfo.processInfo.environment["LAMINA_BLAS_THREADS"].flatMap(Int.init).map { String(max($0, 1)) } ?? "1"
        #expect(variables.contains("OPENBLAS_NUM_THREADS=\(expected)"), "\(variables.filter { $0.contains("THREADS") })")
    }

    @Test func killedParentLeavesNoWorkerBehind() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let study = try writeTinyStudy(in: dir, seeds: 20)
        let compare = try LaminaProcess(["compare", study, "--jobs", "2", "--results", "r.jsonl"], in: dir)
        #expect(waitUntil(20) { !workers(of: compare.pid).isEmpty }, "no worker started")
        kill(compare.pid, SIGKILL)
        _ = compare.finish()
        // Each worker checks its parent every 0.2 s.
        #expect(waitUntil(2) { workers(of: compare.pid).isEmpty }, "workers outlived the parent: \(workers(of: compare.pid))")
    }

    /// With one job too, each run has a worker of its own, so killing it fails that run only.
    @Test(arguments: ["1", "2"])
    func killedWorkerIsAFailedRunRetriedOnResume(jobs: String) throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let study = try writeTinyStudy(in: dir, seeds: 4)
        let compare = try LaminaProcess(["compare", study, "--jobs", jobs, "--results", "r.jsonl"], in: dir)
        var victim: Int32?
        #expect(waitUntil(20) { victim = workers(of: compare.pid).first; return victim != nil })
        if let victim { kill(victim, SIGKILL) }
        let (_, status, errors) = compare.finish()
        #expect(status != 0 && errors.contains("killed by signal 9") && errors.contains("1 run(s) failed"), "\(status): \(errors)")
        let path = dir.appendingPathComponent("r.jsonl").path
        let first = try ResultsMerger.mergeAll(paths: [path])
        #expect(first.failures.count == 1 && first.records.count == 11 && first.records.allSatisfy { !$0.diverged })
        let again = try LaminaProcess(["compare", study, "--jobs", jobs, "--results", "r.jsonl"], in: dir)
        let (_, againStatus, againErrors) = again.finish()
        #expect(againStatus == 0 && againErrors.contains("(1 to do)"), "\(againErrors)")
        let second = try ResultsMerger.mergeAll(paths: [path])
        #expect(second.failures.isEmpty && second.records.count == 12)
    }

    @Test func aSecondCompareOnTheSameResultsIsRefused() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let study = try writeTinyStudy(in: dir, seeds: 20)
        let first = try LaminaProcess(["compare", study, "--jobs", "2", "--results", "r.jsonl"], in: dir)
        defer { kill(first.pid, SIGKILL); _ = first.finish() }
        #expect(waitUntil(20) { !workers(of: first.pid).isEmpty })
        let second = try LaminaProcess(["compare", study, "--jobs", "1", "--results", "r.jsonl"], in: dir)
        let (_, status, errors) = second.finish()
        #expect(status != 0 && errors.contains("r.jsonl: is in use by another lamina compare"), "\(errors)")
    }

    @Test func outputsAreCheckedBeforeTheFirstRun() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let study = try writeTinyStudy(in: dir)
        try Data("x".utf8).write(to: dir.appendingPathComponent("taken"))
        for (arguments, expected) in [
            (["--report", "taken"], "report folder taken is a file, not a folder"),
            (["--report", "."], "holds the input"),
            (["--results", "taken/r.jsonl"], "the results folder taken is a file, not a folder"),
        ] {
            // --results once: a repeated option is refused before any check.
            let results = arguments.contains("--results") ? [] : ["--results", "r.jsonl"]
            let compare = try LaminaProcess(["compare", study] + results + arguments, in: dir)
            let (_, status, errors) = compare.finish()
            #expect(status != 0 && errors.contains(expected), "\(arguments): \(errors)")
            #expect(!errors.contains("[1/"), "a run started before the check: \(errors)")
        }
    }

    @Test func jobsAreCappedAtTheRuns() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let study = try writeTinyStudy(in: dir, seeds: 1)
        let compare = try LaminaProcess(["compare", study, "--jobs", "1000", "--results", "r.jsonl"], in: dir)
        let (_, status, errors) = compare.finish()
        #expect(status == 0 && errors.contains("--jobs 1000 is more than the 3 run(s); using 3"), "\(errors)")
    }
}
