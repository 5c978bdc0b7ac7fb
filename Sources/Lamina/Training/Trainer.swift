import LaminaGraph
import LaminaTensor

/// A training loop over compiled functions: ``fit(epochs:training:validation:)``, ``evaluate(_:)`` and
/// ``predict(_:)``, with ``TrainerExtension``s (progress bar, logs, early stopping, learning-rate
/// schedules, stop on NaN, checkpoints) and checkpoints that resume a run bit for bit.
///
/// ```swift
/// let trainer = try Trainer(trainStep: step, outputNames: ["loss"], evaluation: metrics,
///                           evaluationNames: ["accuracy"], parameters: params,
///                           optimizerState: optimizerState(of: updates, parameters: params), seed: 7)
/// trainer.extensions = [EarlyStopping(monitor: "val_accuracy", mode: .max, patience: 3)]
/// try trainer.fit(epochs: 20, training: ArrayBatches([x, y], batchSize: 32), validation: [[xv, yv]])
/// ```
///
/// Epoch e (from 0) trains on `training.batches(seed: Trainer.epochSeed(seed: seed, epoch: e))`, so the
/// run is fixed by the seed. The epoch's log holds the mean of each training output over its batches,
/// and the validation values (see ``evaluate(_:)``) under `val_` names.
public final class Trainer {
    /// The training step: takes a batch, returns scalars (the loss first), applies the updates.
    public let trainStep: Function
    /// The names of the training step's outputs (`"loss"` first).
    public let outputNames: [String]
    /// The evaluation function: takes a batch, returns scalars summed over the batch's examples.
    public let evaluation: Function?
    /// The names of the evaluation function's outputs.
    public let evaluationNames: [String]
    /// The prediction function: takes inputs, returns arrays whose first axis is the batch's examples.
    public let prediction: Function?
    /// The network's parameters (saved and restored by checkpoints).
    public let parameters: [Shared]
    /// The other variables the training step changes (``optimizerState(of:parameters:outputs:)``).
    public let optimizerState: [Shared]
    /// The weight of an evaluation batch in ``evaluate(_:)``: by default its number of examples
    /// (the first argument's first axis).
    public var batchWeight: ([NDArray]) -> Double = { Double($0.first?.shape.first ?? 0) }
    /// The extensions, run in this order at every point of a run.
    public var extensions: [any TrainerExtension] = []
    /// Where the run is (epochs done, history, seed, …).
    public internal(set) var state: TrainerState
    /// The number of batches in the epoch being trained (0 outside ``fit(epochs:training:validation:)``).
    public private(set) var batchesInEpoch = 0
    /// The total number of epochs the current (or last) call of ``fit(epochs:training:validation:)`` aims at.
    public private(set) var targetEpochs = 0
    /// Why the last run stopped early, or nil.
    public private(set) var stopReason: String?
    private var stopNow = false

    /// A trainer over compiled functions.
    /// - Parameters:
    ///   - trainStep: the compiled training step; its outputs must be scalars, the loss first.
    ///   - outputNames: one name per output of `trainStep`.
    ///   - evaluation: a function of a batch whose outputs are scalars summed over the batch's examples.
    ///   - evaluationNames: one name per output of `evaluation`.
    ///   - prediction: a function of inputs (without targets) for ``predict(_:)``.
    ///   - parameters: the parameters a checkpoint saves.
    ///   - optimizerState: the optimizer's variables a checkpoint saves.
    ///   - seed: the seed of the batch order.
    /// - Throws: ``LaminaError/invalidArgument(function:detail:)`` when the names do not match the outputs,
    ///   or the names of saved variables repeat.
    public init(trainStep: Function, outputNames: [String] = ["loss"], evaluation: Function? = nil,
                evaluationNames: [String] = [], prediction: Function? = nil, parameters: [Shared],
                optimizerState: [Shared] = [], seed: UInt64 = 0) throws {
        guard outputNames.count == trainStep.compiledOutputs.count, !outputNames.isEmpty else {
            throw LaminaError.invalidArgument(function: "Trainer", detail: "the training step has \(trainStep.compiledOutputs.count) output(s) but \(outputNames.count) name(s) were given; name each output, the loss first")
        }
        let evaluationCount = evaluation?.compiledOutputs.count ?? 0
        guard evaluationNames.count == evaluationCount else {
            throw LaminaError.invalidArgument(function: "Trainer", detail: "the evaluation function has \(evaluationCount) output(s) but \(evaluationNames.count) name(s) were given")
        }
        let names = (parameters + optimizerState).map { $0.name ?? "" }
        let repeated = Dictionary(grouping: names, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
        guard repeated.isEmpty else {
            throw LaminaError.invalidArgument(function: "Trainer", detail: "the saved variables' names repeat (\(repeated.map { "'\($0)'" }.joined(separator: ", "))); name the layers so that checkpoints can tell them apart")
        }
        self.trainStep = trainStep
        self.outputNames = outputNames
        self.evaluation = evaluation
        self.evaluationNames = evaluationNames
        self.prediction = prediction
        self.parameters = parameters
        self.optimizerState = optimizerState
        state = TrainerState(seed: seed)
    }

    /// Epochs completed.
    public var epoch: Int { state.epoch }
    /// The logs of the completed epochs.
    public var history: [EpochLog] { state.history }

    /// The seed of epoch `epoch`'s batch order (from 0): `seed + epoch · 1 000 003`, wrapping.
    public static func epochSeed(seed: UInt64, epoch: Int) -> UInt64 {
        seed &+ UInt64(epoch) &* 1_000_003
    }

    /// Asks the run to stop: after the current epoch, or with `immediately` after the current batch
    /// (the epoch is then logged with that batch's values, see ``EpochLog``).
    public func requestStop(_ reason: String, immediately: Bool = false) {
        if stopReason == nil { stopReason = reason }
        if immediately { stopNow = true }
    }

    /// Trains until `epochs` epochs are complete in all (a resumed trainer continues from ``epoch``),
    /// or an extension stops the run.
    /// - Parameters:
    ///   - epochs: the total number of epochs.
    ///   - training: the training batches.
    ///   - validation: batches for ``evaluate(_:)`` after each epoch (none: no validation values).
    /// - Returns: the logs of the epochs trained by this call.
    /// - Throws: errors of the functions and extensions; ``LaminaError/invalidArgument(function:detail:)``
    ///   for a training output that is not a scalar, or a resumed epoch with fewer batches than before.
    @discardableResult
    public func fit(epochs: Int, training: any TrainingData, validation: [[NDArray]] = []) throws -> [EpochLog] {
        stopReason = nil
        stopNow = false
        targetEpochs = epochs
        let first = state.history.count
        defer { batchesInEpoch = 0 }
        for e in extensions { try e.beforeTraining(self) }
        while state.epoch < epochs && stopReason == nil {
            let batches = try training.batches(seed: Self.epochSeed(seed: state.seed, epoch: state.epoch))
            guard state.batch <= batches.count else {
                throw LaminaError.invalidArgument(function: "Trainer.fit", detail: "the trainer resumes at batch \(state.batch) of epoch \(state.epoch + 1), but the training data gives \(batches.count) batches; resume with the same data")
            }
            batchesInEpoch = batches.count
            if state.batch == 0 { state.sums = Array(repeating: 0, count: outputNames.count) }
            for e in extensions { try e.beforeEpoch(self) }
            while state.batch < batches.count && !stopNow {
                let outputs = try trainStep.call(batches[state.batch])
                let values = try outputs.enumerated().map { k, array -> Double in
                    guard array.count == 1 else {
                        throw LaminaError.invalidArgument(function: "Trainer.fit", detail: "training output \(outputNames[k]) has shape \(array.shape); training outputs must be scalars")
                    }
                    return array.scalarValue
                }
                for k in values.indices { state.sums[k] += values[k] }
                state.lastBatch = values
                state.batch += 1
                for e in extensions { try e.afterBatch(self, outputs: values) }
            }
            let log: EpochLog
            let validationNames = evaluationNames.map { "val_" + $0 }
            if stopNow {
                log = EpochLog(epoch: state.epoch + 1, names: outputNames + validationNames,
                               values: state.lastBatch + validationNames.map { _ in .nan }, interrupted: true)
            } else {
                let count = Double(Swift.max(1, state.batch))
                let means = state.sums.map { $0 / count }
                let scores = validation.isEmpty ? [] : try evaluate(validation).map(\.value)
                log = EpochLog(epoch: state.epoch + 1, names: outputNames + (scores.isEmpty ? [] : validationNames), values: means + scores)
            }
            state.history.append(log)
            state.epoch += 1
            state.batch = 0
            state.sums = Array(repeating: 0, count: outputNames.count)
            for e in extensions { try e.afterEpoch(self, log: log) }
            for e in extensions { try e.epochDidEnd(self) }
        }
        for e in extensions { try e.afterTraining(self) }
        return Array(state.history[first...])
    }

    /// The evaluation function's outputs over `batches`: for each, Σ values / Σ ``batchWeight`` (NaN when
    /// the weights sum to 0), in the order of ``evaluationNames``.
    /// - Throws: ``LaminaError/invalidArgument(function:detail:)`` without an evaluation function; its errors.
    public func evaluate(_ batches: [[NDArray]]) throws -> [(name: String, value: Double)] {
        guard let evaluation else {
            throw LaminaError.invalidArgument(function: "Trainer.evaluate", detail: "the trainer has no evaluation function; pass evaluation: when creating it")
        }
        var sums = Array(repeating: 0.0, count: evaluationNames.count), weight = 0.0
        for batch in batches {
            let outputs = try evaluation.call(batch)
            for k in sums.indices { sums[k] += outputs[k].scalarValue }
            weight += batchWeight(batch)
        }
        return zip(evaluationNames, sums).map { ($0, weight > 0 ? $1 / weight : .nan) }
    }

    /// The prediction function's outputs over `batches`, each joined along its first axis.
    /// - Throws: ``LaminaError/invalidArgument(function:detail:)`` without a prediction function or batches; its errors.
    public func predict(_ batches: [[NDArray]]) throws -> [NDArray] {
        guard let prediction else {
            throw LaminaError.invalidArgument(function: "Trainer.predict", detail: "the trainer has no prediction function; pass prediction: when creating it")
        }
        guard !batches.isEmpty else {
            throw LaminaError.invalidArgument(function: "Trainer.predict", detail: "there are no batches to predict")
        }
        let outputs = try batches.map { try prediction.call($0) }
        return try outputs[0].indices.map { k in try NDArray.concatenate(outputs.map { $0[k] }, axis: 0) }
    }
}
