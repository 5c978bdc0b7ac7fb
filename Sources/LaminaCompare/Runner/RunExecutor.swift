import Foundation

/// How the runner executes one run.
public enum RunExecutor: Sendable {
    /// Calls the function in this process (tests; `--jobs 1` without isolation).
    case inProcess(@Sendable (RunSpecification) throws -> RunRecord)
    /// Starts `executable arguments...` per run, writes the spec as JSON to its stdin and reads a
    /// ``RunRecord`` as JSON from the last line of its stdout (the CLI re-invokes itself as `lamina run-one`).
    /// Lines before it that are ``EpochProgress`` lines are passed on as they arrive.
    case subprocess(executable: URL, arguments: [String])

    /// Runs `spec`. A failure (a throw, a crash or bad output of the worker) becomes a diverged record,
    /// and the reason is returned beside it. A subprocess worker's progress lines go to `onEpoch` as
    /// they arrive (from the calling thread).
    public func execute(_ spec: RunSpecification,
                        onEpoch: (EpochProgress) -> Void = { _ in }) -> (record: RunRecord, failure: String?) {
        let started = Date()
        do {
            let record: RunRecord
            switch self {
            case .inProcess(let run): record = try run(spec)
            case .subprocess(let executable, let arguments):
                record = try Self.runWorker(executable: executable, arguments: arguments, spec: spec, onEpoch: onEpoch)
            }
            return (record, nil)
        } catch {
            return (Self.failedRecord(spec, seconds: Date().timeIntervalSince(started)), "\(error)")
        }
    }

    /// The record of a run that threw: diverged, NaN metric, no epochs.
    public static func failedRecord(_ spec: RunSpecification, seconds: Double) -> RunRecord {
        var record = RunRecord(study: spec.study, task: spec.task, profile: spec.profile, seed: spec.seed, epochs: [],
                               testMetric: .nan, metric: "failed", higherIsBetter: true, wallSeconds: seconds, diverged: true,
                               spectralRadius: [:])
        record.perturbation = spec.perturbation
        return record
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
        try process.run()
        input.fileHandleForWriting.write(try RecordCoding.encoder().encode(spec))
        try input.fileHandleForWriting.close()
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
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errorBox.data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
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
