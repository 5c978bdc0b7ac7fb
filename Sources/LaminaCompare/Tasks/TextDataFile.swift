import Foundation

/// Reads a data set's text file, telling a missing file from one that is
/// present but is not text.
enum TextDataFile {
    /// The bytes of the text file at `path`.
    ///
    /// - Throws: ``TaskError/missingData(task:path:command:)`` when nothing is
    ///   at `path` (with `command`, which fetches it); ``TaskError/invalid(task:detail:)``
    ///   when the file cannot be opened, is not UTF-8 (naming the offset of the
    ///   first bad byte), or holds control bytes other than tab, newline,
    ///   vertical tab, form feed and carriage return (binary data).
    ///   When `variable` (an environment variable) named the path, a missing file is
    ///   ``TaskError/invalid(task:detail:)`` naming the variable: fetching the default data
    ///   would not help while the variable is set.
    static func read(_ path: String, task: String, command: String, variable: String? = nil) throws -> Data {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            if let variable {
                throw TaskError.invalid(task: task, detail: "\(path) does not exist, and \(variable) names it; set \(variable) "
                                        + "to an existing file's path, or unset it to read the default data in .data/")
            }
            throw TaskError.missingData(task: task, path: path, command: command)
        }
        guard !isFolder.boolValue, let data = FileManager.default.contents(atPath: path) else {
            throw TaskError.invalid(task: task, detail: "\(path) is present but unreadable (\(isFolder.boolValue ? "a folder" : "cannot be opened"))")
        }
        if let offset = firstInvalidUTF8(data) {
            throw TaskError.invalid(task: task, detail: "\(path) is present but unreadable (not UTF-8: byte \(offset) is 0x\(String(data[data.startIndex + offset], radix: 16)))")
        }
        if let offset = data.firstIndex(where: { $0 < 32 && ![9, 10, 11, 12, 13].contains($0) || $0 == 127 }) {
            let position = offset - data.startIndex
            throw TaskError.invalid(task: task, detail: "\(path) is present but is not text (control byte 0x\(String(data[offset], radix: 16)) at offset \(position))")
        }
        return data
    }

    /// The offset of the first byte that breaks UTF-8 (RFC 3629), or nil when `data` is valid UTF-8.
    static func firstInvalidUTF8(_ data: Data) -> Int? {
        var decoder = UTF8()
        var iterator = data.makeIterator()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}
