import Foundation
import Testing

/// Runs the `lamina` executable (built next to the test bundle) as a user would, with `arguments` and
/// extra or removed (nil) environment variables; returns the exit status, standard output and standard error.
func runLamina(_ arguments: [String], environment changes: [String: String?] = [:],
               sourceLocation: SourceLocation = #_sourceLocation) throws -> (status: Int32, out: String, err: String) {
    let bundle = URL(fileURLWithPath: CommandLine.arguments[0])
    let executable = bundle.deletingLastPathComponent().appendingPathComponent("lamina")
    guard FileManager.default.isExecutableFile(atPath: executable.path) else {
        Issue.record("the lamina executable was not built at \(executable.path)", sourceLocation: sourceLocation)
        return (-1, "", "")
    }
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    for (name, value) in changes { environment[name] = value }
    process.environment = environment
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
}
