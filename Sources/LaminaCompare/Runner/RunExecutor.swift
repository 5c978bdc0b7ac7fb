import Foundation
import Lamina
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
    private static func expectedKey(_ spec: RunSpecification, _ record: RunRecord) -> RunKey {
        var expected = spec.key
        expected.perturbation = record.perturbation
        expected.real = record.implementation != nil
        return expected
    }

    private struct WorkerFailure: Error, CustomStringConvertible {
        var description: String
    }

    private static func runWorker(executable: URL, arguments: [String], spec: RunSpecification,
                                  onEpoch: (EpochProgress) -> Void) throws -> RunRecord {
        let environment = WorkerProcesses.environment(inheriting: ProcessInfo.processInfo.environment, parent: getpid())
        let outcome = try Subprocess.run(
            executable, arguments: arguments, environment: environment, input: try RecordCoding.encoder().encode(spec),
            onStart: WorkerProcesses.started, onEnd: WorkerProcesses.finished,
            onOutputLine: { line in
                guard let progress = EpochProgress.parse(line: line) else { return false }
                onEpoch(progress)
                return true
            })
        let message = String(decoding: outcome.errorOutput.suffix(2000), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !outcome.killedBySignal else {
            throw WorkerFailure(description: "worker was killed by signal \(outcome.status)" + (message.isEmpty ? "" : ": \(message)"))
        }
        guard outcome.status == 0 else {
            throw WorkerFailure(description: "worker exited with status \(outcome.status): \(message)")
        }
        do {
            return try RecordCoding.decoder().decode(RunRecord.self, from: outcome.output)
        } catch {
            throw WorkerFailure(description: "worker wrote no run record on stdout")
        }
    }
}
