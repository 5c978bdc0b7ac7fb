import Foundation
import Testing
@testable import LaminaCompare

/// ``trainRun(_:)`` on tiny runs.
@Suite struct TrainingRunTests {
    func spec(profile: String = "keras2", cell: String = "lstm", task: String = "adding", learningRate: Double = 0.01,
              optimizer: String = "adam", clipNorm: Double = 0, options: [String: Double] = ["length": 10, "examples": 64]) -> RunSpecification {
        RunSpecification(study: "test", task: task, profile: profile, seed: 3, cell: cell, units: 8, epochs: 2, batchSize: 16,
                         optimizer: optimizer, learningRate: learningRate, clipNorm: clipNorm, libraryDefaults: false, taskOptions: options)
    }

    @Test func tinyAddingRunIsFiniteAndReproducibleBitForBit() throws {
        let a = try trainRun(spec())
        let b = try trainRun(spec())
        #expect(!a.diverged && a.epochs.count == 2 && a.metric == "mse" && !a.higherIsBetter)
        #expect(a.testMetric.isFinite && a.epochs.allSatisfy { $0.trainingLoss.isFinite && $0.validationMetric.isFinite && $0.gradientNorm > 0 })
        #expect(Set(a.spectralRadius.keys) == ["input", "forget", "cell", "output"])
        var (x, y) = (a, b)
        x.wallSeconds = 0
        y.wallSeconds = 0
        #expect(x == y)
        #expect(a.testMetric.bitPattern == b.testMetric.bitPattern)
        #expect(a.key.description == "test|adding|keras2|3")
    }

    @Test func everyCellAndOptimizerRuns() throws {
        for (cell, opt, clip) in [("gru", "rmsprop", 1.0), ("rnn", "sgd", 0.0)] {
            let r = try trainRun(spec(profile: "pytorch", cell: cell, learningRate: 0.01, optimizer: opt, clipNorm: clip))
            #expect(!r.diverged && r.testMetric.isFinite)
        }
        #expect(throws: TrainingError.unknownOptimizer("lbfgs")) { try trainRun(spec(optimizer: "lbfgs")) }
    }

    @Test func copyRunRecordsCrossEntropy() throws {
        let r = try trainRun(spec(task: "copy", options: ["length": 5, "examples": 32]))
        #expect(r.metric == "cross-entropy" && r.testMetric.isFinite && r.testMetric > 0)
    }

    @Test func divergenceIsRecordedNotThrown() throws {
        let r = try trainRun(spec(profile: "lasagne", cell: "rnn", learningRate: 1e12, optimizer: "sgd"))
        #expect(r.diverged)
        #expect(r.testMetric.isNaN)
        #expect(!r.epochs.isEmpty)
    }
}

/// Library defaults: activations and optimizer constants.
@Suite struct TrainingLibraryDefaultsTests {
    @Test func optimizerDefaultsFollowTheReference() {
        let torch = OptimizerDefaults.of(profile: "pytorch")
        #expect(torch.rmspropRho == 0.99 && torch.rmspropEpsilon == 1e-8 && torch.rmspropPlacement == .outsideSquareRoot && torch.adamForm == .biasCorrected)
        let tf = OptimizerDefaults.of(profile: "tf1")
        #expect(tf.rmspropEpsilon == 1e-10 && tf.rmspropPlacement == .insideSquareRoot && tf.rmspropInitialAccumulator == 1)
        #expect(OptimizerDefaults.of(profile: "keras1.0").rmspropEpsilon == 1e-6 && OptimizerDefaults.of(profile: "keras3").adamEpsilon == 1e-7)
        #expect(OptimizerDefaults.of(profile: "flax") != OptimizerDefaults.of(profile: "pytorch"))
    }

    @Test func libraryDefaultsRunDiffersFromSharedRun() throws {
        var spec = RunSpecification(study: "t", task: "adding", profile: "keras1.0", seed: 4, cell: "lstm", units: 6, epochs: 1, batchSize: 16,
                                    optimizer: "rmsprop", learningRate: 0.01, clipNorm: 0, libraryDefaults: false,
                                    taskOptions: ["length": 8, "examples": 32])
        let shared = try trainRun(spec)
        spec.libraryDefaults = true
        let library = try trainRun(spec)
        #expect(!library.diverged && library.testMetric.isFinite)
        #expect(library.testMetric != shared.testMetric)
        #expect(library.spectralRadius == shared.spectralRadius)
    }
}

/// A classification run on the real digits file (skipped when python3-sklearn is not installed).
@Suite struct TrainingDigitsTests {
    @Test(.enabled(if: FileManager.default.fileExists(atPath: DigitsTask().path), "needs python3-sklearn's digits (bash .ci/setup)"))
    func digitsRunRecordsAccuracy() throws {
        let spec = RunSpecification(study: "t", task: "digits", profile: "chainer", seed: 1, cell: "gru", units: 8, epochs: 1, batchSize: 32,
                                    optimizer: "adam", learningRate: 0.01, clipNorm: 5, libraryDefaults: false, taskOptions: ["examples": 300])
        let r = try trainRun(spec)
        #expect(r.metric == "accuracy" && r.higherIsBetter && !r.diverged)
        #expect((0...1).contains(r.testMetric) && (0...1).contains(r.epochs[0].validationMetric))
        // An accuracy is a count of right answers over the test split's size.
        let n = Double(try DigitsTask().makeData(seed: 1, options: ["examples": 300]).test.count)
        #expect(Swift.abs(r.testMetric * n - (r.testMetric * n).rounded()) < 1e-9, "\(r.testMetric) is not k/\(n)")
    }
}
