import ArgumentParser
import LaminaCompare

/// `lamina tasks`: the tasks a study can name, with their metric.
struct Tasks: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the tasks with their metric and source.")

    func run() throws {
        for task in TaskRegistry.all {
            let direction = task.higherIsBetter ? "higher is better" : "lower is better"
            print("\(task.name) (\(task.metricName), \(direction), \(task.inputSize) features per step)")
            print("  \(task.description)\n")
        }
    }
}
