import LaminaTensor

/// A recurrent regressor of ragged sequences in two lines (skflow's `TensorFlowRNNRegressor`):
///
/// ```swift
/// let regressor = SequenceRegressor(outputs: 1, options: EstimatorOptions(units: 16, epochs: 8))
/// try regressor.fit(x, y)             // x: [[[Float]]] (sequence, step, feature), y: [[Float]]
/// let values = try regressor.predict(xTest)
/// ```
///
/// The network is ``SequenceClassifier``'s with a linear readout, trained on the mean squared error.
public final class SequenceRegressor {
    /// Values per sequence.
    public let outputs: Int
    /// The settings.
    public let options: EstimatorOptions
    /// Extensions added to the trainer when fitting.
    public var extensions: [any TrainerExtension] = []
    private var model: SequenceModel?

    /// A regressor of `outputs` values per sequence.
    public init(outputs: Int = 1, options: EstimatorOptions = EstimatorOptions()) {
        (self.outputs, self.options) = (outputs, options)
    }

    /// The trainer of the last fit, or nil before one.
    public var trainer: Trainer? { model?.trainer }

    /// Builds a new network and trains it on sequences `x` with targets `y` (`outputs` values each).
    /// - Returns: the epochs' logs (`loss`, and `val_squared_error` with validation data).
    /// - Throws: ``LaminaError/invalidArgument(function:detail:)`` for a target row of another size (naming
    ///   it), counts that differ, ragged step sizes, or a sequence above the last bucket.
    @discardableResult
    public func fit(_ x: [[[Float]]], _ y: [[Float]], validation: (x: [[[Float]]], y: [[Float]])? = nil) throws -> [EpochLog] {
        let targets = try targetArray(y, count: x.count)
        let model = try SequenceModel(features: try sequenceFeatures(x), outputs: outputs, classification: false, options: options)
        model.trainer.extensions = extensions
        self.model = model
        return try model.fit(x, targets: targets, validation: try validation.map { ($0.x, try targetArray($0.y, count: $0.x.count)) })
    }

    /// The predicted values of each sequence.
    /// - Throws: ``LaminaError/invalidArgument(function:detail:)`` before ``fit(_:_:validation:)``, or for
    ///   sequences with another number of features.
    public func predict(_ x: [[[Float]]]) throws -> [[Float]] {
        guard let model else { throw LaminaError.invalidArgument(function: "SequenceRegressor.predict", detail: "the regressor is not fitted; call fit(x, y) first") }
        return try model.predict(x)
    }

    /// `y` as a float32 (count, outputs) array, checked.
    private func targetArray(_ y: [[Float]], count: Int) throws -> NDArray {
        guard y.count == count else {
            throw LaminaError.invalidArgument(function: "SequenceRegressor.fit", detail: "there are \(count) sequences but \(y.count) target rows")
        }
        if let k = y.firstIndex(where: { $0.count != outputs }) {
            throw LaminaError.invalidArgument(function: "SequenceRegressor.fit", detail: "target row \(k) has \(y[k].count) values; each needs \(outputs)")
        }
        return NDArray(y.flatMap { $0 }, shape: [count, outputs])
    }
}
