/// What identifies one run within a study's results: the study, task, profile and
/// seed, the noise-floor repeat (if any) and whether a real library made it.
///
/// Its text form, `study|task|profile|seed`, then `|p<k>` for a noise-floor repeat
/// and `|real` for a real-library run, appears in messages and report pages; keys
/// sort by that text, so the order of runs in every report stays the same.
/// The results runner adds the settings fingerprint to this key to decide what
/// to resume (``ResumeKey``).
public struct RunKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The study's name.
    public var study: String
    /// The task's name.
    public var task: String
    /// The profile's name.
    public var profile: String
    /// The seed of data, weights and batch order.
    public var seed: UInt64
    /// The noise-floor repeat (nil for the run itself).
    public var perturbation: Int?
    /// Whether the run was made by the real library rather than by Lamina's emulation.
    public var real: Bool

    /// Creates a key.
    public init(study: String, task: String, profile: String, seed: UInt64, perturbation: Int? = nil, real: Bool = false) {
        self.study = study
        self.task = task
        self.profile = profile
        self.seed = seed
        self.perturbation = perturbation
        self.real = real
    }

    /// `study|task|profile|seed`, then `|p<k>` and `|real` where they apply.
    public var description: String {
        "\(study)|\(task)|\(profile)|\(seed)" + (perturbation.map { "|p\($0)" } ?? "") + (real ? "|real" : "")
    }

    /// Orders keys by their text form.
    public static func < (lhs: RunKey, rhs: RunKey) -> Bool { lhs.description < rhs.description }
}

/// A run's identity for resuming: its ``RunKey`` and the settings fingerprint it ran
/// with (nil for records made before fingerprints existed). A record counts as done
/// for a specification only when both match.
public struct ResumeKey: Hashable, Sendable {
    /// The run.
    public var run: RunKey
    /// The settings it ran with.
    public var settingsFingerprint: String?

    /// Creates a resume key.
    public init(run: RunKey, settingsFingerprint: String?) {
        self.run = run
        self.settingsFingerprint = settingsFingerprint
    }
}
