import Foundation

/// A study option of a task (a key of a study's `taskOptions`), with its default.
public struct TaskOption: Sendable, Equatable, Codable {
    /// The key, such as "length".
    public var name: String
    /// The default, such as "50" or "all".
    public var defaultValue: String
    /// What it sets.
    public var meaning: String

    /// Creates an option description.
    public init(_ name: String, default defaultValue: String, _ meaning: String) {
        self.name = name
        self.defaultValue = defaultValue
        self.meaning = meaning
    }
}

/// Whether a task's data can be read on this machine.
public enum TaskDataStatus: Sendable, Equatable {
    /// The task makes its data from the seed; nothing to install.
    case generated
    /// The files are there and read.
    case present
    /// A file is missing: where, and the exact command that fetches it.
    case missing(path: String, command: String)
    /// The files are there but cannot be read: why.
    case unreadable(String)

    /// One word: generated, present, missing or unreadable.
    public var word: String {
        switch self {
        case .generated: return "generated"
        case .present: return "present"
        case .missing: return "missing"
        case .unreadable: return "unreadable"
        }
    }
}

/// A task whose data files can be checked more cheaply than by making its data.
public protocol DataChecking {
    /// Opens and checks the data files; throws ``TaskError/missingData(task:path:command:)`` or
    /// ``TaskError/invalid(task:detail:)`` as making the data would.
    func checkData() throws
}

/// The options and data status of the registered tasks, for `lamina tasks`.
public enum TaskCatalog {
    /// The study options `task` reads.
    public static func options(of task: any ComparisonTask) -> [TaskOption] {
        let examples = "training examples kept"
        switch task.name {
        case "adding": return [TaskOption("length", default: "50", "steps T per sequence"),
                               TaskOption("examples", default: "2000", "\(examples); validation and test get a quarter each")]
        case "copy": return [TaskOption("length", default: "20", "blank steps T between the symbols and the recall"),
                             TaskOption("examples", default: "2000", "\(examples); validation and test get a quarter each")]
        case "digits": return [TaskOption("examples", default: "all (1797)", "examples kept before the 60/20/20 split")]
        case "shakespeare": return [TaskOption("length", default: "50", "characters per window"),
                                    TaskOption("examples", default: "all", "training windows kept")]
        case "fashion-mnist": return [TaskOption("examples", default: "50000", examples),
                                      TaskOption("testExamples", default: "all (10000)", "test images kept")]
        default: return []
        }
    }

    /// Whether `task`'s data is installed and readable: its ``DataChecking/checkData()``, else making its data
    /// for seed 0 with the smallest options that fill every split (so the files are opened and parsed as a study would).
    public static func dataStatus(of task: any ComparisonTask) -> TaskDataStatus {
        if task is AddingTask || task is CopyTask { return .generated }
        do {
            if let checking = task as? any DataChecking {
                try checking.checkData()
            } else {
                _ = try task.makeData(seed: 0, options: ["examples": 3, "testExamples": 1])
            }
            return .present
        } catch TaskError.missingData(_, let path, let command) {
            return .missing(path: path, command: command)
        } catch {
            return .unreadable("\(error)")
        }
    }
}
