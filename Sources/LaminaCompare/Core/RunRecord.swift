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
    /// For a noise-floor repeat, the perturbation's index (1, 2, …): the run is
    /// the seed's run with every nonzero initial weight moved by one unit in the
    /// last place, in directions drawn from the seed and this index. Nil for
    /// an ordinary run.
    public var perturbation: Int?
    /// A fingerprint (16 hex digits) of everything the profile changes in this
    /// run: the initial parameter values, the gate activations and the optimizer
    /// constants. Two profiles with equal fingerprints for every seed build
    /// identical runs. Nil in records written before it existed.
    public var profileFingerprint: String?
    /// Which implementation trained the run: nil for Lamina's emulation of the
    /// profile, or the real library and its version ("torch 2.15.0",
    /// "keras 3.12.0") for runs made by the scripts in `Comparisons/real/`.
    public var implementation: String?
    /// The task's success threshold for this run (adding: test MSE below 0.05),
    /// or nil when the task has none.
    public var successThreshold: Double?
    /// The metric of the best prediction that ignores what the task asks to learn
    /// (adding: 1/6; copy: the memoryless 10·ln 8/(T+20)), or nil when the task gives none.
    public var baselineMetric: Double?
    /// For a run of an ablation study, where its profile stands on the walk from
    /// one profile to another; nil otherwise.
    public var ablation: AblationStep?
    /// A fingerprint (16 hex digits) of the settings that shaped the run
    /// besides its profile and seed: model, optimizer, budget, task options,
    /// library defaults and Lamina's training version (see
    /// ``RunSpecification/settingsFingerprint``). Records of one key with
    /// different fingerprints are different runs. Nil in records written
    /// before it existed.
    public var settingsFingerprint: String?

    public init(study: String, task: String, profile: String, seed: UInt64, epochs: [EpochRecord], testMetric: Double,
                metric: String, higherIsBetter: Bool, wallSeconds: Double, diverged: Bool, spectralRadius: [String: Double],
                settingsFingerprint: String? = nil) {
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
        self.settingsFingerprint = settingsFingerprint
    }

    /// The run this record belongs to (``RunKey``).
    public var key: RunKey {
        RunKey(study: study, task: task, profile: profile, seed: seed, perturbation: perturbation, real: implementation != nil)
    }

    /// The key this record is resumed by: its ``key`` and ``settingsFingerprint``.
    public var resumeKey: ResumeKey { ResumeKey(run: key, settingsFingerprint: settingsFingerprint) }

    /// Whether the run met its task's success threshold (nil when the task has none).
    public var solved: Bool? {
        guard let successThreshold else { return nil }
        guard !diverged, testMetric.isFinite else { return false }
        return higherIsBetter ? testMetric >= successThreshold : testMetric < successThreshold
    }
}

/// A profile's place on an ablation walk: from profile `from` (step 0) to
/// profile `to` (the last step), changing one recipe field per step.
public struct AblationStep: Codable, Sendable, Equatable, Hashable {
    /// The profile the walk starts from.
    public var from: String
    /// The profile the walk ends at.
    public var to: String
    /// 0 for `from` itself; step k has the first k changes applied.
    public var step: Int
    /// The recipe field this step changed to `to`'s value ("" for step 0), such as "forgetBias".
    public var change: String

    public init(from: String, to: String, step: Int, change: String) {
        self.from = from
        self.to = to
        self.step = step
        self.change = change
    }
}

/// One epoch of a run.
public struct EpochRecord: Codable, Sendable, Equatable {
    /// The epoch's number, counting from 1.
    public var epoch: Int
    /// The mean training loss over the epoch's steps (NaN or infinite once the run diverged).
    public var trainingLoss: Double
    /// The task's metric on the validation split after the epoch.
    public var validationMetric: Double
    /// The global norm of the gradients before clipping, averaged over the epoch's steps.
    public var gradientNorm: Double

    /// An epoch's record from its four values.
    public init(epoch: Int, trainingLoss: Double, validationMetric: Double, gradientNorm: Double) {
        self.epoch = epoch
        self.trainingLoss = trainingLoss
        self.validationMetric = validationMetric
        self.gradientNorm = gradientNorm
    }
}
