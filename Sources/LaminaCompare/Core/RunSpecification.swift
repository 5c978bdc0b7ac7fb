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

    public init(study: String, task: String, profile: String, seed: UInt64, cell: String, units: Int, epochs: Int,
                batchSize: Int, optimizer: String, learningRate: Double, clipNorm: Double, libraryDefaults: Bool,
                taskOptions: [String: Double]) {
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
    }
}
