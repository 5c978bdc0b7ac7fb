import ArgumentParser
import Foundation
import Lamina
import LaminaCompare

/// `lamina`: run init-comparison studies and report on them.
@main
struct LaminaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lamina",
        abstract: "Compare recurrent networks trained under different libraries' default initializations.",
        version: LaminaRelease.version,
        subcommands: [Compare.self, Report.self, Profiles.self, Tasks.self, RunOne.self, ExportTask.self])

    /// Parses the arguments (a bare `--live` gets its default value first) and runs the command.
    static func main() {
        main(LiveArguments.normalize(Array(CommandLine.arguments.dropFirst())))
    }
}

/// A one-line error for the user; ArgumentParser prints it and exits non-zero.
struct UserError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Prints to standard error.
func printError(_ message: String) {
    StandardError.write(message + "\n")
}

/// Prints `value` as pretty JSON with sorted keys on standard output (`--json`); NaN is written "nan".
func printJSON(_ value: some Encodable) throws {
    let encoder = RecordCoding.encoder()
    encoder.outputFormatting.insert(.prettyPrinted)
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}
