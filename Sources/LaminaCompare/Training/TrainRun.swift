import Foundation
import Lamina
import LaminaGraph
import LaminaTensor

/// Trains one run of a study and records it, with Lamina's ``Trainer``.
///
/// The model is the profile's recurrent layer (``InitProfile/makeLayer(cell:incoming:units:libraryDefaults:mask:options:name:)``)
/// and a dense readout of the last (masked) hidden state, or of every step for
/// per-step tasks (copy): Glorot uniform and bias 0 drawn from a seed stream shared
/// by all profiles, or with `spec.libraryDefaults` the profile's ``ReadoutRecipe``. Training uses `spec.optimizer` (Lamina's `adam`,
/// `rmsprop` or `sgd` at `spec.learningRate`; other hyperparameters are Lamina's
/// defaults, or with `spec.libraryDefaults` the profile's ``OptimizerDefaults``
/// together with its library activations) with total-norm clipping when `spec.clipNorm > 0`, on the task's
/// training batches in an order fixed by `spec.seed` and the epoch. Each epoch
/// records the mean training loss, the validation metric and the mean
/// gradient norm (before clipping). A NaN or infinite loss or a gradient norm
/// above 10⁶ stops training (``StopOnNonFinite``): the record is then `diverged` with a NaN test metric.
///
/// With `spec.perturbation` set, every nonzero initial weight is then moved by one
/// unit in the last place (a noise-floor repeat, ``perturbInitialValues(_:seed:perturbation:)``).
/// The record carries the profile's fingerprint (taken before any perturbation),
/// the success threshold and the ablation step of the specification.
///
/// Deterministic from `spec.seed` (data, weights and batch order), and the same
/// on every machine: every product goes through Lamina's fixed-order kernel. `onEpoch`
/// sees each epoch's record as soon as it is made (for live plots).
/// - Throws: ``TaskError`` or ``ProfileError`` for unknown names or missing data,
///   ``TrainingError`` for an unknown optimizer or a bad size; never for divergence.
public func trainRun(_ spec: RunSpecification, onEpoch: (EpochRecord) -> Void = { _ in }) throws -> RunRecord {
    let start = Date()
    let task = try TaskRegistry.named(spec.task)
    let profile = try spec.resolveProfile()
    guard spec.units > 0, spec.batchSize > 0, spec.epochs >= 0 else {
        throw TrainingError.invalid("units, batchSize must be positive and epochs non-negative")
    }
    let data = try task.makeData(seed: spec.seed, options: spec.taskOptions)
    let network = try ComparisonNetwork(task: task, spec: spec, profile: profile, steps: data.train.steps)
    let fingerprint = profileFingerprint(network: network, profile: profile, spec: spec)
    if let k = spec.perturbation { try perturbInitialValues(network.parameters, seed: spec.seed, perturbation: k) }
    let model = try ComparisonModel(network: network, task: task, spec: spec, profile: profile, steps: data.train.steps)
    let radii = try recurrentSpectralRadii(of: model.recurrent)

    let trainer = try Trainer(trainStep: model.trainStep, outputNames: ["loss", "gradient_norm"], evaluation: model.evaluate,
                              evaluationNames: ["metric"], parameters: network.parameters, optimizerState: model.optimizerState,
                              seed: spec.seed)
    trainer.batchWeight = { batch in evaluationWeight(batch, task) }
    var epochs: [EpochRecord] = []
    try withoutActuallyEscaping(onEpoch) { onEpoch in
        trainer.extensions = [
            StopOnNonFinite(monitors: ["loss", "gradient_norm"], limits: ["gradient_norm": 1e6]),
            EpochCallback { _, log in
                epochs.append(epochRecord(log))
                onEpoch(epochs[epochs.count - 1])
            },
        ]
        defer { trainer.extensions = [] }
        try trainer.fit(epochs: spec.epochs, training: trainingBatches(data.train, batchSize: spec.batchSize, task: task),
                        validation: try evaluationBatches(data.validation, task))
    }
    let diverged = trainer.stopReason != nil
    let test = diverged ? Double.nan : try trainer.evaluate(try evaluationBatches(data.test, task))[0].value
    var record = RunRecord(study: spec.study, task: spec.task, profile: spec.profile, seed: spec.seed, epochs: epochs,
                           testMetric: test.isFinite ? test : .nan, metric: task.metricName, higherIsBetter: task.higherIsBetter,
                           wallSeconds: Date().timeIntervalSince(start), diverged: diverged || !test.isFinite, spectralRadius: radii)
    record.perturbation = spec.perturbation
    record.profileFingerprint = fingerprint
    record.successThreshold = spec.successThreshold
    record.baselineMetric = task.baselineMetric(options: spec.taskOptions)
    record.ablation = spec.profileDefinition?.ablation
    return record
}

/// A run's epoch record from the trainer's log: the means of the loss and the gradient norm and the
/// validation metric; for the epoch a divergence cut short, the diverging batch's loss (NaN if infinite)
/// and gradient norm, and a NaN metric.
func epochRecord(_ log: EpochLog) -> EpochRecord {
    let loss = log["loss"] ?? .nan, norm = log["gradient_norm"] ?? .nan
    if log.interrupted {
        return EpochRecord(epoch: log.epoch, trainingLoss: loss.isFinite ? loss : .nan, validationMetric: .nan, gradientNorm: norm)
    }
    return EpochRecord(epoch: log.epoch, trainingLoss: loss, validationMetric: log["val_metric"] ?? .nan, gradientNorm: norm)
}

/// An evaluation batch's weight: its examples, or its real steps for per-step tasks.
func evaluationWeight(_ batch: [NDArray], _ task: any ComparisonTask) -> Double {
    if case .perStep = task.outputKind { return batch[1].scalars(as: Float.self).reduce(0) { $0 + Double($1) } }
    return Double(batch[0].shape[0])
}

/// The batch's targets in the form the task's loss takes.
func targetArray(_ batch: TaskSplit, _ task: any ComparisonTask) -> NDArray {
    task.outputKind == .regression ? batch.valueArray : batch.labelArray
}
