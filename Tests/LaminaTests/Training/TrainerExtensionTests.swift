import Foundation
import Lamina
import LaminaGraph
import LaminaTensor
import Testing
import LaminaTestSupport

/// Trainers whose numbers are known by hand: the "loss" of a batch is the sum of its inputs, and a shared
/// counter c goes up by 1 per batch; the validation value is (c − 3)² per example.
private struct CountingTrainer {
    let trainer: Trainer
    let counter: Shared

    init(seed: UInt64 = 0) throws {
        let x = Expr.input("x", dtype: .float64, shape: [nil])
        let counter = Shared(NDArray(scalar: 0.0), name: "c")
        let step = try function(inputs: [x], outputs: [x.sum()], updates: [(counter, try counter + 1)])
        let distance = try (counter - 3.0).square() * x.sum()
        let evaluation = try function(inputs: [x], outputs: [distance])
        trainer = try Trainer(trainStep: step, outputNames: ["loss"], evaluation: evaluation, evaluationNames: ["distance"],
                              parameters: [counter], seed: seed)
        self.counter = counter
    }

    /// x = 1, 2, 3, 4, 5 in batches [1, 2], [3, 4], [5] (no shuffling).
    static var training: ArrayBatches { try! ArrayBatches([NDArray([1, 2, 3, 4, 5] as [Double])], batchSize: 2, shuffle: false) }
    /// One example, x = 1, so its value is (c − 3)².
    static var validation: [[NDArray]] { [[NDArray([1] as [Double])]] }
}

/// A text stream that keeps what it is given.
private struct Captured: TextOutputStream {
    var text = ""
    mutating func write(_ string: String) { text += string }
}

@Suite struct TrainerExtensionTests {
    @Test func epochLogsHoldMeansAndValidation() throws {
        let t = try CountingTrainer()
        let logs = try t.trainer.fit(epochs: 2, training: CountingTrainer.training, validation: CountingTrainer.validation)
        // Epoch 1: losses 3, 7, 5 → mean 5; c = 3 → (3 − 3)² = 0. Epoch 2: mean 5; c = 6 → 9.
        #expect(logs == [EpochLog(epoch: 1, names: ["loss", "val_distance"], values: [5, 0]),
                         EpochLog(epoch: 2, names: ["loss", "val_distance"], values: [5, 9])])
    }

    @Test func progressBarShowsLossAndTimeRemaining() throws {
        let t = try CountingTrainer()
        var now = 0.0
        let bar = ProgressBar(to: Captured(), width: 6, clock: { now += 1; return now })
        t.trainer.extensions = [bar]
        try t.trainer.fit(epochs: 1, training: CountingTrainer.training, validation: CountingTrainer.validation)
        // The clock ticks 1 s per reading: start 1; batch 1 at 2 (1 s for 1 batch, 2 left → 2.0 s);
        // batch 2 at 3 (2 s / 2 batches, 1 left → 1.0 s); batch 3 at 4 (0 left); the end at 5 (4 s).
        // Running loss: 3/1 = 3, (3+7)/2 = 5, 15/3 = 5.
        #expect(bar.stream.text == "\repoch 1/1 [##----] 1/3 loss 3 eta 2.0s"
                + "\repoch 1/1 [####--] 2/3 loss 5 eta 1.0s"
                + "\repoch 1/1 [######] 3/3 loss 5 eta 0.0s"
                + "\repoch 1/1 [######] 3/3 loss 5 val_distance 0 4.0s\n")
    }

    @Test func logFilesInJSONLinesAndCSV() throws {
        let folder = try temporaryFolder("logs")
        let t = try CountingTrainer()
        t.trainer.extensions = [EpochLogFile(path: folder + "/log.jsonl"), EpochLogFile(path: folder + "/log.csv", format: .csv)]
        try t.trainer.fit(epochs: 2, training: CountingTrainer.training, validation: CountingTrainer.validation)
        #expect(try String(contentsOfFile: folder + "/log.jsonl", encoding: .utf8)
                == "{\"epoch\": 1, \"loss\": 5.0, \"val_distance\": 0.0}\n{\"epoch\": 2, \"loss\": 5.0, \"val_distance\": 9.0}\n")
        #expect(try String(contentsOfFile: folder + "/log.csv", encoding: .utf8) == "epoch,loss,val_distance\n1,5.0,0.0\n2,5.0,9.0\n")
        #expect(EpochLogFile.render([EpochLog(epoch: 1, names: ["loss"], values: [.nan], interrupted: true)], format: .jsonLines)
                == "{\"epoch\": 1, \"loss\": null, \"interrupted\": true}\n")
    }

    /// c after epoch e is 3e, so the distance per epoch is (3e − 3)²: 0, 9, 36, … The best is epoch 1;
    /// with patience 2 the run stops after epoch 3 and puts c back to 3.
    @Test func earlyStoppingRestoresTheBestEpoch() throws {
        let t = try CountingTrainer()
        let stopping = EarlyStopping(monitor: "val_distance", mode: .min, patience: 2, restoreBest: true)
        t.trainer.extensions = [stopping]
        try t.trainer.fit(epochs: 10, training: CountingTrainer.training, validation: CountingTrainer.validation)
        #expect(t.trainer.history.map { $0["val_distance"]! } == [0, 9, 36])
        #expect(stopping.bestEpoch == 1 && stopping.best == 0)
        #expect(t.counter.value.scalarValue == 3)
        #expect(t.trainer.stopReason == "val_distance has not improved for 2 epoch(s) (best 0.0 at epoch 1)")
    }

    @Test func earlyStoppingNamesAMissingMonitor() throws {
        let t = try CountingTrainer()
        t.trainer.extensions = [EarlyStopping(monitor: "val_accuracy")]
        #expect(throws: LaminaError.invalidArgument(function: "EarlyStopping", detail: "the epoch log has no value val_accuracy; it has loss, val_distance")) {
            try t.trainer.fit(epochs: 1, training: CountingTrainer.training, validation: CountingTrainer.validation)
        }
    }

    @Test func scheduleFormulas() throws {
        let step = LearningRateSchedule(initial: 0.1, kind: .step(every: 2, factor: 0.5))
        #expect((0..<5).map { step.rate(atEpoch: $0)! } == [0.1, 0.1, 0.05, 0.05, 0.025])   // 0.1 · 0.5^⌊e/2⌋
        let exponential = LearningRateSchedule(initial: 2, kind: .exponential(gamma: 0.5))
        #expect((0..<3).map { exponential.rate(atEpoch: $0)! } == [2, 1, 0.5])             // 2 · 0.5ᵉ
        let cosine = LearningRateSchedule(initial: 1, kind: .cosine(epochs: 4, minimum: 0))
        // (1 + cos(π e / 4)) / 2: 1, 0.8535533905932737 (numpy: (1+np.cos(np.pi/4))/2), 0.5, …, 0 after 4.
        expectClose((0..<6).map { cosine.rate(atEpoch: $0)! }, [1, 0.8535533905932737, 0.5, 0.14644660940672627, 0, 0],
                    absolute: 1e-12, relative: 0)
    }

    /// Distances 0, 9, 36, 81: no improvement after epoch 1, so with patience 2 the rate halves after epoch 3.
    @Test func plateauScheduleHalvesTheRate() throws {
        let t = try CountingTrainer()
        let schedule = LearningRateSchedule(initial: 0.4, kind: .plateau(monitor: "val_distance", mode: .min, factor: 0.5, patience: 2, minDelta: 0, minimum: 0.15))
        var rates: [Double] = []
        t.trainer.extensions = [schedule, EpochCallback { _, _ in rates.append(schedule.current) }]
        try t.trainer.fit(epochs: 6, training: CountingTrainer.training, validation: CountingTrainer.validation)
        #expect(rates == [0.4, 0.4, 0.2, 0.2, 0.15, 0.15])   // halved after epochs 3 and 5, not below 0.15
    }

    @Test func stopOnNonFiniteOrAboveALimit() throws {
        let t = try CountingTrainer()
        t.trainer.extensions = [StopOnNonFinite(limits: ["loss": 6])]
        try t.trainer.fit(epochs: 3, training: CountingTrainer.training, validation: CountingTrainer.validation)
        // Batch 2's loss 3 + 4 = 7 > 6: the epoch is logged with it, NaN validation, and nothing more trains.
        #expect(t.trainer.history == [EpochLog(epoch: 1, names: ["loss", "val_distance"], values: [7, .nan], interrupted: true)])
        #expect(t.counter.value.scalarValue == 2)
        #expect(t.trainer.stopReason == "loss is 7.0, above 6.0, at batch 2 of epoch 1")

        let n = try CountingTrainer()
        n.trainer.extensions = [StopOnNonFinite()]
        try n.trainer.fit(epochs: 1, training: ArrayBatches([NDArray([1, .infinity, 2] as [Double])], batchSize: 1, shuffle: false))
        #expect(n.trainer.history.count == 1 && n.trainer.history[0]["loss"] == .infinity && n.counter.value.scalarValue == 2)
    }

    /// The batch order is drawn from the seed: the same seed gives the same batches, epochs differ.
    @Test func batchOrderFollowsTheSeed() throws {
        let data = try ArrayBatches([NDArray((0..<10).map(Double.init))], batchSize: 10)
        let epoch0 = try data.batches(seed: Trainer.epochSeed(seed: 7, epoch: 0))[0][0].doubles
        #expect(epoch0 == seededOrder(10, seed: 7).map(Double.init))
        #expect(try data.batches(seed: Trainer.epochSeed(seed: 7, epoch: 1))[0][0].doubles == seededOrder(10, seed: 7 + 1_000_003).map(Double.init))
        #expect(Set(epoch0) == Set((0..<10).map(Double.init)) && epoch0 != (0..<10).map(Double.init))
    }

    @Test func evaluateAndPredict() throws {
        let x = Expr.input("x", dtype: .float64, shape: [nil])
        let step = try function(inputs: [x], outputs: [x.sum()])
        let trainer = try Trainer(trainStep: step, evaluation: step, evaluationNames: ["sum"],
                                  prediction: function(inputs: [x], outputs: [x * 2]), parameters: [])
        // (1 + 2 + 3 + 4) / 4 examples = 2.5
        #expect(try trainer.evaluate([[NDArray([1, 2] as [Double])], [NDArray([3, 4] as [Double])]]).map(\.value) == [2.5])
        #expect(try trainer.predict([[NDArray([1, 2] as [Double])], [NDArray([3] as [Double])]])[0].doubles == [2, 4, 6])
        #expect(throws: LaminaError.invalidArgument(function: "Trainer", detail: "the training step has 1 output(s) but 2 name(s) were given; name each output, the loss first")) {
            try Trainer(trainStep: step, outputNames: ["loss", "norm"], parameters: [])
        }
    }
}
