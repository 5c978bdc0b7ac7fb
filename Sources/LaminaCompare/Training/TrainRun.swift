import Foundation
import Lamina
import LaminaGraph
import LaminaTensor

/// Trains one run of a study and records it.
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
/// above 10⁶ stops training: the record is then `diverged` with a NaN test metric.
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

    var epochs: [EpochRecord] = []
    var diverged = false
    training: for epoch in 0..<spec.epochs {
        var lossSum = 0.0, normSum = 0.0, count = 0
        for batch in data.train.batches(size: spec.batchSize, seed: batchOrderSeed(seed: spec.seed, epoch: epoch)) {
            let out = try model.trainStep(batch.inputArray, batch.maskArray, targetArray(batch, task))
            let (loss, norm) = (out[0].scalarValue, out[1].scalarValue)
            if !loss.isFinite || !norm.isFinite || norm > 1e6 {
                diverged = true
                epochs.append(EpochRecord(epoch: epoch + 1, trainingLoss: loss.isFinite ? loss : .nan, validationMetric: .nan, gradientNorm: norm))
                onEpoch(epochs[epochs.count - 1])
                break training
            }
            lossSum += loss
            normSum += norm
            count += 1
        }
        let validation = try evaluate(model, data.validation, task)
        epochs.append(EpochRecord(epoch: epoch + 1, trainingLoss: lossSum / Double(Swift.max(1, count)), validationMetric: validation,
                                  gradientNorm: normSum / Double(Swift.max(1, count))))
        onEpoch(epochs[epochs.count - 1])
    }
    let test = diverged ? Double.nan : try evaluate(model, data.test, task)
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

/// The metric over a whole split, in batches of 256, weighted by examples (or real steps for per-step tasks).
func evaluate(_ model: ComparisonModel, _ split: TaskSplit, _ task: any ComparisonTask) throws -> Double {
    var sum = 0.0, weight = 0.0
    for first in stride(from: 0, to: split.count, by: 256) {
        let batch = split.rows(Array(first ..< Swift.min(first + 256, split.count)))
        sum += try model.evaluate(batch.inputArray, batch.maskArray, targetArray(batch, task))[0].scalarValue
        if case .perStep = task.outputKind { weight += batch.mask.reduce(0) { $0 + Double($1) } } else { weight += Double(batch.count) }
    }
    return weight > 0 ? sum / weight : .nan
}

/// The batch's targets in the form the task's loss takes.
func targetArray(_ batch: TaskSplit, _ task: any ComparisonTask) -> NDArray {
    task.outputKind == .regression ? batch.valueArray : batch.labelArray
}
