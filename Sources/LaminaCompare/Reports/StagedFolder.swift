import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// New files for a folder, written first into a hidden staging folder inside
/// it (`.partial-<pid>`) and moved into place only when all of them are
/// complete, each by one `rename` (atomic, same file system), the page last.
/// A report interrupted while it is computed or rendered (Ctrl-C, a crash)
/// leaves the previous report whole; the staging folder it leaves is removed
/// by the next write once its process is gone.
struct StagedFolder {
    /// The folder the files are for.
    let destination: URL
    /// Where they are written until ``publish(last:)``.
    let staging: URL

    private static let prefix = ".partial-"

    /// Creates `destination` if needed, removes staging folders of processes that no longer
    /// run, and makes an empty staging folder for this process.
    init(destination: URL) throws {
        self.destination = destination
        let files = FileManager.default
        try files.createDirectory(at: destination, withIntermediateDirectories: true)
        for name in (try? files.contentsOfDirectory(atPath: destination.path)) ?? [] where name.hasPrefix(Self.prefix) {
            if let pid = Int32(name.dropFirst(Self.prefix.count)), kill(pid, 0) == 0, pid != getpid() { continue }
            try? files.removeItem(at: destination.appendingPathComponent(name))
        }
        staging = Self.staging(in: destination)
        try files.createDirectory(at: staging, withIntermediateDirectories: false)
    }

    /// The staging folder this process uses inside `destination`.
    static func staging(in destination: URL) -> URL {
        destination.appendingPathComponent("\(prefix)\(getpid())")
    }

    /// The final place of a file written into the staging folder.
    func published(_ file: URL) -> URL {
        destination.appendingPathComponent(file.lastPathComponent)
    }

    /// Moves every staged file into ``destination`` (replacing files of the same name), the file
    /// named `last` after all others, and removes the staging folder.
    func publish(last: String) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: staging.path)
            .sorted { ($0 == last ? 1 : 0, $0) < ($1 == last ? 1 : 0, $1) }
        for name in names {
            let from = staging.appendingPathComponent(name).path, to = destination.appendingPathComponent(name).path
            guard rename(from, to) == 0 else {
                throw ReportProblem(description: "cannot move \(name) into the report folder \(destination.path): \(String(cString: strerror(errno)))")
            }
        }
        try FileManager.default.removeItem(at: staging)
    }

    /// Removes the staging folder (after a failure), leaving ``destination`` as it was.
    func discard() {
        try? FileManager.default.removeItem(at: staging)
    }
}

/// A report that cannot be written as asked.
public struct ReportProblem: Error, CustomStringConvertible, Equatable {
    /// What is wrong and what to do.
    public var description: String
}
