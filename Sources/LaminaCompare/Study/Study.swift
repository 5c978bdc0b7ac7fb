/// A study: tasks x profiles x seeds sharing one model, optimizer and training budget.
///
/// Studies are written as JSON under `Comparisons/studies/` and read with ``StudyParser``.
public struct Study: Sendable, Equatable {
    /// Which profiles a study compares.
    public enum ProfileSelection: Sendable, Equatable {
        /// Every profile the registry knows, in registry order.
        case all
        /// The named profiles, in the given order.
        case named([String])
    }

    /// The study's name; it prefixes every run key.
    public var name: String
    /// Task names (see `TaskRegistry`).
    public var tasks: [String]
    /// Profiles to compare.
    public var profiles: ProfileSelection
    /// Seeds `firstSeed ..< firstSeed + seedCount`.
    public var seedCount: Int
    /// The first seed.
    public var firstSeed: UInt64
    /// Recurrent cell: "lstm", "gru" or "rnn".
    public var cell: String
    /// Hidden units.
    public var units: Int
    /// Optimizer name: "adam", "rmsprop" or "sgd".
    public var optimizer: String
    /// Learning rate.
    public var learningRate: Double
    /// Total-norm gradient clipping (0 = off).
    public var clipNorm: Double
    /// Epochs per run.
    public var epochs: Int
    /// Minibatch size.
    public var batchSize: Int
    /// Per task name, size knobs handed to the task (for example "length", "examples").
    public var taskOptions: [String: [String: Double]]
    /// Whether profiles also bring their library's optimizer defaults and activations.
    public var libraryDefaults: Bool

    /// Creates a study.
    public init(name: String, tasks: [String], profiles: ProfileSelection, seedCount: Int, firstSeed: UInt64 = 0,
                cell: String = "lstm", units: Int = 32, optimizer: String = "adam", learningRate: Double = 0.001,
                clipNorm: Double = 0, epochs: Int = 5, batchSize: Int = 32,
                taskOptions: [String: [String: Double]] = [:], libraryDefaults: Bool = false) {
        self.name = name
        self.tasks = tasks
        self.profiles = profiles
        self.seedCount = seedCount
        self.firstSeed = firstSeed
        self.cell = cell
        self.units = units
        self.optimizer = optimizer
        self.learningRate = learningRate
        self.clipNorm = clipNorm
        self.epochs = epochs
        self.batchSize = batchSize
        self.taskOptions = taskOptions
        self.libraryDefaults = libraryDefaults
    }

    /// The seeds the study runs, in order.
    public var seeds: [UInt64] { (0..<UInt64(seedCount)).map { firstSeed + $0 } }

    /// Expands the study into run specifications in a fixed order: task, then seed, then profile.
    ///
    /// - Parameter allProfiles: the registry's profile names, used when the study selects `all`.
    public func runSpecifications(allProfiles: [String]) -> [RunSpecification] {
        let profileNames: [String]
        switch profiles {
        case .all: profileNames = allProfiles
        case .named(let names): profileNames = names
        }
        var specs: [RunSpecification] = []
        for task in tasks {
            for seed in seeds {
                for profile in profileNames {
                    specs.append(RunSpecification(
                        study: name, task: task, profile: profile, seed: seed, cell: cell, units: units,
                        epochs: epochs, batchSize: batchSize, optimizer: optimizer, learningRate: learningRate,
                        clipNorm: clipNorm, libraryDefaults: libraryDefaults, taskOptions: taskOptions[task] ?? [:]))
                }
            }
        }
        return specs
    }
}
