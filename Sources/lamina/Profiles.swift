import ArgumentParser
import Foundation
import LaminaCompare

/// `lamina profiles [--units N] [--json] [--sources]`: each profile's rules and per-gate spectral radius at
/// initialization, or the documents its source codes cite.
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

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @Flag(help: "Print the references the profiles' source codes (such as K2a, PT, LA) stand for.")
    var sources = false

    func validate() throws {
        guard StudyFields.units.accepts(Double(units)), StudyFields.units.accepts(Double(inputs)) else {
            throw ValidationError("--units and --inputs must each be \(StudyFields.units.expected)")
        }
        guard ["lstm", "gru", "rnn"].contains(cell) else { throw ValidationError("--cell must be lstm, gru or rnn") }
    }

    /// One profile as `--json` prints it.
    struct Entry: Encodable {
        var name: String, library: String, version: String, sources: [String], rules: String
        var cell: String, units: Int, spectralRadius: [String: Double]
    }

    /// One reference as `--sources --json` prints it.
    struct Reference: Encodable {
        var code: String, title: String, url: String, profiles: [String]
    }

    func run() throws {
        if sources { return try printSources() }
        let profiles = ProfileRegistry.all
        let radii = try profiles.map { try $0.spectralRadii(cell: cell, inputSize: inputs, units: units, seed: seed) }
        if json {
            return try printJSON(zip(profiles, radii).map { profile, radii in
                Entry(name: profile.name, library: profile.library, version: profile.version,
                      sources: SourceCatalog.codes(in: profile.source), rules: profile.rules,
                      cell: cell, units: units, spectralRadius: radii)
            })
        }
        for (profile, radii) in zip(profiles, radii) {
            print(profile.description)
            let text = radii.keys.sorted().map { "\($0) \(String(format: "%.3f", radii[$0]!))" }.joined(separator: ", ")
            print("  spectral radius (\(cell), \(units) units): \(text)\n")
        }
    }

    /// Every source code the profiles cite, with its document and the profiles that cite it.
    func printSources() throws {
        var citing: [String: [String]] = [:]
        for profile in ProfileRegistry.all {
            for code in SourceCatalog.codes(in: profile.source) { citing[code, default: []].append(profile.name) }
        }
        let references = citing.keys.sorted().map { code in
            let entry = SourceCatalog.entries[code]
            return Reference(code: code, title: entry?.title ?? "not in the source catalog", url: entry?.url ?? "",
                             profiles: citing[code]!)
        }
        if json { return try printJSON(references) }
        for reference in references {
            print("\(reference.code): \(reference.title)")
            print("  \(reference.url)")
            print("  cited by: \(reference.profiles.joined(separator: ", "))\n")
        }
    }
}
