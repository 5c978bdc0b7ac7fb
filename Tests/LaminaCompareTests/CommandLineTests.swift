import Foundation
import Testing

/// The `lamina` executable, run as a user would (it is built next to the test bundle).
@Suite struct CommandLineTests {
    /// Runs `lamina` with `arguments`; returns the exit status, standard output and standard error.
    func lamina(_ arguments: [String]) throws -> (Int32, String, String) {
        try runLamina(arguments)
    }

    @Test func tasksAndProfilesAreListed() throws {
        let (status, out, _) = try lamina(["tasks"])
        #expect(status == 0)
        for name in ["adding", "copy", "digits", "vowels", "shakespeare", "fashion-mnist"] { #expect(out.contains(name), "\(name)") }
        let (pStatus, pOut, _) = try lamina(["profiles", "--units", "16", "--inputs", "4"])
        #expect(pStatus == 0)
        for name in ["lasagne", "keras1.2", "pytorch", "tf0", "blocks", "flax"] { #expect(pOut.contains(name), "\(name)") }
    }

    @Test func errorsAreOneMessageAndANonZeroExit() throws {
        let (status, out, err) = try lamina(["compare", "/nonexistent/study.json"])
        #expect(status != 0)
        #expect((out + err).contains("/nonexistent/study.json"))
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let study = dir.appendingPathComponent("bad.json")
        try Data("{\n  \"name\": \"bad\",\n  \"tasks\": [\"adding\"],\n  \"profiles\": [\"kerass\"],\n  \"seeds\": 1\n}\n".utf8).write(to: study)
        let (badStatus, badOut, badErr) = try lamina(["compare", study.path])
        #expect(badStatus != 0)
        #expect((badOut + badErr).contains("kerass") && (badOut + badErr).contains("line"), "\(badOut)\(badErr)")
    }
}
