import Foundation
import LaminaTensor

/// NumPy's `.npz` archives: a zip of `.npy` arrays, one per key, as
/// `numpy.savez` writes them and `numpy.load` reads them.
///
/// ```swift
/// try Npz.write([("W", w), ("b", b)], to: "weights.npz")
/// let arrays = try Npz.read(from: "weights.npz")          // [("W", w), ("b", b)]
/// ```
/// ```python
/// numpy.load("weights.npz")["W"]
/// ```
public enum Npz {
    /// Writes `arrays` to `path` atomically: the archive is written to a
    /// temporary file in the same folder, then renamed over `path`, so a
    /// reader sees either the old file or the complete new one.
    /// - Throws: ``LaminaError/parameterFile(path:detail:)`` for a repeated or empty
    ///   key, or when the file cannot be written.
    public static func write(_ arrays: [(name: String, array: NDArray)], to path: String) throws {
        var seen = Set<String>()
        for (name, _) in arrays {
            guard !name.isEmpty else { throw LaminaError.parameterFile(path: path, detail: "an array has an empty key") }
            guard seen.insert(name).inserted else { throw LaminaError.parameterFile(path: path, detail: "the key \(name) appears twice") }
        }
        let archive: Data
        do {
            archive = try StoredZip.encode(arrays.map { ($0.name + ".npy", Npy.encode($0.array)) })
        } catch let error as NpyError {
            throw LaminaError.parameterFile(path: path, detail: error.message)
        }
        try writeAtomically(archive, to: path)
    }

    /// The arrays in the `.npz` file at `path`, in archive order, keyed
    /// without the `.npy` suffix.
    /// - Throws: ``LaminaError/parameterFile(path:detail:)`` when the file is missing,
    ///   not a stored zip of `.npy` arrays, damaged, holds an unsupported dtype
    ///   (or int64 values outside int32), or a member whose name is empty,
    ///   repeated, or has a `\\`, a leading, trailing or doubled `/`, or a `..`
    ///   (a `/` between names is allowed: nested networks' parameter names
    ///   such as `encoder/lstm1.W_hid_to_ingate` hold one, as NumPy writes them).
    public static func read(from path: String) throws -> [(name: String, array: NDArray)] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LaminaError.parameterFile(path: path, detail: "cannot read the file (does it exist?)")
        }
        return try decode(data, path: path)
    }

    /// The arrays in `.npz` bytes; `path` names the file in errors.
    static func decode(_ data: Data, path: String) throws -> [(name: String, array: NDArray)] {
        var entryName = ""
        do {
            var seen = Set<String>()
            return try StoredZip.decode(data).map { name, bytes in
                entryName = ""
                try checkMemberName(name)
                guard seen.insert(name).inserted else { throw NpyError("member \(name) appears twice") }
                entryName = name
                let key = name.hasSuffix(".npy") ? String(name.dropLast(4)) : name
                return (key, try Npy.decode(bytes))
            }
        } catch let error as NpyError {
            throw LaminaError.parameterFile(path: path, detail: (entryName.isEmpty ? "" : "entry \(oneLine(entryName)): ") + error.message)
        }
    }

    /// Refuses a member name that could name a place outside the archive's
    /// own namespace: empty, with `\\`, a NUL, an empty `/`-separated
    /// component (leading, trailing or doubled `/`), or a `..`.
    static func checkMemberName(_ name: String) throws {
        let printable = oneLine(name)
        guard !name.isEmpty, name != ".npy" else { throw NpyError("a member has an empty name") }
        guard !name.contains("\\"), !name.contains("\u{0}"), !name.split(separator: "/", omittingEmptySubsequences: false).contains(where: \.isEmpty) else {
            throw NpyError("member name '\(printable)' has a backslash or an empty path component; keys must be plain names, joined by single '/' for nested networks")
        }
        guard !name.contains("..") else { throw NpyError("member name '\(printable)' contains '..'; keys must be plain names") }
    }

    /// Writes `data` to a temporary file next to `path`, then renames it to `path`.
    static func writeAtomically(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
        do {
            try data.write(to: temporary)
        } catch {
            throw LaminaError.parameterFile(path: path, detail: "cannot write the temporary file \(temporary.path): \(error.localizedDescription)")
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw LaminaError.parameterFile(path: path, detail: "cannot rename the temporary file into place: \(reason)")
        }
    }
}
