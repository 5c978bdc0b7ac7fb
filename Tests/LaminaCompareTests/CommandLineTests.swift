import Foundation
import Testing

/// The `lamina` executable, run as a user would (it is built next to the test bundle).
@Suite struct CommandLineTests {
    /// Runs `lamina` with `arguments`; returns the exit status, standard output and standard error.
    func lamina(_ arguments: [String]) throws -> (Int32, String, String) {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0])
        let executable = bundle.deletingLastPathComponent().appendingPathComponent("lamina")
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            Issue.record("the lamina executable was not built at \(executable.path)")
            return (-1, "", "")
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
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
