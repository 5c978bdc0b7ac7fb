import ArgumentParser
import Foundation
import LaminaCompare

/// `lamina`: run init-comparison studies and report on them.
@main
struct LaminaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lamina",
        abstract: "Compare recurrent networks trained under different libraries' default initializations.",
        subcommands: [Compare.self, Report.self, Profiles.self, Tasks.self, RunOne.self, ExportTask.self])
}

/// A one-line error for the user; ArgumentParser prints it and exits non-zero.
struct UserError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Prints to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
