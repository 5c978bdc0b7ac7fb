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
    /// own `results.jsonl`, `index.md` and figures there), and it is writable.
    /// Creates the folder when it does not exist.
    /// - Throws: ``Problem`` naming the folder and what is wrong.
    public static func checkReportFolder(_ folder: String, inputs: [String]) throws {
        let target = URL(fileURLWithPath: folder).standardizedFileURL.resolvingSymlinksInPath().path
        for input in inputs {
            let file = URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath()
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
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            throw Problem(description: "cannot create the report folder \(folder): \(error.localizedDescription)")
        }
    }
}
