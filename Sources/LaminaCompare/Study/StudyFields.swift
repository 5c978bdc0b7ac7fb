/// A numeric study field: where it is, the values it may take, and whether
/// it must be a whole number. Every number a study file holds is checked
/// against one of these before anything runs.
public struct NumericField: Sendable, Equatable {
    /// The dotted path in the study file, such as `"model.units"`, or the
    /// option's name for a task option (`"length"`).
    public let path: String
    /// The allowed values, inclusive.
    public let range: ClosedRange<Double>
    /// Whether only whole numbers are allowed.
    public let integer: Bool

    /// Creates a rule.
    public init(_ path: String, _ range: ClosedRange<Double>, integer: Bool = true) {
        self.path = path
        self.range = range
        self.integer = integer
    }

    /// For example `an integer in 1...4096` or `a number in 1e-09...10`.
    public var expected: String {
        func format(_ x: Double) -> String { integer || x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)" }
        return (integer ? "an integer" : "a number") + " in \(format(range.lowerBound))...\(format(range.upperBound))"
    }

    /// Whether `value` satisfies the rule.
    public func accepts(_ value: Double) -> Bool {
        range.contains(value) && (!integer || value == value.rounded())
    }
}

/// The fields a study file may hold, with their ranges: the one table the
/// parser checks against (add a field here and read it in ``StudyParser``).
public enum StudyFields {
    /// Seeds per (task, profile).
    public static let seeds = NumericField("seeds", 1...1000)
    /// The first seed; seeds are `firstSeed ..< firstSeed + seeds`.
    public static let firstSeed = NumericField("firstSeed", 0...1_000_000_000_000)
    /// Hidden units of the recurrent layer (also `lamina profiles --units`).
    public static let units = NumericField("model.units", 1...4096)
    /// The learning rate (positive).
    public static let learningRate = NumericField("optimizer.learningRate", 1e-9...10, integer: false)
    /// Total-norm gradient clipping; 0 turns it off.
    public static let clipNorm = NumericField("optimizer.clipNorm", 0...1e6, integer: false)
    /// Epochs per run.
    public static let epochs = NumericField("budget.epochs", 1...10_000)
    /// Minibatch size.
    public static let batchSize = NumericField("budget.batchSize", 1...100_000)
    /// Perturbed repeats per (task, profile, seed) of a noise floor.
    public static let noiseFloorRepeats = NumericField("noiseFloor.repeats", 1...100)

    /// The keys allowed at the top level.
    public static let topLevel: [String] = ["ablation", "budget", "description", "firstSeed", "libraryDefaults", "model", "name",
                                           "noiseFloor", "optimizer", "profiles", "seeds", "successThresholds", "taskOptions", "tasks"]
    /// The keys allowed in each nested object.
    public static let nested: [String: [String]] = [
        "model": ["cell", "units"], "optimizer": ["clipNorm", "learningRate", "name"], "budget": ["batchSize", "epochs"],
    ]

    /// The options each task reads, with their ranges. Sequence lengths and
    /// example counts are bounded so that one task's data stays below about
    /// 10^8 values (see ``taskSizeLimit``).
    public static let taskOptions: [String: [NumericField]] = [
        "adding": [NumericField("length", 2...10_000), NumericField("examples", 1...1_000_000)],
        "copy": [NumericField("length", 1...10_000), NumericField("examples", 1...1_000_000)],
        // At least 3, so that the 60/20/20 split leaves one example in each (2 gives 1/0/1).
        "digits": [NumericField("examples", 3...1797)],
        "vowels": [],
        "shakespeare": [NumericField("length", 1...10_000), NumericField("examples", 1...1_000_000)],
        "fashion-mnist": [NumericField("examples", 1...60_000), NumericField("testExamples", 1...10_000)],
    ]

    /// The largest `examples × length` a task with both options may ask for
    /// (the adding problem then holds 2 × 10^8 floats, 800 MB, with its
    /// validation and test quarters).
    public static let taskSizeLimit: Double = 1e8

    /// Characters a study name may use: it names the results file
    /// (`results/<name>.jsonl`) and prefixes run keys (`name|task|…`).
    /// `alsoAllowing` adds characters after the first and `maximumLength` raises the length limit (the run
    /// records' ablation-step profiles, `from>to@k:field`, use '>', '@', ':' and two names' length).
    public static func isSafeName(_ name: String, alsoAllowing extra: String = "", maximumLength: Int = 100) -> Bool {
        guard let first = name.unicodeScalars.first, name.unicodeScalars.count <= maximumLength,
              NameCharacters.alphanumericsASCII.contains(first) else { return false }
        let punctuation = Set(("._-" + extra).unicodeScalars)
        return name.unicodeScalars.allSatisfy { NameCharacters.alphanumericsASCII.contains($0) || punctuation.contains($0) }
    }
}

private enum NameCharacters {
    static let alphanumericsASCII = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".unicodeScalars)
}
