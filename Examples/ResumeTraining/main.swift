// Resuming a checkpointed run: trains a small masked GRU classifier for 6 epochs straight, then again
// for 3 epochs with a checkpoint after each, rebuilds everything from scratch (as a new process would,
// with other initial weights), loads the checkpoint and trains the last 3 epochs. Prints both runs'
// logs and whether every parameter, optimizer slot and logged number is identical (it is, bit for bit).
//
//     swift run -c release ResumeTraining [checkpoint.npz]
import Foundation
import Lamina
import LaminaGraph
import LaminaTensor

let path = CommandLine.arguments.dropFirst().first ?? NSTemporaryDirectory() + "resume-training.npz"

/// A model and its trainer, built from scratch; `initSeed` draws the initial weights.
func makeTrainer(initSeed: UInt64) throws -> Trainer {
    let (input, mask, readout) = try LayerDefaults.using(floatX: .float32, seed: initSeed) {
        let input = try InputLayer(shape: [nil, nil, 1], name: "input"), mask = try InputLayer(shape: [nil, nil], name: "mask")
        let gru = try GRULayer(incoming: input, units: 8, mask: mask, options: RecurrentOptions(onlyReturnFinal: true), name: "gru")
        return (input, mask, try DenseLayer(incoming: gru, units: 2, nonlinearity: .softmax, name: "readout"))
    }
    let targets = Expr.input("targets", dtype: .int32, shape: [nil])
    let loss = try aggregate(categoricalCrossEntropy(output(of: readout), targets))
    let params = allParams(of: readout, tags: [.trainable]), all = allParams(of: readout)
    let schedule = LearningRateSchedule(initial: 0.02, kind: .cosine(epochs: 6, minimum: 0.002))
    let updates = try adam(.loss(loss), params: params, learningRate: schedule.hyperparameter)
    let inputs = [input.inputVar, mask.inputVar, targets]
    let accuracy = try aggregate(categoricalAccuracy(output(of: readout, deterministic: true), targets), mode: .sum)
    let trainer = try Trainer(trainStep: function(inputs: inputs, outputs: [loss], updates: updates), evaluation: function(inputs: inputs, outputs: [accuracy]),
                              evaluationNames: ["accuracy"], parameters: all, optimizerState: optimizerState(of: updates, parameters: all), seed: 11)
    trainer.extensions = [schedule]
    return trainer
}

/// Sequences of 3…10 numbers; the label says whether the first is larger than the last.
var generator = RandomGenerator(seed: 5)
let raw = generator.uniform(shape: [400, 11], dtype: .float64).scalars(as: Double.self)
let x: [[[Float]]] = (0..<400).map { n in (0 ..< 3 + Int(raw[n * 11] * 8)).map { [Float(raw[n * 11 + 1 + $0])] } }
let y = NDArray(x.map { Int32($0.first![0] > $0.last![0] ? 1 : 0) })
let training = try SequenceBatches(Array(x[..<300]), targets: try y.slice([.range(0, 300)]), batchSize: 20, buckets: SequenceBuckets(limits: [5, 10]))
let held = try SequenceBatches(Array(x[300...]), targets: try y.slice([.range(300, 400)]), batchSize: 100, shuffle: false)
let validation = try held.batches(seed: 0)

let straight = try makeTrainer(initSeed: 1)
try straight.fit(epochs: 6, training: training, validation: validation)

let first = try makeTrainer(initSeed: 1)
first.extensions.append(CheckpointSaver(path: path))
try first.fit(epochs: 3, training: training, validation: validation)
let resumed = try makeTrainer(initSeed: 999)
try resumed.loadCheckpoint(from: path)
try resumed.fit(epochs: 6, training: training, validation: validation)

for (a, b) in zip(straight.history, resumed.history) {
    print("epoch \(a.epoch): straight loss \(a["loss"]!) accuracy \(a["val_accuracy"]!) | resumed loss \(b["loss"]!) accuracy \(b["val_accuracy"]!)")
}
let same = straight.history == resumed.history
    && zip(straight.parameters + straight.optimizerState, resumed.parameters + resumed.optimizerState)
        .allSatisfy { $0.value.doubles.map(\.bitPattern) == $1.value.doubles.map(\.bitPattern) }
print("resumed run identical to the straight run:", same)
