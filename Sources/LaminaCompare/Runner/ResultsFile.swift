import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Problems with a results file.
public enum ResultsFileError: Error, CustomStringConvertible {
    /// The file could not be opened or written.
    case io(path: String, reason: String)

    /// The path and the reason, for the user.
    public var description: String {
        switch self {
        case .io(let path, let reason): return "\(path): \(reason)"
        }
    }
}

/// What loading a results file found.
public struct LoadedResults: Sendable {
    /// Every complete, decodable record, in file order.
    public var records: [RunRecord]
    /// Human-readable notes: an ignored trailing partial line, undecodable lines.
    public var warnings: [String]
}

/// A JSON Lines results file: one ``RunRecord`` per line, appended atomically.
///
/// Each append takes an exclusive `flock` on the file, writes the whole line in one `write` with
/// `O_APPEND`, and `fsync`s, so an interruption never leaves a partial line behind a complete one
/// and concurrent writers never interleave.
public struct ResultsFile: Sendable {
    /// The file's path.
    public let path: String

    /// Refers to the results file at `path` (it need not exist yet).
    public init(path: String) { self.path = path }

    /// Appends one record as a line.
    public func append(_ record: RunRecord) throws {
        var line = try RecordCoding.encoder().encode(record)
        line.append(UInt8(ascii: "\n"))
        try appendRaw(line)
    }

    /// Appends raw bytes under the lock (used for whole lines; tests use it to simulate a torn write).
    func appendRaw(_ bytes: Data) throws {
        let directory = PathText.parentFolder(of: path)
        if !directory.isEmpty { try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        let fd = open(path, O_RDWR | O_APPEND | O_CREAT, 0o644)
        guard fd >= 0 else { throw ResultsFileError.io(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        guard flock(fd, LOCK_EX) == 0 else { throw ResultsFileError.io(path: path, reason: "cannot lock: \(String(cString: strerror(errno)))") }
        defer { flock(fd, LOCK_UN) }
        var bytes = bytes
        // If a writer was killed mid-line (it cannot happen with one write per line, but a copied or
        // hand-edited file can end without a newline), start a fresh line rather than extending it.
        let size = lseek(fd, 0, SEEK_END)
        if size > 0 {
            var last: UInt8 = 0
            if pread(fd, &last, 1, size - 1) == 1, last != UInt8(ascii: "\n") { bytes.insert(UInt8(ascii: "\n"), at: 0) }
        }
        let written = bytes.withUnsafeBytes { buffer in write(fd, buffer.baseAddress, buffer.count) }
        guard written == bytes.count else {
            throw ResultsFileError.io(path: path, reason: "short write (\(written) of \(bytes.count) bytes)")
        }
        guard fsync(fd) == 0 else { throw ResultsFileError.io(path: path, reason: "fsync failed") }
    }

    /// Removes a trailing partial line (bytes after the last newline), under the lock, so that resumed
    /// runs append after complete lines only. Returns the number of bytes removed.
    @discardableResult
    public func removePartialTail() throws -> Int {
        guard FileManager.default.fileExists(atPath: path) else { return 0 }
        let fd = open(path, O_RDWR)
        guard fd >= 0 else { throw ResultsFileError.io(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        guard flock(fd, LOCK_EX) == 0 else { throw ResultsFileError.io(path: path, reason: "cannot lock") }
        defer { flock(fd, LOCK_UN) }
        guard let data = FileManager.default.contents(atPath: path), let lastByte = data.last,
              lastByte != UInt8(ascii: "\n") else { return 0 }
        let keep = data.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 - data.startIndex } ?? 0
        guard ftruncate(fd, off_t(keep)) == 0, fsync(fd) == 0 else {
            throw ResultsFileError.io(path: path, reason: "cannot remove the partial last line")
        }
        return data.count - keep
    }

    /// Loads the records; a missing file is empty. A trailing line without its newline (an interrupted
    /// write) is ignored and reported in ``LoadedResults/warnings``, as is any line that does not decode
    /// and any record with an impossible value (``RunRecord/impossibleValue``).
    public func load() throws -> LoadedResults {
        guard FileManager.default.fileExists(atPath: path) else { return LoadedResults(records: [], warnings: []) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ResultsFileError.io(path: path, reason: "cannot be read")
        }
        return Self.parse(data, path: path)
    }

    /// The records in results-file bytes; `path` names the file in warnings.
    static func parse(_ data: Data, path: String) -> LoadedResults {
        var records: [RunRecord] = []
        var warnings: [String] = []
        let decoder = RecordCoding.decoder()
        let newline = UInt8(ascii: "\n")
        var start = data.startIndex
        var lineNumber = 0
        while start < data.endIndex {
            lineNumber += 1
            guard let end = data[start...].firstIndex(of: newline) else {
                warnings.append("\(path) line \(lineNumber): ignored a partial last line (\(data.endIndex - start) bytes; an interrupted write)")
                break
            }
            let line = data[start..<end]
            start = end + 1
            if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }) { continue }
            do {
                let record = try decoder.decode(RunRecord.self, from: Data(line))
                if let problem = record.impossibleValue {
                    warnings.append("\(path) line \(lineNumber): ignored a record with an impossible value (\(problem)); was the file edited?")
                    continue
                }
                records.append(record)
            } catch {
                warnings.append("\(path) line \(lineNumber): ignored a line that is not a run record (\(Self.reason(error)))")
            }
        }
        return LoadedResults(records: records, warnings: warnings)
    }

    /// Why a line did not decode as a ``RunRecord``, in a few words: the field and what is wrong with it.
    static func reason(_ error: Error) -> String {
        func field(_ path: [CodingKey]) -> String { path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".") }
        switch error as? DecodingError {
        case .keyNotFound(let key, let context)?:
            return "no field \(field(context.codingPath + [key]))"
        case .typeMismatch(let type, let context)?:
            return "field \(field(context.codingPath)) is not \(type == String.self ? "a string" : "a \(type)")"
        case .valueNotFound(_, let context)?:
            return "field \(field(context.codingPath)) is null"
        case .dataCorrupted(let context)?:
            return context.codingPath.isEmpty ? "not valid JSON" : "field \(field(context.codingPath)): \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }
}
