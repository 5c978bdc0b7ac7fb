import Foundation
import Lamina
import LaminaGraph
import LaminaTensor

/// A small masked LSTM classifier with dropout, Adam and a stepped learning rate, built from scratch as a
/// fresh process would build it: every call makes new variables and compiles new functions.
struct TrainerTestModel {
    let trainer: Trainer
    let schedule: LearningRateSchedule
    let output: Layer

    /// The model; `initSeed` draws the weights, `units` sets the LSTM's size.
    init(initSeed: UInt64, units: Int = 4, optimizer: String = "adam", extensions: [any TrainerExtension] = []) throws {
        let (input, mask, lstm, drop, dense) = try LayerDefaults.using(floatX: .float32, seed: initSeed) {
            let input = try InputLayer(shape: [nil, 5, 2], name: "input")
            let mask = try InputLayer(shape: [nil, 5], name: "mask")
            let lstm = try LSTMLayer(incoming: input, units: units, mask: mask, options: RecurrentOptions(onlyReturnFinal: true), name: "lstm")
            let drop = try DropoutLayer(incoming: lstm, p: 0.25, seed: 11, name: "drop")
            let dense = try DenseLayer(incoming: drop, units: 2, nonlinearity: .softmax, name: "out")
            return (input, mask, lstm, drop, dense)
        }
        _ = (lstm, drop)
        let targets = Expr.input("targets", dtype: .int32, shape: [nil])
        let loss = try aggregate(categoricalCrossEntropy(Lamina.output(of: dense), targets))
        let params = allParams(of: dense, tags: [.trainable])
        schedule = LearningRateSchedule(initial: 0.05, kind: .step(every: 1, factor: 0.8))
        var updates: [(Shared, Expr)]
        switch optimizer {
        case "momentum": updates = try momentum(.loss(loss), params: params, learningRate: schedule.hyperparameter)
        default: updates = try adam(.loss(loss), params: params, learningRate: schedule.hyperparameter)
        }
        let inputs = [input.inputVar, mask.inputVar, targets]
        let step = try function(inputs: inputs, outputs: [loss], updates: updates)
        let p = try Lamina.output(of: dense, deterministic: true)
        let evaluation = try function(inputs: inputs, outputs: [aggregate(categoricalAccuracy(p, targets), mode: .sum),
                                                                aggregate(categoricalCrossEntropy(p, targets), mode: .sum)])
        let prediction = try function(inputs: [input.inputVar, mask.inputVar], outputs: [p])
        let all = allParams(of: dense)
        trainer = try Trainer(trainStep: step, outputNames: ["loss"], evaluation: evaluation, evaluationNames: ["accuracy", "loss"],
                              prediction: prediction, parameters: all,
                              optimizerState: optimizerState(of: updates, parameters: all, outputs: [loss]), seed: 3)
        trainer.extensions = [schedule] + extensions
        output = dense
    }

    /// 23 sequences of 1 to 5 steps of 2 features; the label says whether the first features sum above 0.
    static func data() -> (x: NDArray, mask: NDArray, y: NDArray) {
        var generator = RandomGenerator(seed: 42)
        let x = generator.uniform(shape: [23, 5, 2], dtype: .float64).scalars(as: Double.self).map { Float($0 * 2 - 1) }
        var mask = [Float](), labels = [Int32]()
        for row in 0..<23 {
            let length = row % 5 + 1
            mask += (0..<5).map { $0 < length ? 1 : 0 }
            labels.append((0..<length).map { x[(row * 5 + $0) * 2] }.reduce(0, +) > 0 ? 1 : 0)
        }
        return (NDArray(x, shape: [23, 5, 2]), NDArray(mask, shape: [23, 5]), NDArray(labels))
    }

    static func training() throws -> ArrayBatches {
        let d = data()
        return try ArrayBatches([d.x, d.mask, d.y], batchSize: 5)
    }

    static func validation() -> [[NDArray]] {
        let d = data()
        return [[d.x, d.mask, d.y]]
    }
}

/// A fresh temporary folder.
func temporaryFolder(_ name: String) throws -> String {
    let path = NSTemporaryDirectory() + "lamina-\(name)-\(UInt32.random(in: 0...UInt32.max))"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Every bit of every value of `variables`.
func bits(_ variables: [Shared]) -> [[UInt64]] {
    variables.map { $0.value.doubles.map(\.bitPattern) }
}
