import Foundation
import Lamina
import LaminaGraph
import LaminaTensor

/// The ``Trainer``'s cost per step: one epoch of 8 batches of a masked LSTM (batch 32, 20 steps,
/// 16 features, 64 units, Adam) through `Trainer.fit`, against the same compiled step called by hand in a
/// loop that also reads the loss, in alternating trials of one run.
enum TrainerBenchmarks {
    /// Precomputed batches, the same every epoch (so both sides run the same arrays).
    struct FixedBatches: TrainingData {
        let all: [[NDArray]]
        func batches(seed: UInt64) throws -> [[NDArray]] { all }
    }

    static func run() throws {
        let (batch, steps, features, units) = (32, 20, 16, 64)
        let (input, mask, readout) = try LayerDefaults.using(floatX: .float32, seed: 1) {
            let input = try InputLayer(shape: [nil, steps, features], name: "input"), mask = try InputLayer(shape: [nil, steps], name: "mask")
            let lstm = try LSTMLayer(incoming: input, units: units, mask: mask, options: RecurrentOptions(onlyReturnFinal: true), name: "lstm")
            return (input, mask, try DenseLayer(incoming: lstm, units: 10, nonlinearity: .softmax, name: "readout"))
        }
        let targets = Expr.input("targets", dtype: .int32, shape: [nil])
        let loss = try aggregate(categoricalCrossEntropy(output(of: readout), targets))
        let params = allParams(of: readout, tags: [.trainable])
        let updates = try adam(.loss(loss), params: params, learningRate: 1e-4)
        let step = try function(inputs: [input.inputVar, mask.inputVar, targets], outputs: [loss], updates: updates)
        var generator = RandomGenerator(seed: 2)
        let batches: [[NDArray]] = (0..<8).map { k in
            [generator.uniform(shape: [batch, steps, features]), NDArray(repeating: 1, shape: [batch, steps]),
             NDArray((0..<batch).map { Int32(($0 + k) % 10) })]
        }
        let trainer = try Trainer(trainStep: step, parameters: allParams(of: readout),
                                  optimizerState: optimizerState(of: updates, parameters: allParams(of: readout)))
        let data = FixedBatches(all: batches)
        var sink = 0.0
        let byHandEpoch: () throws -> Void = {
            var sum = 0.0
            for b in batches { sum += try step.call(b)[0].scalarValue }
            sink += sum / Double(batches.count)
        }
        let trainerEpoch: () throws -> Void = { _ = try trainer.fit(epochs: trainer.epoch + 1, training: data) }
        // Both orders, since the body timed second in a trial can gain or lose from the first.
        let first = try Timing.compare(trials: 9, minimumSeconds: 0.5, byHandEpoch, trainerEpoch)
        let second = try Timing.compare(trials: 9, minimumSeconds: 0.5, trainerEpoch, byHandEpoch)
        let ratio = (1 / first.ratio + second.ratio) / 2
        print("trainer: one epoch of 8 LSTM steps (batch 32, 20 steps, 16 → 64 units, Adam)")
        print("  by hand      \(Timing.format(first.a)) (timed first), \(Timing.format(second.b)) (timed second)")
        print("  Trainer.fit  \(Timing.format(first.b)) (timed second), \(Timing.format(second.a)) (timed first)")
        print(String(format: "  Trainer / by hand = %.4f (%.4f, %.4f in the two orders; %+.2f%% per step)", ratio, 1 / first.ratio, second.ratio, (ratio - 1) * 100))
        if sink.isNaN { print("(NaN loss)") }
    }
}
