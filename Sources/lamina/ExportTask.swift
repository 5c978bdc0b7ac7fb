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

    @Option(help: "The run seed (data and batch order derive from it).")
    var seed: UInt64

    @Option(help: "The .npz file to write; default <study>-<task>-<seed>.npz in the current folder.")
    var output: String?

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
            try TaskExport(study: parsed, task: name, seed: seed).write(to: path)
        } catch { throw UserError("\(error)") }
        print(path)
    }
}
