import Foundation
import Testing
@testable import LaminaCompare

/// `lamina --version`, `--json`, the task catalog and `profiles --sources`, run as a user would.
extension CommandLineTests {
    @Test func versionIsTheReleaseConstant() throws {
        let (status, out, _) = try lamina(["--version"])
        #expect(status == 0)
        #expect(out == LaminaRelease.version + "\n")
    }

    @Test func tasksJSONHasEveryTaskWithOptionsAndDataStatus() throws {
        let (status, out, _) = try lamina(["tasks", "--json"])
        #expect(status == 0)
        let tasks = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]])
        #expect(tasks.map { $0["name"] as? String } == TaskRegistry.all.map(\.name))
        let adding = try #require(tasks.first { $0["name"] as? String == "adding" })
        #expect(adding["data"] as? String == "generated")
        let options = try #require(adding["options"] as? [[String: String]])
        #expect(options.map { $0["name"] } == ["length", "examples"] && options.map { $0["defaultValue"] } == ["50", "2000"])
        for task in tasks { #expect(["generated", "present", "missing", "unreadable"].contains(task["data"] as? String ?? "")) }
    }

    @Test func profilesJSONAndSourcesResolveEveryCode() throws {
        let (status, out, _) = try lamina(["profiles", "--json", "--units", "4", "--inputs", "2"])
        #expect(status == 0)
        let profiles = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]])
        #expect(profiles.count == ProfileRegistry.all.count)
        #expect(profiles.allSatisfy { ($0["spectralRadius"] as? [String: Double])?.isEmpty == false })
        let (sStatus, sOut, _) = try lamina(["profiles", "--sources"])
        #expect(sStatus == 0)
        for profile in ProfileRegistry.all {
            for code in SourceCatalog.codes(in: profile.source) {
                #expect(SourceCatalog.entries[code] != nil, "\(profile.name) cites \(code), which the catalog lacks")
                #expect(sOut.contains("\(code): "), "\(code)")
            }
        }
        #expect(sOut.contains("https://github.com/Lasagne/Lasagne/tree/5d3c63c"))
    }

    @Test func aLiveImageInAMissingFolderIsAOneLineError() throws {
        let (status, errors, _) = try compareWithLive("/nonexistent/live.png")
        #expect(status != 0)
        #expect(errors == ["Error: --live /nonexistent/live.png: the folder /nonexistent does not exist"])
    }

    /// A file that is not a PNG after `--live` is named as `--live`'s value, not as an unexpected argument,
    /// and nothing is created. (A study after a bare `--live` is still the study: LiveCommandTests.)
    @Test func aLiveValueThatIsNotAnImageIsRefusedByName() throws {
        let (status, errors, resultsFolderMade) = try compareWithLive("plot.txt")
        #expect(status != 0 && !resultsFolderMade)
        #expect(errors == ["Error: --live plot.txt: expected no value (terminal) or an image path ending in .png"])
    }

    /// Runs `lamina compare` on a one-run study with `--live value` and the results file in a folder not yet
    /// made; returns the exit status, the `Error:` lines, and whether the results folder was created.
    private func compareWithLive(_ value: String) throws -> (status: Int32, errors: [String], resultsFolderMade: Bool) {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let study = dir.appendingPathComponent("live.json")
        try Data(#"{"name": "live", "tasks": ["adding"], "profiles": ["keras2"], "seeds": 1}"#.utf8).write(to: study)
        let resultsFolder = dir.appendingPathComponent("out")
        let (status, _, err) = try lamina(["compare", study.path, "--results", resultsFolder.appendingPathComponent("r.jsonl").path,
                                           "--live", value])
        let errors = err.split(separator: "\n").filter { $0.hasPrefix("Error:") }.map(String.init)
        return (status, errors, FileManager.default.fileExists(atPath: resultsFolder.path))
    }
}
