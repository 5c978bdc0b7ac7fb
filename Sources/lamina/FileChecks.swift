import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a path given on the command line is, for messages that say what is wrong with it.
enum FileChecks {
    /// What kind of thing other than a regular file `path` is ("a folder", "a character device (such as
    /// /dev/null)", …), or nil when it is a regular file or nothing is there.
    static func nonFileKind(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a folder"
        case S_IFCHR: return "a character device (such as /dev/null)"
        case S_IFBLK: return "a block device"
        case S_IFIFO: return "a named pipe (FIFO)"
        case S_IFSOCK: return "a socket"
        default: return "not a regular file"
        }
    }

    /// Why the regular file at `path` cannot be opened for reading (the system's reason, such as
    /// "Permission denied"), or nil when it can.
    static func readProblem(_ path: String) -> String? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return String(cString: strerror(errno)) }
        close(fd)
        return nil
    }

    /// Checks that `path`, a results file to read, is a readable regular file.
    /// - Throws: ``UserError`` saying what is there instead, or why it cannot be read, and what to give.
    static func checkReadableResults(_ path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw UserError("\(path): no such results file") }
        if let kind = nonFileKind(path) {
            let hint = kind == "a folder" ? "give the results files in it, such as \(path)/*.jsonl" : "give a results file (.jsonl)"
            throw UserError("\(path) is \(kind), not a results file; \(hint)")
        }
        if let reason = readProblem(path) {
            throw UserError("\(path): cannot be read (\(reason)); check its permissions (ls -l \(path))")
        }
    }

    /// Checks that a path option's value is not empty.
    /// - Throws: a validation error naming `option` and what it expects.
    static func checkNotEmpty(_ value: String?, option: String, expected: String) throws {
        if let value, value.isEmpty { throw ValidationError("\(option) is empty; give \(expected)") }
    }
}
