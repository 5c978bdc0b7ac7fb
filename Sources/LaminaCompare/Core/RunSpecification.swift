/// Everything one run needs, as the study runner hands it to ``trainRun(_:)``.
public struct RunSpecification: Codable, Sendable, Equatable {
    public var study: String
    public var task: String
    public var profile: String
    public var seed: UInt64
    /// The recurrent cell: "lstm", "gru" or "rnn".
    public var cell: String
    /// Hidden units of the recurrent layer.
    public var units: Int
    /// Training budget.
    public var epochs: Int
    public var batchSize: Int
    /// The optimizer shared by every profile: "adam", "rmsprop" or "sgd".
    public var optimizer: String
    public var learningRate: Double
    /// Total-norm gradient clipping (0 = off).
    public var clipNorm: Double
    /// When true, each profile also brings its library's optimizer defaults and
    /// activations; by default only the initialization differs.
    public var libraryDefaults: Bool
    /// Task size knobs (for example "length" for the adding problem, "examples" to subsample).
    public var taskOptions: [String: Double]
    /// The profile's definition when the study defines it (a base profile with
    /// overrides, or an ablation step); nil for a profile of the registry.
    public var profileDefinition: ProfileDefinition?
    /// For a noise-floor repeat, the perturbation's index (see ``RunRecord/perturbation``).
    public var perturbation: Int?
    /// The task's success threshold (the study's, else the task's own), or nil.
    public var successThreshold: Double?

    public init(study: String, task: String, profile: String, seed: UInt64, cell: String, units: Int, epochs: Int,
                batchSize: Int, optimizer: String, learningRate: Double, clipNorm: Double, libraryDefaults: Bool,
                taskOptions: [String: Double], profileDefinition: ProfileDefinition? = nil, perturbation: Int? = nil,
                successThreshold: Double? = nil) {
        self.study = study
        self.task = task
        self.profile = profile
        self.seed = seed
        self.cell = cell
        self.units = units
        self.epochs = epochs
        self.batchSize = batchSize
        self.optimizer = optimizer
        self.learningRate = learningRate
        self.clipNorm = clipNorm
        self.libraryDefaults = libraryDefaults
        self.taskOptions = taskOptions
        self.profileDefinition = profileDefinition
        self.perturbation = perturbation
        self.successThreshold = successThreshold
    }

    /// The key of the run this specification produces (see ``RunRecord/key``).
    public var key: RunKey {
        RunKey(study: study, task: task, profile: profile, seed: seed, perturbation: perturbation)
    }

    /// The key a finished run of this specification is resumed by: its ``key`` and ``settingsFingerprint``.
    public var resumeKey: ResumeKey { ResumeKey(run: key, settingsFingerprint: settingsFingerprint) }

    /// The profile the run trains: the study's definition, else the registry's.
    public func resolveProfile() throws -> InitProfile {
        try profileDefinition?.resolve() ?? ProfileRegistry.named(profile)
    }
}
