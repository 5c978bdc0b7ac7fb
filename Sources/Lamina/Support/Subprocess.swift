import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs another program to its end with pipes on its standard input, output and error:
/// the one home of that pattern in the package (data-set readers, the study runner's
/// worker processes, tests that run the `lamina` executable or Python).
///
/// Standard error is drained on its own thread and the input is written on another,
/// so no pipe can fill up and block the program, whatever it writes in which order.
/// Standard output is read on the calling thread; each complete line is offered to
/// `onOutputLine` as it arrives, and lines it does not take (it returns false, as by
/// default) are kept in ``Outcome/output``.
package enum Subprocess {
    /// How the program ended and what it wrote.
    package struct Outcome: Sendable {
        /// The exit status, or the signal's number when ``killedBySignal``.
        package var status: Int32
        /// Whether a signal ended the program (then ``status`` is the signal).
        package var killedBySignal: Bool
        /// Standard output (without the lines `onOutputLine` took).
        package var output: Data
        /// Standard error.
        package var errorOutput: Data

        /// Whether the program exited by itself with status 0.
        package var succeeded: Bool { !killedBySignal && status == 0 }
        /// Standard output as UTF-8 text.
        package var outputText: String { String(decoding: output, as: UTF8.self) }
        /// Standard error as UTF-8 text.
        package var errorText: String { String(decoding: errorOutput, as: UTF8.self) }
    }

    /// Runs `executable` with `arguments`.
    /// - Parameters:
    ///   - environment: the whole environment (nil: this process's).
    ///   - input: bytes written to the program's standard input, which is then closed
    ///     (nil: standard input is closed at once). A program that exits without reading
    ///     them does not raise SIGPIPE here: this process ignores SIGPIPE from then on.
    ///   - currentDirectory: the program's working folder (nil: this process's).
    ///   - onStart: called with the process id once the program runs; `onEnd` with the
    ///     same id after it has ended (even when reading its output failed).
    ///   - onOutputLine: sees each complete line of standard output (newline included)
    ///     as it arrives and returns whether it took it.
    /// - Throws: Foundation's error when the program cannot be started.
    package static func run(_ executable: URL, arguments: [String], environment: [String: String]? = nil,
                            input: Data? = nil, currentDirectory: URL? = nil,
                            onStart: (Int32) -> Void = { _ in }, onEnd: (Int32) -> Void = { _ in },
                            onOutputLine: (Data) -> Bool = { _ in false }) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let inputPipe = Pipe(), outputPipe = Pipe(), errorPipe = Pipe()
        process.standardInput = inputPipe
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        if input != nil { signal(SIGPIPE, SIG_IGN) }
        try process.run()
        onStart(process.processIdentifier)
        defer { onEnd(process.processIdentifier) }
        let done = DispatchGroup()
        let writer = inputPipe.fileHandleForWriting
        done.enter()
        Thread.detachNewThread {
            if let input { try? writer.write(contentsOf: input) }
            try? writer.close()
            done.leave()
        }
        let errorBox = SubprocessBytes()
        done.enter()
        Thread.detachNewThread {
            errorBox.data = errorPipe.fileHandleForReading.readDataToEndOfFile()
            done.leave()
        }
        let output = readLines(outputPipe.fileHandleForReading, offer: onOutputLine)
        done.wait()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, killedBySignal: process.terminationReason == .uncaughtSignal,
                       output: output, errorOutput: errorBox.data)
    }

    /// Runs `program`, found on `PATH` (through `/usr/bin/env`), with `arguments`; see
    /// ``run(_:arguments:environment:input:currentDirectory:onStart:onEnd:onOutputLine:)``.
    package static func run(program: String, arguments: [String], input: Data? = nil) throws -> Outcome {
        try run(URL(fileURLWithPath: "/usr/bin/env"), arguments: [program] + arguments, input: input)
    }

    /// Reads `handle` to its end, offering each complete line to `offer`; returns what it did not take.
    private static func readLines(_ handle: FileHandle, offer: (Data) -> Bool) -> Data {
        var pending = Data(), rest = Data()
        func take(_ line: Data) {
            if !offer(line) { rest.append(line) }
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
        if !pending.isEmpty { take(pending) }
        return rest
    }
}

/// Bytes filled in by the thread that drains a pipe, read after it has finished.
private final class SubprocessBytes: @unchecked Sendable {
    var data = Data()
}
