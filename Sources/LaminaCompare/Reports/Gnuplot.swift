import Foundation

/// Runs gnuplot scripts as a subprocess (found on `PATH`, since `Process` needs an absolute path).
public struct Gnuplot: Sendable {
    /// The gnuplot binary.
    public let executable: URL

    /// Finds `gnuplot` on `searchPath` (a `PATH`-style list; defaults to this process's `PATH`).
    public static func locate(searchPath: String? = ProcessInfo.processInfo.environment["PATH"]) -> Gnuplot? {
        for directory in (searchPath ?? "").split(separator: ":") where !directory.isEmpty {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("gnuplot")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return Gnuplot(executable: candidate) }
        }
        return nil
    }

    /// A failed render.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Runs `gnuplot script` with `directory` as the working directory; throws with gnuplot's stderr on failure.
    public func render(script: String, in directory: URL) throws {
        let process = Process()
        process.executableURL = executable
        process.arguments = [script]
        process.currentDirectoryURL = directory
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let box = ErrorBox()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            box.data = errors.fileHandleForReading.readDataToEndOfFile()
            done.signal()
        }
        _ = output.fileHandleForReading.readDataToEndOfFile()
        done.wait()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: box.data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw Failure(description: "gnuplot \(script) exited with status \(process.terminationStatus): \(message)")
        }
    }
}

private final class ErrorBox: @unchecked Sendable {
    var data = Data()
}
