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

    /// Parses the arguments (a bare `--live` gets its default value first, and a negative value is joined
    /// to its option; see ``ArgumentScan``) and runs the command. An option that takes one value, given twice,
    /// is refused.
    static func main() {
        let arguments = ArgumentScan.joinNegativeValues(LiveArguments.normalize(Array(CommandLine.arguments.dropFirst())))
        if let problem = ArgumentScan.repeatedOption(arguments) { exit(withError: ValidationError(problem)) }
        main(arguments)
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
