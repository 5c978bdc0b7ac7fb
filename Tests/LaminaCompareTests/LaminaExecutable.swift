import Foundation
import Testing
import Lamina

/// Runs the `lamina` executable (built next to the test bundle) as a user would, with `arguments` and
/// extra or removed (nil) environment variables, in `folder` (default: the tests' own); returns the exit status,
/// standard output and standard error.
func runLamina(_ arguments: [String], environment changes: [String: String?] = [:], in folder: URL? = nil,
               sourceLocation: SourceLocation = #_sourceLocation) throws -> (status: Int32, out: String, err: String) {
    let bundle = URL(fileURLWithPath: CommandLine.arguments[0])
    let executable = bundle.deletingLastPathComponent().appendingPathComponent("lamina")
    guard FileManager.default.isExecutableFile(atPath: executable.path) else {
        Issue.record("the lamina executable was not built at \(executable.path)", sourceLocation: sourceLocation)
        return (-1, "", "")
    }
    var environment = ProcessInfo.processInfo.environment
    for (name, value) in changes { environment[name] = value }
    let outcome = try Subprocess.run(executable, arguments: arguments, environment: environment, currentDirectory: folder)
    return (outcome.status, outcome.outputText, outcome.errorText)
}
