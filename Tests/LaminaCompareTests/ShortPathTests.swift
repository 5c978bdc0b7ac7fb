import Foundation
import Testing
@testable import LaminaCompare

/// One-character relative paths: Foundation's `deletingLastPathComponent` traps on them in Swift 6.3.1's
/// Linux Foundation, and every output path of `lamina` went through it.
@Suite struct ShortPathTests {
    @Test func parentFolderSplitsOnTheLastSlash() {
        let cases: [(String, String)] = [
            ("x", ""), ("x/", ""), ("", ""), ("é", ""), ("ab", ""), ("a/b", "a"), ("a/b/", "a"), ("a//b", "a"),
            ("/x", "/"), ("/", "/"), ("//", "/"), ("./x", "."), ("y/z/w.jsonl", "y/z"), ("/tmp/r.jsonl", "/tmp"),
        ]
        for (path, parent) in cases {
            #expect(PathText.parentFolder(of: path) == parent, "\(path)")
        }
    }

    /// `compare --results r --report q`, `report --output x` and `export-task --output a`, run in a scratch
    /// folder, write where they were told instead of crashing.
    @Test func commandsTakeOneCharacterPaths() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let study = try writeTinyStudy(in: dir, seeds: 1)
        let compare = try runLamina(["compare", study, "--results", "r", "--report", "q"], in: dir)
        #expect(compare.status == 0, "\(compare.err)")
        let records = try String(contentsOf: dir.appendingPathComponent("r"), encoding: .utf8).split(separator: "\n")
        #expect(records.count == 3)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("q/README.md").path))
        let report = try runLamina(["report", "r", "--output", "y/z"], in: dir)
        #expect(report.status == 0, "\(report.err)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("y/z/README.md").path))
        let export = try runLamina(["export-task", study, "--seed", "0", "--output", "a"], in: dir)
        #expect(export.status == 0, "\(export.err)")
        let archive = try Data(contentsOf: dir.appendingPathComponent("a"))
        #expect(archive.starts(with: [0x50, 0x4B, 0x03, 0x04]))   // "PK\3\4": a zip archive
    }
}
