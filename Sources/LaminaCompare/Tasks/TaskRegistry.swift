/// Every task the harness knows, by name.
public enum TaskRegistry {
    /// All tasks, in a stable order.
    public static var all: [any ComparisonTask] { [AddingTask(), CopyTask(), DigitsTask(), VowelsTask(), ShakespeareTask(), FashionMNISTTask()] }

    /// The task called `name`.
    /// - Throws: ``TaskError/unknownTask(_:known:)`` listing the known names.
    public static func named(_ name: String) throws -> any ComparisonTask {
        guard let task = all.first(where: { $0.name == name }) else { throw TaskError.unknownTask(name, known: all.map(\.name)) }
        return task
    }
}
