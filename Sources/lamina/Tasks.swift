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
        let tasks = TaskRegistry.all
        let statuses = tasks.map(TaskCatalog.dataStatus(of:))
        if json {
            return try printJSON(zip(tasks, statuses).map { task, status in
                var entry = Entry(name: task.name, description: task.description, metric: task.metricName,
                                  higherIsBetter: task.higherIsBetter, inputSize: task.inputSize,
                                  options: TaskCatalog.options(of: task), data: status.word)
                switch status {
                case .missing(let path, let command): (entry.path, entry.command) = (path, command)
                case .unreadable(let problem): entry.problem = problem
                case .generated, .present: break
                }
                return entry
            })
        }
        for (task, status) in zip(tasks, statuses) {
            let direction = task.higherIsBetter ? "higher is better" : "lower is better"
            print("\(task.name) (\(task.metricName), \(direction), \(task.inputSize) features per step)")
            print("  \(task.description)")
            for option in TaskCatalog.options(of: task) {
                print("  option \(option.name) = \(option.defaultValue): \(option.meaning)")
            }
            switch status {
            case .generated: print("  data: generated from the seed")
            case .present: print("  data: present")
            case .missing(let path, let command): print("  data: missing (\(path)); fetch it with:\n    \(command)")
            case .unreadable(let problem): print("  data: not usable: \(problem)")
            }
            print("")
        }
    }
}
