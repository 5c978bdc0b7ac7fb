// The sequence estimator in a few lines: classify ragged sequences (4 to 12 steps of one number in
// [-1, 1]) by whether their sum is positive, with SequenceClassifier (a masked LSTM, Adam, length
// buckets). The data is generated in code; prints the test accuracy.
//
//     swift run -c release SequenceEstimator
import Lamina
import LaminaTensor

/// `count` sequences of 4…12 steps drawn from `seed`, labelled 1 when their sum is positive.
func sumTask(count: Int, seed: UInt64) -> (x: [[[Float]]], y: [Int]) {
    var generator = RandomGenerator(seed: seed)
    let values = generator.uniform(shape: [count, 13], dtype: .float64).scalars(as: Double.self)
    let x = (0..<count).map { n in
        (0 ..< 4 + Int(values[n * 13] * 9)).map { t in [Float(values[n * 13 + 1 + t] * 2 - 1)] }
    }
    return (x, x.map { $0.reduce(0) { $0 + $1[0] } > 0 ? 1 : 0 })
}

let (train, test) = (sumTask(count: 1000, seed: 1), sumTask(count: 300, seed: 2))
let classifier = SequenceClassifier(classes: 2, options: EstimatorOptions(units: 16, epochs: 15, batchSize: 25, buckets: [6, 9, 12], seed: 3))
try classifier.fit(train.x, train.y)
print("test accuracy:", try classifier.accuracy(test.x, test.y))
