import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How the runner executes one run.
public enum RunExecutor: Sendable {
    /// Calls the function in this process (tests; `--jobs 1` without isolation).
    case inProcess(@Sendable (RunSpecification) throws -> RunRecord)
    /// Starts `executable arguments...` per run, writes the spec as JSON to its stdin and reads a
    /// ``RunRecord`` as JSON from the last line of its stdout (the CLI re-invokes itself as `lamina run-one`).
    /// Lines before it that are ``EpochProgress`` lines are passed on as they arrive.
    case subprocess(executable: URL, arguments: [String])

    /// Runs `spec`. A failure (a throw, a crash, a signal or bad output of the
    /// worker) becomes a *failed* record (``RunRecord/failure(of:seconds:)``),
    /// never a diverged one, and the reason is returned beside it. Every record
    /// carries the spec's ``RunSpecification/settingsFingerprint``. A subprocess
    /// worker's progress lines go to `onEpoch` as they arrive (from the calling thread).
    public func execute(_ spec: RunSpecification,
                        onEpoch: (EpochProgress) -> Void = { _ in }) -> (record: RunRecord, failure: String?) {
        let started = Date()
        do {
            var record: RunRecord
            switch self {
            case .inProcess(let run): record = try run(spec)
            case .subprocess(let executable, let arguments):
                record = try Self.runWorker(executable: executable, arguments: arguments, spec: spec, onEpoch: onEpoch)
            }
            guard record.key == Self.expectedKey(spec, record) else {
                throw WorkerFailure(description: "the worker answered with run \(record.key), not the run it was given")
            }
            record.settingsFingerprint = spec.settingsFingerprint
            return (record, nil)
        } catch {
            return (RunRecord.failure(of: spec, seconds: Date().timeIntervalSince(started)), "\(error)")
        }
    }

    /// The key a record for `spec` must have (the record's own perturbation and implementation kept).
    private static func expectedKey(_ spec: RunSpecification, _ record: RunRecord) -> String {
        var expected = record
        expected.study = spec.study
        expected.task = spec.task
        expected.profile = spec.profile
        expected.seed = spec.seed
        return expected.key
    }

    private struct WorkerFailure: Error, CustomStringConvertible {
        var description: String
    }

    private static func runWorker(executable: URL, arguments: [String], spec: RunSpecification,
                                  onEpoch: (EpochProgress) -> Void) throws -> RunRecord {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        var environment = ProcessInfo.processInfo.environment
        environment[WorkerProcesses.parentVariable] = String(getpid())
        process.environment = environment
        try process.run()
        WorkerProcesses.started(process.processIdentifier)
        defer { WorkerProcesses.finished(process.processIdentifier) }
        // A worker that dies before reading its input must not take the parent down with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        try? input.fileHandleForWriting.write(contentsOf: try RecordCoding.encoder().encode(spec))
        try? input.fileHandleForWriting.close()
        // Drain stderr on another thread so neither pipe can fill up and block the worker.
        let errorBox = DataBox()
        let drained = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            errorBox.data = errors.fileHandleForReading.readDataToEndOfFile()
            drained.signal()
        }
        let out = readLines(output.fileHandleForReading, onEpoch: onEpoch)
        drained.wait()
        process.waitUntilExit()
        let message = String(decoding: errorBox.data.suffix(2000), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationReason == .exit else {
            throw WorkerFailure(description: "worker was killed by signal \(process.terminationStatus)" + (message.isEmpty ? "" : ": \(message)"))
        }
        guard process.terminationStatus == 0 else {
            throw WorkerFailure(description: "worker exited with status \(process.terminationStatus): \(message)")
        }
        do {
            return try RecordCoding.decoder().decode(RunRecord.self, from: out)
        } catch {
            throw WorkerFailure(description: "worker wrote no run record on stdout")
        }
    }

    /// Reads `handle` to its end, handing each complete ``EpochProgress`` line to `onEpoch` as it arrives;
    /// returns the rest (the record line).
    private static func readLines(_ handle: FileHandle, onEpoch: (EpochProgress) -> Void) -> Data {
        var pending = Data(), rest = Data()
        func take(_ line: Data) {
            if let progress = EpochProgress.parse(line: line) { onEpoch(progress) } else { rest.append(line) }
        }
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            pending.append(chunk)
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                take(pending[pending.startIndex ... newline])
                pending = Data(pending[pending.index(after: newline)...])
            }
        }
        take(pending)
        return rest
    }
}

private final class DataBox: @unchecked Sendable {
    var data = Data()
}
