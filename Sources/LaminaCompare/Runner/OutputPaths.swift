import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks of where a command will write, made before any run starts, so a
/// bad path fails in the first second rather than after the whole study.
public enum OutputPaths {
    /// Problems with an output path.
    public struct Problem: Error, CustomStringConvertible {
        /// The path and what is wrong with it.
        public var description: String
    }

    /// Checks that `folder` can take a report: it is not a file, it is not
    /// the folder (or the path) of one of `inputs` (the report writes its
    /// own `results.jsonl`, `README.md`, `APPENDIX.md` and figures there), and it is writable.
    /// Creates the folder when it does not exist and `creating` is true; with
    /// `creating` false it only checks that the folder could be created (its
    /// nearest existing ancestor is a writable folder), so that a command can
    /// check every output before it creates any.
    /// - Throws: ``Problem`` naming the folder and what is wrong.
    public static func checkReportFolder(_ folder: String, inputs: [String], creating: Bool = true) throws {
        let target = resolved(folder).path
        for input in inputs {
            let file = resolved(input)
            if file.path == target {
                throw Problem(description: "report folder \(folder) is the input file \(input); give --report/--output a folder of its own")
            }
            if file.deletingLastPathComponent().path == target {
                throw Problem(description: "report folder \(folder) holds the input \(input), which the report could overwrite; give --report/--output a folder of its own")
            }
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw Problem(description: "report folder \(folder) is a file, not a folder") }
            guard access(folder, W_OK) == 0 else { throw Problem(description: "report folder \(folder) is not writable") }
            return
        }
        if creating {
            try createFolder(folder, role: "report folder")
        } else {
            try checkCreatable(folder, role: "report folder")
        }
    }

    /// Checks that `file` may be written as a NumPy `.npz` archive: it is not one of
    /// `inputs`, not a folder, and, when it exists, is itself a zip archive (an earlier
    /// export), so that a study, a data file or anything else is never replaced.
    /// - Throws: ``Problem`` naming the file and what is wrong.
    public static func checkArchiveFile(_ file: String, inputs: [String]) throws {
        let target = resolved(file).path
        for input in inputs where resolved(input).path == target {
            throw Problem(description: "output \(file) is the input file \(input); give --output a .npz file of its own")
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isFolder) else { return }
        guard !isFolder.boolValue else { throw Problem(description: "output \(file) is a folder; give --output a .npz file path") }
        let head = FileHandle(forReadingAtPath: file).map { handle in defer { try? handle.close() }; return handle.readData(ofLength: 4) }
        guard let head else { throw Problem(description: "output \(file) exists and cannot be read; give --output a new path") }
        guard head.isEmpty || head == Data([0x50, 0x4B, 0x03, 0x04]) || head == Data([0x50, 0x4B, 0x05, 0x06]) else {
            throw Problem(description: "output \(file) exists and is not a .npz archive; refusing to replace it (give --output a new path)")
        }
    }

    /// `path` made absolute, with `.`, `..` and symbolic links resolved, to compare two paths.
    static func resolved(_ path: String) -> URL {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
    }

    /// Creates `folder` and its missing parents. When a part of the path is a file, the
    /// message names that part ("cannot create the report folder tiny.json/rep: tiny.json
    /// is a file, not a folder; …") rather than giving the system's error code.
    /// - Throws: ``Problem`` naming `role`, the folder and what is wrong.
    static func createFolder(_ folder: String, role: String) throws {
        let ancestor = try nearestExistingAncestor(of: folder, role: role)
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            let reason = access(ancestor, W_OK) == 0 ? error.localizedDescription : "\(ancestor) is not writable"
            throw Problem(description: "cannot create the \(role) \(folder): \(reason)")
        }
    }

    /// Checks, without creating anything, that `folder` could be created: its
    /// nearest existing ancestor is a folder and writable.
    static func checkCreatable(_ folder: String, role: String) throws {
        let ancestor = try nearestExistingAncestor(of: folder, role: role)
        guard access(ancestor, W_OK) == 0 else {
            throw Problem(description: "cannot create the \(role) \(folder): \(ancestor) is not writable")
        }
    }

    /// The nearest existing path at or above `folder` ("." for a relative path
    /// none of whose ancestors exists).
    /// - Throws: ``Problem`` when that path is a file rather than a folder.
    private static func nearestExistingAncestor(of folder: String, role: String) throws -> String {
        var ancestor = folder
        while !ancestor.isEmpty {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: ancestor, isDirectory: &isFolder) {
                guard isFolder.boolValue else {
                    throw Problem(description: ancestor == folder ? "the \(role) \(folder) is a file, not a folder"
                                  : "cannot create the \(role) \(folder): \(ancestor) is a file, not a folder; choose a path under a folder")
                }
                return ancestor
            }
            let parent = PathText.parentFolder(of: ancestor)
            if parent == ancestor { break }
            ancestor = parent
        }
        return ancestor.isEmpty ? "." : ancestor
    }
}
