import Foundation
import Testing
@testable import Lamina

@Suite("Subprocess")
struct SubprocessTests {
    /// Input goes to standard input; `cat` gives it back unchanged.
    @Test func inputReachesTheProgram() throws {
        let bytes = Data((0..<300_000).map { UInt8($0 % 251) })   // more than a pipe's buffer (64 KiB)
        let outcome = try Subprocess.run(program: "cat", arguments: [], input: bytes)
        #expect(outcome.succeeded && outcome.output == bytes && outcome.errorOutput.isEmpty)
    }

    /// A program that fills standard error before it writes standard output finishes, with both kept.
    @Test func aFullErrorPipeDoesNotBlock() throws {
        let script = "head -c 1000000 /dev/zero >&2; printf 'done\\n'"
        let outcome = try Subprocess.run(program: "sh", arguments: ["-c", script])
        #expect(outcome.succeeded && outcome.outputText == "done\n" && outcome.errorOutput.count == 1_000_000)
    }

    /// Exit statuses and signals are told apart.
    @Test func statusAndSignal() throws {
        let failed = try Subprocess.run(program: "sh", arguments: ["-c", "echo oops >&2; exit 3"])
        #expect(!failed.succeeded && !failed.killedBySignal && failed.status == 3 && failed.errorText == "oops\n")
        let killed = try Subprocess.run(program: "sh", arguments: ["-c", "kill -9 $$"])
        #expect(killed.killedBySignal && killed.status == 9 && !killed.succeeded)
    }

    /// Lines the callback takes leave the output; the others stay, in order, the last without a newline too.
    @Test func offeredLines() throws {
        var taken: [String] = []
        var started: Int32 = 0, ended: Int32 = -1
        let outcome = try Subprocess.run(URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", "printf 'p1\\nkeep\\np2\\nlast'"],
                                         onStart: { started = $0 }, onEnd: { ended = $0 },
                                         onOutputLine: { line in
                                             let text = String(decoding: line, as: UTF8.self)
                                             guard text.hasPrefix("p") else { return false }
                                             taken.append(text)
                                             return true
                                         })
        #expect(taken == ["p1\n", "p2\n"] && outcome.outputText == "keep\nlast")
        #expect(started > 0 && ended == started)
    }

    /// The working folder and the environment are the program's.
    @Test func folderAndEnvironment() throws {
        let outcome = try Subprocess.run(URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", "pwd; echo $LAMINA_SUBPROCESS_TEST"],
                                         environment: ["LAMINA_SUBPROCESS_TEST": "yes"], currentDirectory: URL(fileURLWithPath: "/tmp"))
        #expect(outcome.outputText == "/tmp\nyes\n")
    }

    /// A program that does not exist is an error from `run`, not a status.
    @Test func missingExecutableThrows() {
        #expect(throws: (any Error).self) { try Subprocess.run(URL(fileURLWithPath: "/nonexistent/program"), arguments: []) }
    }
}
