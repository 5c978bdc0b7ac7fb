import CGnuplot
import Foundation

/// gnuplot, driven through gnuplot-iostream (the `CGnuplot` module): every report figure and live plot is
/// a stream of commands and inline data sent to one gnuplot process.
///
/// The binary is found on `PATH`. Without it, callers still write their scripts and data (see
/// ``ReportWriter``) and tell the user how to render them later.
public struct Gnuplot: Sendable {
    /// The gnuplot binary.
    public let executable: URL

    /// Uses the gnuplot at `executable`.
    public init(executable: URL) {
        self.executable = executable
    }

    /// Finds `gnuplot` on `searchPath` (a `PATH`-style list; defaults to this process's `PATH`).
    public static func locate(searchPath: String? = ProcessInfo.processInfo.environment["PATH"]) -> Gnuplot? {
        for directory in (searchPath ?? "").split(separator: ":") where !directory.isEmpty {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("gnuplot")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return Gnuplot(executable: candidate) }
        }
        return nil
    }

    /// A failed render: gnuplot could not start, or exited with an error.
    public struct Failure: Error, CustomStringConvertible {
        /// One line: what failed and gnuplot's own message.
        public var description: String
    }

    /// Renders the script file `script` (a name relative to `directory`, which is gnuplot's working
    /// directory, so the script's data files and outputs are found beside it): the stream sends
    /// `load 'script'`. Throws ``Failure`` with gnuplot's message on failure.
    public func render(script: String, in directory: URL) throws {
        let session = try Session(gnuplot: self, directory: directory)
        session.send("load \(Gnuplot.quoted(script))")
        _ = try session.finish(describing: "gnuplot \(script)")
    }

    /// One gnuplot process fed through gnuplot-iostream: commands and inline data go in, and when the session
    /// finishes, gnuplot's standard output (for example a `dumb` terminal's text plot) comes back.
    public final class Session {
        private var handle: OpaquePointer?

        /// Starts `gnuplot` in `directory` (nil: the current directory).
        /// - Throws: ``Failure`` if the process cannot be started.
        public init(gnuplot: Gnuplot, directory: URL? = nil) throws {
            let capacity = 512
            var error = [CChar](repeating: 0, count: capacity)
            let opened = gnuplot.executable.path.withCString { path in
                if let directory {
                    return directory.path.withCString { lamina_gnuplot_open(path, $0, &error, capacity) }
                }
                return lamina_gnuplot_open(path, nil, &error, capacity)
            }
            guard let opened else {
                throw Failure(description: String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
            }
            handle = opened
        }

        deinit {
            if let handle {
                var result = lamina_gnuplot_close(handle)
                lamina_gnuplot_result_free(&result)
            }
        }

        /// Sends one command line. A failed write (gnuplot exited) shows up in ``finish(describing:)``.
        public func send(_ command: String) {
            guard let handle else { return }
            _ = lamina_gnuplot_command(handle, command)
        }

        /// Sends `rows` as inline data for one `'-'` source of a plot command (all rows the same width);
        /// NaN is skipped by gnuplot.
        public func send(rows: [[Double]]) {
            guard let handle else { return }
            let columns = rows.first?.count ?? 0
            precondition(rows.allSatisfy { $0.count == columns }, "inline data rows must have the same width")
            let values = rows.flatMap { $0 }
            _ = values.withUnsafeBufferPointer { lamina_gnuplot_send_rows(handle, $0.baseAddress, rows.count, columns) }
        }

        /// Ends gnuplot's input, waits for it to exit and returns what it wrote on standard output.
        /// - Throws: ``Failure`` naming `what` with gnuplot's exit status and its last error line, if it
        ///   exited with an error.
        public func finish(describing what: String = "gnuplot") throws -> String {
            guard let handle else { throw Failure(description: "\(what): the session is already finished") }
            self.handle = nil
            var result = lamina_gnuplot_close(handle)
            defer { lamina_gnuplot_result_free(&result) }
            let output = result.output.map { String(cString: $0) } ?? ""
            let errors = result.errors.map { String(cString: $0) } ?? ""
            guard result.status == 0 else {
                let message = errors.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { !$0.isEmpty && !$0.allSatisfy { $0 == "^" } }.suffix(2).joined(separator: ": ")
                throw Failure(description: "\(what) exited with status \(result.status): \(message)")
            }
            return output
        }
    }
}

extension Gnuplot {
    /// `text` as a single-quoted gnuplot string (a file path or a title; no enhanced-text escapes):
    /// each `'` is doubled.
    public static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
}

extension Gnuplot {
    /// Writes the image at `path` whole or not at all: `draw` renders into a partial file beside it
    /// (its path is `draw`'s argument), which then replaces `path` in one rename, so a viewer never
    /// sees half an image. The partial file is removed whatever happens.
    /// - Throws: what `draw` throws, or ``Failure`` when the image cannot be put in place.
    public static func writeImage(at path: String, _ draw: (_ partialPath: String) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let partial = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).partial")
        defer { try? FileManager.default.removeItem(at: partial) }
        try draw(partial.path)
        guard rename(partial.path, url.path) == 0 else {
            throw Failure(description: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }
}
