// A multilayer perceptron trained on scikit-learn's handwritten digits
// (installed by Debian's python3-sklearn), built layer by layer with Lamina:
// input → dense 128 (ReLU) → dropout → dense 10 (softmax), Adam, minibatches.
// Prints the test accuracy.
import Foundation
import Lamina
import LaminaGraph
import LaminaTensor

do {
    let digits = try DigitsDataset.load()
    let (train, test) = digits.split(testFraction: 0.2, seed: 0)
    print("digits: \(train.count) training and \(test.count) test images of 8×8 pixels")

    // The network: every layer's output is an expression, every parameter a shared variable.
    let (input, network) = try LayerDefaults.using(seed: 42) {
        let input = try InputLayer(shape: [nil, 64], name: "pixels")
        let hidden = try DenseLayer(incoming: input, units: 128, W: HeUniform(), name: "hidden")
        let dropped = try DropoutLayer(incoming: hidden, p: 0.2, name: "dropout")
        let output = try DenseLayer(incoming: dropped, units: 10, nonlinearity: .softmax, name: "output")
        return (input, output)
    }
    print("parameters:", allParams(of: network).map { "\($0.name ?? "?") \(formatShape($0.value.shape))" }.joined(separator: ", "),
          "(\(countParams(of: [network])) values)")

    let labels = Expr.input("labels", dtype: .int32, shape: [nil])
    let probabilities = try output(of: network)
    let loss = try aggregate(categoricalCrossEntropy(probabilities, labels))
        + regularizeNetworkParams(network, l2) * 1e-5
    let params = allParams(of: network, tags: [.trainable])
    let updates = try adam(.loss(loss), params: params, learningRate: 0.005)
    let trainStep = try function(inputs: [input.inputVar, labels], outputs: [loss], updates: updates)

    let testProbabilities = try output(of: network, deterministic: true)
    let accuracy = try aggregate(categoricalAccuracy(testProbabilities, labels))
    let evaluate = try function(inputs: [input.inputVar, labels], outputs: [accuracy])

    let start = Date()
    for epoch in 1...20 {
        var total = 0.0
        let batches = train.batches(size: 64, seed: UInt64(epoch))
        for batch in batches { total += try trainStep(batch.images, batch.labels)[0].scalarValue }
        if epoch % 5 == 0 {
            let testAccuracy = try evaluate(test.images, test.labels)[0].scalarValue
            print(String(format: "epoch %2d: training loss %.4f, test accuracy %.2f%%", epoch, total / Double(batches.count), 100 * testAccuracy))
        }
    }
    let final = try evaluate(test.images, test.labels)[0].scalarValue
    print(String(format: "test accuracy: %.2f%% (%d test images, trained in %.1f s)", 100 * final, test.count, Date().timeIntervalSince(start)))
} catch {
    print("error: \(error)")
    exit(1)
}
