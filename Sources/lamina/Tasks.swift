import ArgumentParser
import LaminaCompare

/// `lamina tasks [--json]`: the tasks a study can name, with their metric, options, data status and the
/// command that fetches missing data.
struct Tasks: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the tasks with their metric, options and defaults, and whether their data is installed.")

    @Flag(help: "Print JSON instead of text.")
    var json = false

    /// One task as `--json` prints it.
    struct Entry: Encodable {
        var name: String, description: String, metric: String, higherIsBetter: Bool, inputSize: Int
        var options: [TaskOption]
        var data: String
        var path: String?, command: String?, problem: String?
    }

    func run() throws {
        let entries = TaskRegistry.all.map { task -> Entry in
            var entry = Entry(name: task.name, description: task.description, metric: task.metricName,
                              higherIsBetter: task.higherIsBetter, inputSize: task.inputSize,
                              options: TaskCatalog.options(of: task), data: "")
            let status = TaskCatalog.dataStatus(of: task)
            entry.data = status.word
            switch status {
            case .missing(let path, let command): (entry.path, entry.command) = (path, command)
            case .unreadable(let problem): entry.problem = problem
            case .generated, .present: break
            }
            return entry
        }
        if json { return try printJSON(entries) }
        for entry in entries {
            let direction = entry.higherIsBetter ? "higher is better" : "lower is better"
            print("\(entry.name) (\(entry.metric), \(direction), \(entry.inputSize) features per step)")
            print("  \(entry.description)")
            for option in entry.options {
                print("  option \(option.name) = \(option.defaultValue): \(option.meaning)")
            }
            switch entry.data {
            case "missing": print("  data: missing (\(entry.path ?? "")); fetch it with:\n    \(entry.command ?? "")")
            case "unreadable": print("  data: present but unreadable: \(entry.problem ?? "")")
            case "generated": print("  data: generated from the seed")
            default: print("  data: present")
            }
            print("")
        }
    }
}
