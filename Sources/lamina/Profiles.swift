import ArgumentParser
import Foundation
import LaminaCompare

/// `lamina profiles [--units N]`: each profile's rules and per-gate spectral radius at initialization.
struct Profiles: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the init profiles with their rules and per-gate spectral radius at initialization.")

    @Option(help: "Hidden units for the spectral radius.")
    var units: Int = 32

    @Option(help: "Input features for the spectral radius.")
    var inputs: Int = 8

    @Option(help: "Recurrent cell: lstm, gru or rnn.")
    var cell: String = "lstm"

    @Option(help: "Seed of the drawn weights.")
    var seed: UInt64 = 0

    func validate() throws {
        guard units >= 1, inputs >= 1 else { throw ValidationError("--units and --inputs must be positive") }
        guard ["lstm", "gru", "rnn"].contains(cell) else { throw ValidationError("--cell must be lstm, gru or rnn") }
    }

    func run() throws {
        for profile in ProfileRegistry.all {
            print(profile.description)
            let radii = try profile.spectralRadii(cell: cell, inputSize: inputs, units: units, seed: seed)
            let text = radii.keys.sorted().map { "\($0) \(String(format: "%.3f", radii[$0]!))" }.joined(separator: ", ")
            print("  spectral radius (\(cell), \(units) units): \(text)\n")
        }
    }
}
