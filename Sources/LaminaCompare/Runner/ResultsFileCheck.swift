import Foundation

extension OutputPaths {
    /// Checks, before any run appends to it, that `path` can be the results file of
    /// the study called `study`:
    ///
    /// - it is not one of `inputs` (the study file) and not a folder;
    /// - when it exists, it is a results file: empty, or with at least one line that
    ///   is a run record, or holding only the start of one (a write cut short by a
    ///   crash, which resuming removes) — not a study, an image or other text;
    /// - its records are runs of `study`, not of another study (a report would pool them).
    ///
    /// A missing file is fine: the first run creates it.
    /// - Throws: ``Problem`` naming the file, what it holds and what to give instead.
    public static func checkResultsFile(_ path: String, study: String, inputs: [String]) throws {
        let target = resolved(path).path
        for input in inputs where resolved(input).path == target {
            throw Problem(description: "results file \(path) is the input file \(input); give --results a file of its own, such as results/\(study).jsonl")
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return }
        if isFolder.boolValue {
            throw Problem(description: "results file \(path) is a folder, not a file; give --results a file path, such as \(path)/\(study).jsonl")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Problem(description: "results file \(path) cannot be read; check its permissions")
        }
        let loaded = ResultsFile.parse(data, path: path)
        let others = Set(loaded.records.map(\.study)).subtracting([study]).sorted()
        if !others.isEmpty {
            let names = others.map { "'\($0)'" }.joined(separator: ", ")
            throw Problem(description: "\(path) holds runs of study \(names), not '\(study)'; give this study a results file of its own (--results)")
        }
        if loaded.records.isEmpty, !holdsOnlyAPartialRecord(data) {
            throw Problem(description: "\(path) is not a results file (no line of it is a run record); give --results a new file or this study's results file")
        }
    }

    /// Whether `data` is blank or is the start of one record line cut short: no complete
    /// non-blank line, and text that begins as a record (`{"`) but is not a whole JSON
    /// value (a complete object on one line without its newline is a study or other
    /// JSON, not an interrupted write).
    static func holdsOnlyAPartialRecord(_ data: Data) -> Bool {
        let blank: Set<UInt8> = [UInt8(ascii: " "), UInt8(ascii: "\r"), UInt8(ascii: "\t")]
        let newline = UInt8(ascii: "\n")
        let lines = data.split(separator: newline, omittingEmptySubsequences: false)
        let complete = lines.dropLast()
        guard complete.allSatisfy({ $0.allSatisfy(blank.contains) }), let tail = lines.last else { return false }
        let text = tail.drop { blank.contains($0) }
        if text.isEmpty { return true }
        guard text.starts(with: Array("{\"".utf8)) else { return false }
        return (try? JSONSerialization.jsonObject(with: Data(text))) == nil
    }
}
