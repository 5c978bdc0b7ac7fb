import Lamina
import LaminaTensor
import Testing

@Suite struct SequenceEstimatorTests {
    /// Ragged sequences of 1 to 6 steps of 2 features.
    static func sequences(_ count: Int, seed: UInt64) -> [[[Float]]] {
        var generator = RandomGenerator(seed: seed)
        let v = generator.uniform(shape: [count, 13], dtype: .float64).scalars(as: Double.self)
        return (0..<count).map { n in (0 ..< 1 + n % 6).map { t in [Float(v[n * 13 + 2 * t] * 2 - 1), Float(v[n * 13 + 2 * t + 1])] } }
    }

    /// With buckets the batches regroup the sequences; predictions still come back in the input's order,
    /// each equal to predicting that sequence alone.
    @Test func predictionsKeepTheInputOrder() throws {
        let x = Self.sequences(20, seed: 1)
        let y = x.map { $0.count > 3 ? 1 : 0 }
        let classifier = SequenceClassifier(classes: 2, options: EstimatorOptions(units: 4, epochs: 2, batchSize: 6, buckets: [2, 4, 6]))
        try classifier.fit(x, y)
        let together = try classifier.probabilities(x)
        for k in [0, 3, 7, 19] {
            let alone = try classifier.probabilities([x[k]])[0]
            #expect(zip(alone, together[k]).allSatisfy { Swift.abs($0 - $1) < 1e-6 }, "sequence \(k): \(alone) vs \(together[k])")
        }
        #expect(together.allSatisfy { Swift.abs($0.reduce(0, +) - 1) < 1e-5 })   // softmax rows sum to 1
    }

    @Test func classifierErrors() throws {
        let x = Self.sequences(4, seed: 2)
        let classifier = SequenceClassifier(classes: 2)
        #expect(throws: LaminaError.invalidArgument(function: "SequenceClassifier.predict", detail: "the classifier is not fitted; call fit(x, y) first")) {
            try classifier.predict(x)
        }
        #expect(throws: LaminaError.invalidArgument(function: "SequenceClassifier.fit", detail: "label 2 is 5; labels must be in 0..<2")) {
            try classifier.fit(x, [0, 1, 5, 0])
        }
        #expect(throws: LaminaError.invalidArgument(function: "SequenceClassifier.fit", detail: "there are 4 sequences but 3 labels")) {
            try classifier.fit(x, [0, 1, 0])
        }
        let bucketed = SequenceClassifier(classes: 2, options: EstimatorOptions(epochs: 1, buckets: [2]))
        #expect(throws: LaminaError.invalidArgument(function: "SequenceBuckets", detail: "sequence 2 has 3 steps, above the last bucket limit 2; add a larger bucket or shorten the sequence")) {
            try bucketed.fit(x, [0, 1, 0, 1])
        }
    }

    /// The regressor learns the mean of the first feature: its squared error falls well below the
    /// variance of the targets, and its predictions have one value per sequence.
    @Test func regressorLearnsTheMean() throws {
        let x = Self.sequences(60, seed: 3)
        let y = x.map { [$0.reduce(0) { $0 + $1[0] } / Float($0.count)] }
        let regressor = SequenceRegressor(outputs: 1, options: EstimatorOptions(units: 8, epochs: 30, batchSize: 10, learningRate: 0.02))
        let logs = try regressor.fit(x, y, validation: (x, y))
        let mean = y.map { Double($0[0]) }.reduce(0, +) / 60
        let variance = y.map { (Double($0[0]) - mean) * (Double($0[0]) - mean) }.reduce(0, +) / 60
        #expect(logs.last!["val_squared_error"]! < variance / 4, "\(logs.last!) vs variance \(variance)")
        #expect(try regressor.predict(x).map(\.count) == Array(repeating: 1, count: 60))
        #expect(throws: LaminaError.invalidArgument(function: "SequenceRegressor.fit", detail: "target row 0 has 2 values; each needs 1")) {
            try regressor.fit(x, y.map { $0 + [0] })
        }
    }
}
