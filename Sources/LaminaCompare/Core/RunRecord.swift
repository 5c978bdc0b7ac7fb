/// What one training run of a study records: one line of a results file
/// (JSON Lines). A run is identified by (study, task, profile, seed).
public struct RunRecord: Codable, Sendable, Equatable {
    /// The study's name.
    public var study: String
    /// The task's name (see ``TaskRegistry``).
    public var task: String
    /// The init profile's name (see ``ProfileRegistry``).
    public var profile: String
    /// The run's seed (data order and initial weights derive from it).
    public var seed: UInt64
    /// Per epoch: mean training loss, validation metric, and the global gradient norm (mean over the epoch's steps).
    public var epochs: [EpochRecord]
    /// The metric on the test split after training (NaN when the run diverged).
    public var testMetric: Double
    /// The name of the metric, such as "accuracy" or "mse".
    public var metric: String
    /// Whether a larger metric is better (accuracy) or a smaller one (mse, nats/char).
    public var higherIsBetter: Bool
    /// Wall-clock seconds of the run.
    public var wallSeconds: Double
    /// Whether training diverged (a NaN or infinite loss, or an exploding gradient norm);
    /// a diverged run is a result, not a crash.
    public var diverged: Bool
    /// At initialization, each recurrent matrix's spectral radius per gate,
    /// keyed by gate name ("input", "forget", "cell", "output", "reset", "update", "hidden").
    public var spectralRadius: [String: Double]

    public init(study: String, task: String, profile: String, seed: UInt64, epochs: [EpochRecord], testMetric: Double,
                metric: String, higherIsBetter: Bool, wallSeconds: Double, diverged: Bool, spectralRadius: [String: Double]) {
        self.study = study
        self.task = task
        self.profile = profile
        self.seed = seed
        self.epochs = epochs
        self.testMetric = testMetric
        self.metric = metric
        self.higherIsBetter = higherIsBetter
        self.wallSeconds = wallSeconds
        self.diverged = diverged
        self.spectralRadius = spectralRadius
    }

    /// The key that identifies the run within a results file.
    public var key: String { "\(study)|\(task)|\(profile)|\(seed)" }
}

/// One epoch of a run.
public struct EpochRecord: Codable, Sendable, Equatable {
    public var epoch: Int
    public var trainingLoss: Double
    public var validationMetric: Double
    public var gradientNorm: Double

    public init(epoch: Int, trainingLoss: Double, validationMetric: Double, gradientNorm: Double) {
        self.epoch = epoch
        self.trainingLoss = trainingLoss
        self.validationMetric = validationMetric
        self.gradientNorm = gradientNorm
    }
}
