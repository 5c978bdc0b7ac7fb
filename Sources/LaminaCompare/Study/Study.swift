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
    /// Whether profiles also bring their library's optimizer defaults, activations and readout.
    public var libraryDefaults: Bool
    /// Profiles the study defines (a base profile with overrides, or the steps of an ablation), by name.
    public var profileDefinitions: [String: ProfileDefinition] = [:]
    /// The ablation walk the study's profiles are the steps of, or nil.
    public var ablation: AblationPlan?
    /// Repeats of chosen seeds that change only rounding, or nil.
    public var noiseFloor: NoiseFloorPlan?
    /// Per task name, the success threshold that replaces the task's own.
    public var successThresholds: [String: Double] = [:]

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

    /// The profile names the study runs, in order.
    /// - Parameter allProfiles: the registry's profile names, used when the study selects `all`.
    public func profileNames(allProfiles: [String]) -> [String] {
        switch profiles {
        case .all: return allProfiles
        case .named(let names): return names
        }
    }

    /// Expands the study into run specifications in a fixed order: task, then seed, then profile;
    /// then, per task, the noise-floor repeats (seed, profile, repeat).
    ///
    /// - Parameter allProfiles: the registry's profile names, used when the study selects `all`.
    public func runSpecifications(allProfiles: [String]) -> [RunSpecification] {
        let profileNames = profileNames(allProfiles: allProfiles)
        func spec(_ task: String, _ seed: UInt64, _ profile: String, perturbation: Int?) -> RunSpecification {
            RunSpecification(
                study: name, task: task, profile: profile, seed: seed, cell: cell, units: units,
                epochs: epochs, batchSize: batchSize, optimizer: optimizer, learningRate: learningRate,
                clipNorm: clipNorm, libraryDefaults: libraryDefaults, taskOptions: taskOptions[task] ?? [:],
                profileDefinition: profileDefinitions[profile], perturbation: perturbation,
                successThreshold: successThresholds[task] ?? (try? TaskRegistry.named(task))?.successThreshold)
        }
        var specs: [RunSpecification] = []
        for task in tasks {
            for seed in seeds {
                for profile in profileNames { specs.append(spec(task, seed, profile, perturbation: nil)) }
            }
        }
        if let noiseFloor {
            for task in tasks {
                for seed in noiseFloor.seeds {
                    for profile in profileNames {
                        for k in 1...max(noiseFloor.repeats, 1) { specs.append(spec(task, seed, profile, perturbation: k)) }
                    }
                }
            }
        }
        return specs
    }
}

/// An ablation: a walk from one profile to another changing one recipe field
/// per step (see ``AblationPlanner``).
public struct AblationPlan: Sendable, Equatable {
    /// The profile the walk starts from.
    public var from: String
    /// The profile it ends at.
    public var to: String

    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }
}

/// Repeats of chosen seeds whose only change is rounding: every nonzero
/// initial weight moved by one unit in the last place (see ``perturbInitialValues(_:seed:perturbation:)``).
/// The spread among a seed's repeats is the part of any difference that
/// numerical noise alone explains.
public struct NoiseFloorPlan: Sendable, Equatable {
    /// The seeds repeated (each one of the study's seeds).
    public var seeds: [UInt64]
    /// Perturbed repeats per (task, profile, seed), besides the ordinary run.
    public var repeats: Int

    public init(seeds: [UInt64], repeats: Int) {
        self.seeds = seeds
        self.repeats = repeats
    }
}
