import Foundation
import Testing
import LaminaTensor
import LaminaGraph
@testable import Lamina

@Suite("Digits data and a trained MLP")
struct DigitsTrainingTests {
    @Test func loadsTheDigitsFromPython3Sklearn() throws {
        let digits = try DigitsDataset.load()
        #expect(digits.images.shape == [1797, 64] && digits.labels.shape == [1797])
        #expect(digits.images.doubles.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(Set(digits.labels.doubles) == Set((0...9).map(Double.init)))
        // The first image of scikit-learn's load_digits() is a 0 beginning 0, 0, 5, 13, 9, 1.
        #expect(digits.labels.doubles[0] == 0 && Array(digits.images.doubles[0..<6]) == [0, 0, 5, 13, 9, 1].map { $0 / 16 })
        let (train, test) = digits.split(testFraction: 0.2, seed: 0)
        #expect(train.count == 1438 && test.count == 359)
        let batches = train.batches(size: 500, seed: 1)
        #expect(batches.map(\.count) == [500, 500, 438])
    }

    @Test func aMissingFileNamesThePackageAndTheInstallCommand() {
        let text = message { _ = try DigitsDataset.load(path: "/nonexistent/digits.csv.gz") }
        #expect(text.contains("python3-sklearn") && text.contains("apt-get install -y python3-sklearn"))
    }

    /// The multilayer perceptron of Examples/DigitsMLP, smaller and briefly
    /// trained: it must beat 90% test accuracy.
    @Test func anMLPBeatsNinetyPercentTestAccuracy() throws {
        let (train, test) = try DigitsDataset.load().split(testFraction: 0.2, seed: 0)
        let (input, network) = try LayerDefaults.using(seed: 42) {
            let input = try InputLayer(shape: [nil, 64])
            let hidden = try DenseLayer(incoming: input, units: 64, W: HeUniform())
            return (input, try DenseLayer(incoming: hidden, units: 10, nonlinearity: .softmax))
        }
        let labels = Expr.input("labels", dtype: .int32, shape: [nil])
        let loss = try aggregate(categoricalCrossEntropy(output(of: network), labels))
        let step = try function(inputs: [input.inputVar, labels], outputs: [loss],
                                updates: adam(.loss(loss), params: allParams(of: network, tags: [.trainable]), learningRate: 0.01))
        let accuracy = try aggregate(categoricalAccuracy(output(of: network, deterministic: true), labels))
        let evaluate = try function(inputs: [input.inputVar, labels], outputs: [accuracy])
        let before = try evaluate(test.images, test.labels)[0].scalarValue
        for epoch in 1...4 {
            for batch in train.batches(size: 64, seed: UInt64(epoch)) { _ = try step(batch.images, batch.labels) }
        }
        let after = try evaluate(test.images, test.labels)[0].scalarValue
        #expect(before < 0.5 && after > 0.9, "test accuracy \(before) before training, \(after) after")
    }
}
