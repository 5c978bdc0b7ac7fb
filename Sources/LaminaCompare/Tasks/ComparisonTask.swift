import Lamina
import LaminaTensor

/// What a task's model predicts, and so which readout and loss the trainer uses.
public enum TaskOutputKind: Sendable, Equatable {
    /// One real value per sequence from the last (masked) hidden state; loss MSE.
    case regression
    /// One label per sequence from the last (masked) hidden state; loss cross-entropy.
    case classification(classes: Int)
    /// One label per step from every hidden state; loss cross-entropy over all (real) steps.
    case perStep(classes: Int)
}

/// A benchmark task of the comparison harness: deterministic data from a
/// seed, and how to score a model.
public protocol ComparisonTask: Sendable {
    /// The registry name, such as "adding".
    var name: String { get }
    /// One line on what the task is and where it comes from.
    var description: String { get }
    /// The metric's name, such as "mse" or "accuracy".
    var metricName: String { get }
    /// Whether a larger metric is better.
    var higherIsBetter: Bool { get }
    /// Features per step.
    var inputSize: Int { get }
    /// The kind of prediction.
    var outputKind: TaskOutputKind { get }
    /// The train, validation and test splits, fixed by `seed` (the study seed)
    /// and the task options (for example "length", "examples").
    func makeData(seed: UInt64, options: [String: Double]) throws -> TaskData
    /// The metric value that counts as solving the task (below it for a lower-is-better
    /// metric, at or above it otherwise), or nil when the task has none. A study may set another.
    var successThreshold: Double? { get }
    /// The metric of the best prediction that ignores what the task asks to learn, for
    /// these options, or nil when the task gives none (a report then uses chance accuracy
    /// for classification tasks).
    func baselineMetric(options: [String: Double]) -> Double?
}

extension ComparisonTask {
    public var successThreshold: Double? { nil }
    public func baselineMetric(options: [String: Double]) -> Double? { nil }
}

/// The three splits of a task.
public struct TaskData: Sendable {
    public var train: TaskSplit, validation: TaskSplit, test: TaskSplit
    public init(train: TaskSplit, validation: TaskSplit, test: TaskSplit) {
        self.train = train
        self.validation = validation
        self.test = test
    }
}

/// A set of padded sequences with masks and targets, stored row-major.
public struct TaskSplit: Sendable {
    /// Steps per (padded) sequence and features per step.
    public let steps: Int, features: Int
    /// Inputs (count·steps·features), masks (count·steps, 1 on real steps).
    public var inputs: [Float], mask: [Float]
    /// Targets per example: one value (regression), one label (classification)
    /// or `steps` labels (per step), labels stored as whole numbers.
    public var targets: [Float]
    /// Targets per example (1 or `steps`).
    public let targetWidth: Int
    /// Original example ids (rows of the source data set), to check that splits are disjoint.
    public var ids: [Int]

    public init(steps: Int, features: Int, inputs: [Float], mask: [Float], targets: [Float], targetWidth: Int, ids: [Int]) {
        self.steps = steps
        self.features = features
        self.inputs = inputs
        self.mask = mask
        self.targets = targets
        self.targetWidth = targetWidth
        self.ids = ids
    }

    /// The number of sequences.
    public var count: Int { ids.count }

    /// The examples at `rows`, in that order.
    public func rows(_ rows: [Int]) -> TaskSplit {
        let x = steps * features
        return TaskSplit(steps: steps, features: features,
                         inputs: rows.flatMap { inputs[$0 * x ..< ($0 + 1) * x] },
                         mask: rows.flatMap { mask[$0 * steps ..< ($0 + 1) * steps] },
                         targets: rows.flatMap { targets[$0 * targetWidth ..< ($0 + 1) * targetWidth] },
                         targetWidth: targetWidth, ids: rows.map { ids[$0] })
    }

    /// The inputs as a (count, steps, features) float32 array.
    public var inputArray: NDArray { NDArray(inputs, shape: [count, steps, features]) }
    /// The masks as a (count, steps) float32 array.
    public var maskArray: NDArray { NDArray(mask, shape: [count, steps]) }
    /// Regression targets (count, 1) float32.
    public var valueArray: NDArray { NDArray(targets, shape: [count, targetWidth]) }
    /// Labels as int32: (count,) for classification, (count, steps) per step.
    public var labelArray: NDArray {
        let labels = targets.map { Int32($0) }
        return targetWidth == 1 ? NDArray(labels, shape: [count]) : NDArray(labels, shape: [count, targetWidth])
    }
}

/// A permutation of 0..<n drawn from `seed` (sorting uniform keys).
public func seededPermutation(_ n: Int, seed: UInt64, stream: UInt32 = 0) -> [Int] {
    guard n > 0 else { return [] }
    var g = RandomGenerator(seed: seed, stream: stream)
    let keys = g.uniform(shape: [n], dtype: .float64).scalars(as: Double.self)
    return keys.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }
}

/// Errors of task look-up and data loading.
public enum TaskError: Error, CustomStringConvertible, Equatable {
    /// No task of that name; carries the known names.
    case unknownTask(String, known: [String])
    /// A data file is missing; carries the command that gets it.
    case missingData(task: String, path: String, command: String)
    /// A bad option or unreadable data.
    case invalid(task: String, detail: String)

    public var description: String {
        switch self {
        case .unknownTask(let n, let known): return "unknown task '\(n)'; known tasks: \(known.joined(separator: ", "))"
        case .missingData(let t, let path, let command): return "task \(t): \(path) is missing; get it with:\n    \(command)"
        case .invalid(let t, let detail): return "task \(t): \(detail)"
        }
    }
}

/// An integer option (rounded), or `fallback`.
func intOption(_ options: [String: Double], _ key: String, _ fallback: Int) -> Int {
    options[key].map { Int($0.rounded()) } ?? fallback
}
