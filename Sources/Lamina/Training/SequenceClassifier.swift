import LaminaTensor

/// A recurrent classifier of ragged sequences in two lines (skflow's `TensorFlowRNNClassifier`):
///
/// ```swift
/// let classifier = SequenceClassifier(classes: 2, options: EstimatorOptions(units: 16, epochs: 8))
/// try classifier.fit(x, y)            // x: [[[Float]]] (sequence, step, feature), y: [Int]
/// let labels = try classifier.predict(xTest)
/// ```
///
/// The network is ``SequenceModel``'s: a masked LSTM (or GRU, RNN) read at each sequence's last real
/// step, and a softmax readout, trained with Adam on the cross-entropy; batches come from
/// ``SequenceBatches`` (padding, masks, optional length buckets, a seeded order).
public final class SequenceClassifier {
    /// The number of classes (labels 0 ..< classes).
    public let classes: Int
    /// The settings.
    public let options: EstimatorOptions
    /// Extensions added to the trainer when fitting (a ``ProgressBar``, ``EarlyStopping``, …).
    public var extensions: [any TrainerExtension] = []
    private var model: SequenceModel?

    /// A classifier into `classes` classes.
    public init(classes: Int, options: EstimatorOptions = EstimatorOptions()) {
        (self.classes, self.options) = (classes, options)
    }

    /// The trainer of the last fit, or nil before one.
    public var trainer: Trainer? { model?.trainer }

    /// Builds a new network and trains it on sequences `x` with labels `y` (and validation data, if given).
    /// - Returns: the epochs' logs (`loss`, and `val_accuracy` with validation data).
    /// - Throws: ``LaminaError/invalidArgument(function:detail:)`` for a label outside 0 ..< classes (naming
    ///   it), counts that differ, ragged step sizes, or a sequence above the last bucket.
    @discardableResult
    public func fit(_ x: [[[Float]]], _ y: [Int], validation: (x: [[[Float]]], y: [Int])? = nil) throws -> [EpochLog] {
        let labels = try labelArray(y, count: x.count)
        let model = try SequenceModel(features: try sequenceFeatures(x), outputs: classes, classification: true, options: options)
        model.trainer.extensions = extensions
        self.model = model
        return try model.fit(x, targets: labels, validation: try validation.map { ($0.x, try labelArray($0.y, count: $0.x.count)) })
    }

    /// The most probable class of each sequence.
    /// - Throws: ``LaminaError/invalidArgument(function:detail:)`` before ``fit(_:_:validation:)``, or for
    ///   sequences with another number of features.
    public func predict(_ x: [[[Float]]]) throws -> [Int] {
        try probabilities(x).map { row in row.indices.max { row[$0] < row[$1] }! }
    }

    /// The class probabilities of each sequence.
    public func probabilities(_ x: [[[Float]]]) throws -> [[Float]] {
        guard let model else { throw LaminaError.invalidArgument(function: "SequenceClassifier.predict", detail: "the classifier is not fitted; call fit(x, y) first") }
        return try model.predict(x)
    }

    /// The share of `y` that ``predict(_:)`` gets right.
    public func accuracy(_ x: [[[Float]]], _ y: [Int]) throws -> Double {
        let predicted = try predict(x)
        return Double(zip(predicted, y).filter { $0 == $1 }.count) / Double(Swift.max(1, y.count))
    }

    /// `y` as int32 labels, checked.
    private func labelArray(_ y: [Int], count: Int) throws -> NDArray {
        guard y.count == count else {
            throw LaminaError.invalidArgument(function: "SequenceClassifier.fit", detail: "there are \(count) sequences but \(y.count) labels")
        }
        if let k = y.firstIndex(where: { !(0..<classes).contains($0) }) {
            throw LaminaError.invalidArgument(function: "SequenceClassifier.fit", detail: "label \(k) is \(y[k]); labels must be in 0..<\(classes)")
        }
        return NDArray(y.map { Int32($0) })
    }
}
