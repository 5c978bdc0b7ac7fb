import LaminaGraph
import LaminaTensor

/// The recurrent layer of a ``SequenceClassifier`` or ``SequenceRegressor``.
public enum SequenceCell: String, Sendable, CaseIterable {
    /// ``LSTMLayer`` (Lasagne's defaults).
    case lstm
    /// ``GRULayer``.
    case gru
    /// The vanilla ``RecurrentLayer`` (tanh).
    case rnn
}

/// The settings of a ``SequenceClassifier`` or ``SequenceRegressor``.
public struct EstimatorOptions: Sendable {
    /// Recurrent units.
    public var units: Int
    /// The recurrent layer.
    public var cell: SequenceCell
    /// Training epochs.
    public var epochs: Int
    /// Sequences per batch.
    public var batchSize: Int
    /// Adam's learning rate.
    public var learningRate: Double
    /// Length buckets (``SequenceBuckets``), or nil to pad every batch to the longest sequence.
    public var buckets: [Int]?
    /// The seed of the initial weights and of the batch order.
    public var seed: UInt64

    /// Settings; the defaults train a 32-unit LSTM with Adam (η = 0.01) for 10 epochs in batches of 32.
    public init(units: Int = 32, cell: SequenceCell = .lstm, epochs: Int = 10, batchSize: Int = 32, learningRate: Double = 0.01,
                buckets: [Int]? = nil, seed: UInt64 = 0) {
        (self.units, self.cell, self.epochs, self.batchSize, self.learningRate, self.buckets, self.seed)
            = (units, cell, epochs, batchSize, learningRate, buckets, seed)
    }
}

/// The network and trainer behind the estimators: a masked recurrent layer over (batch, steps, features)
/// inputs, its last real state, and a dense readout (softmax for classes, linear for values), trained with
/// Adam on the cross-entropy or the squared error.
final class SequenceModel {
    let trainer: Trainer
    let features: Int
    let outputs: Int
    let options: EstimatorOptions

    init(features: Int, outputs: Int, classification: Bool, options: EstimatorOptions) throws {
        guard options.units > 0, options.epochs >= 0, options.batchSize > 0, outputs > 0 else {
            throw LaminaError.invalidArgument(function: classification ? "SequenceClassifier" : "SequenceRegressor",
                                              detail: "units (\(options.units)), batchSize (\(options.batchSize)) and outputs (\(outputs)) must be positive, epochs (\(options.epochs)) not negative")
        }
        let layers = try LayerDefaults.using(floatX: .float32, seed: options.seed) { () throws -> (InputLayer, InputLayer, Layer) in
            let input = try InputLayer(shape: [nil, nil, features], name: "input")
            let mask = try InputLayer(shape: [nil, nil], name: "mask")
            let final = RecurrentOptions(onlyReturnFinal: true)
            let recurrent: Layer
            switch options.cell {
            case .lstm: recurrent = try LSTMLayer(incoming: input, units: options.units, mask: mask, options: final, name: "recurrent")
            case .gru: recurrent = try GRULayer(incoming: input, units: options.units, mask: mask, options: final, name: "recurrent")
            case .rnn: recurrent = try RecurrentLayer(incoming: input, units: options.units, nonlinearity: .tanh, mask: mask, options: final, name: "recurrent")
            }
            let readout = try DenseLayer(incoming: recurrent, units: outputs, nonlinearity: classification ? .softmax : .linear, name: "readout")
            return (input, mask, readout)
        }
        let (input, mask, readout) = layers
        let targets = classification ? Expr.input("targets", dtype: .int32, shape: [nil]) : Expr.input("targets", dtype: .float32, shape: [nil, outputs])
        func perExample(_ p: Expr) throws -> Expr {
            classification ? try categoricalCrossEntropy(p, targets) : try squaredError(p, targets)
        }
        let p = try output(of: readout)
        let loss = try aggregate(perExample(p))
        let params = allParams(of: readout, tags: [.trainable])
        let updates = try adam(.loss(loss), params: params, learningRate: .value(options.learningRate))
        let inputs = [input.inputVar, mask.inputVar, targets]
        let step = try function(inputs: inputs, outputs: [loss], updates: updates)
        let q = try output(of: readout, deterministic: true)
        let metric = classification ? try categoricalAccuracy(q, targets) : try squaredError(q, targets)
        let evaluation = try function(inputs: inputs, outputs: [aggregate(metric, mode: .sum)])
        let all = allParams(of: readout)
        trainer = try Trainer(trainStep: step, outputNames: ["loss"], evaluation: evaluation,
                              evaluationNames: [classification ? "accuracy" : "squared_error"],
                              prediction: function(inputs: [input.inputVar, mask.inputVar], outputs: [q]),
                              parameters: all, optimizerState: optimizerState(of: updates, parameters: all), seed: options.seed)
        (self.features, self.outputs, self.options) = (features, outputs, options)
    }

    /// Batches of `x` (and `targets`) as the options say.
    func batches(_ x: [[[Float]]], targets: NDArray?, shuffle: Bool) throws -> SequenceBatches {
        let found = try sequenceFeatures(x)
        guard found == features else {
            throw LaminaError.invalidArgument(function: "predict", detail: "the sequences have \(found) features per step, but the model was fitted on \(features)")
        }
        return try SequenceBatches(x, targets: targets, batchSize: options.batchSize, buckets: options.buckets.map { try SequenceBuckets(limits: $0) },
                                   shuffle: shuffle)
    }

    /// Trains for ``EstimatorOptions/epochs`` epochs on `x` and `targets`, validating on `validation` if given.
    func fit(_ x: [[[Float]]], targets: NDArray, validation: (x: [[[Float]]], targets: NDArray)?) throws -> [EpochLog] {
        var validationBatches: [[NDArray]] = []
        if let validation {
            let data = try batches(validation.x, targets: validation.targets, shuffle: false)
            validationBatches = try data.batchRows(seed: 0).map { try data.batch(rows: $0) }
        }
        return try trainer.fit(epochs: options.epochs, training: batches(x, targets: targets, shuffle: true), validation: validationBatches)
    }

    /// The readout for every sequence of `x`, row by row in `x`'s order: (count, outputs).
    func predict(_ x: [[[Float]]]) throws -> [[Float]] {
        let data = try batches(x, targets: nil, shuffle: false)
        var rows = [[Float]](repeating: [], count: x.count)
        for batchRows in data.batchRows(seed: 0) {
            let values = try trainer.predict([data.batch(rows: batchRows)])[0].scalars(as: Float.self)
            for (k, row) in batchRows.enumerated() { rows[row] = Array(values[k * outputs ..< (k + 1) * outputs]) }
        }
        return rows
    }
}
