import ArgumentParser
import Foundation
import LaminaCompare

/// `lamina export-task STUDY --task NAME --seed N [--output FILE.npz]`: one task's
/// data for one seed of a study, with the training batch order of every epoch,
/// as a NumPy `.npz` archive (see ``TaskExport``), for training the same data in
/// another library (`Comparisons/real/`).
struct ExportTask: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-task",
        abstract: "Write a study task's splits and batch order for one seed to a .npz file (for Comparisons/real/).")

    @Argument(help: "The study file (its task options, epochs and batch size apply).")
    var study: String

    @Option(help: "The task to export; may be left out when the study has one task.")
    var task: String?

    @Option(help: "The run seed (data and batch order derive from it), one a study can run: 0...1000000000999.")
    var seed: Int64

    @Option(help: "The .npz file to write; default <study>-<task>-<seed>.npz in the current folder.")
    var output: String?

    /// The largest seed a study runs: the largest `firstSeed` plus the most seeds, less one (10^12 + 999,
    /// far below 2^53, so the archive's float64 `seed` holds it exactly).
    static let maxSeed = Int64(StudyFields.firstSeed.range.upperBound) + Int64(StudyFields.seeds.range.upperBound) - 1

    func validate() throws {
        guard (0...Self.maxSeed).contains(seed) else {
            throw ValidationError("--seed \(seed): expected a seed a study can run, a whole number in 0...\(Self.maxSeed) "
                                  + "(firstSeed is at most 10^12, seeds at most 1000)")
        }
        try FileChecks.checkNotEmpty(output, option: "--output", expected: "a .npz file path, such as adding-0.npz")
    }

    func run() throws {
        let parsed: Study
        do { parsed = try StudySession(studyPath: study).study } catch { throw UserError("\(error)") }
        guard let name = task ?? (parsed.tasks.count == 1 ? parsed.tasks[0] : nil) else {
            throw UserError("\(study): the study has tasks \(parsed.tasks.joined(separator: ", ")); choose one with --task")
        }
        let path = output ?? "\(parsed.name)-\(name)-\(seed).npz"
        do { try OutputPaths.checkArchiveFile(path, inputs: [study]) } catch { throw UserError("\(error)") }
        let folder = PathText.parentFolder(of: path)
        do {
            if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            try TaskExport(study: parsed, task: name, seed: UInt64(seed)).write(to: path)
        } catch { throw UserError("\(error)") }
        print(path)
    }
}
