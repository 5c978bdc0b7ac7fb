import Foundation
import LaminaTensor
import Synchronization

/// Settings that come from the environment rather than the study file but change
/// a run's numbers, so that they enter the settings fingerprint: records made
/// under them are never resumed into, or pooled with, records made without them.
///
/// With the defaults (Lamina's fixed-order products, the data files `.ci/setup`
/// installs) nothing is added, so default fingerprints stay as they were.
public enum EnvironmentSettings {
    /// The environment variables that point a task at other data files, per task.
    static let dataOverrides: [String: String] = ["shakespeare": "LAMINA_SHAKESPEARE_TEXT", "vowels": "LAMINA_VOWELS_DIR"]

    /// Throws when `LAMINA_PRODUCTS` or `LAMINA_VECTOR_WIDTH` is set to something Lamina does not know
    /// (it would silently mean the default).
    public static func check(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        if let value = environment["LAMINA_PRODUCTS"], ProductKernel(rawValue: value) == nil {
            throw Problem(description: "LAMINA_PRODUCTS=\(value) is not a product kernel; use "
                          + ProductKernel.allCases.map(\.rawValue).joined(separator: " or ") + ", or leave it unset (fixed)")
        }
        if let value = environment["LAMINA_VECTOR_WIDTH"], !VectorInstructions.widthSettings.contains(value) {
            throw Problem(description: "LAMINA_VECTOR_WIDTH=\(value) is not a vector width; use "
                          + VectorInstructions.widthSettings.joined(separator: " or ")
                          + " (floats per vector), or leave it unset (the widest the processor has)")
        }
    }

    /// A problem with an environment variable.
    public struct Problem: Error, CustomStringConvertible {
        /// The variable, its value and what to do.
        public var description: String
    }

    /// The fingerprint fields the environment adds for `task`: `products=openblas` when products go to
    /// OpenBLAS, and `data=<hash>` (FNV-1a of the files' names and bytes) when the task's data come from an
    /// override variable. Each file set is hashed once per process.
    static func fields(task: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        var fields: [String] = []
        if MatrixProducts.kernel == .openBLAS { fields.append("products=openblas") }
        if let variable = dataOverrides[task], let path = environment[variable] {
            let hash = dataHashes.withLock { cache in
                if let known = cache[path] { return known }
                let computed = dataHash(path: path)
                cache[path] = computed
                return computed
            }
            fields.append("data=\(hash)")
        }
        return fields
    }

    private static let dataHashes = Mutex<[String: String]>([:])

    /// The hash of the data at `path`: a file, or every file of a folder in name order. A file that cannot
    /// be read hashes as its path (the run fails on it with its own message).
    private static func dataHash(path: String) -> String {
        var isFolder: ObjCBool = false
        let files: [String]
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            files = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map { path + "/" + $0 }
        } else {
            files = [path]
        }
        var hash = FNV1a()
        for file in files {
            hash.add(URL(fileURLWithPath: file).lastPathComponent)
            if let data = FileManager.default.contents(atPath: file) {
                data.withUnsafeBytes { hash.add($0) }
            } else {
                hash.add("unreadable " + file)
            }
        }
        return hash.hex
    }
}
