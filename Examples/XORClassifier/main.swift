// A two-layer network learns a noisy XOR of two inputs with plain gradient
// descent, built directly on the expression engine: symbolic inputs, shared
// parameters, `grad`, and a compiled training step with updates.
import LaminaGraph
import LaminaTensor

var rng = RandomGenerator(seed: 42)

/// Points around the four corners of the unit square; label = XOR of the corner.
func makeData(count: Int, rng: inout RandomGenerator) -> (NDArray, NDArray) {
    let corners: [Double] = rng.uniform(shape: [count, 2]).doubles.map { $0 < 0.5 ? 0.0 : 1.0 }
    let noise: [Double] = rng.normal(shape: [count, 2], std: 0.15).doubles
    var x: [Float] = []
    for (c, n) in zip(corners, noise) { x.append(Float(c + n)) }
    var y: [Int32] = []
    for i in 0..<count { y.append(corners[2 * i] != corners[2 * i + 1] ? 1 : 0) }
    return (NDArray(x, shape: [count, 2]), NDArray(y, shape: [count]))
}

let (trainX, trainY) = makeData(count: 512, rng: &rng)
let (testX, testY) = makeData(count: 512, rng: &rng)

let hidden = 16
let x = Expr.input("x", shape: [nil, 2])
let y = Expr.input("y", dtype: .int32, shape: [nil])
let W1 = Shared(rng.normal(shape: [2, hidden], std: 1.0), name: "W1")
let b1 = Shared(NDArray(zeros: [hidden]), name: "b1")
let W2 = Shared(rng.normal(shape: [hidden, 2], std: 0.5), name: "W2")
let b2 = Shared(NDArray(zeros: [2]), name: "b2")

let h = try (x.dot(W1) + b1).tanh()
let probabilities = try (h.dot(W2) + b2).softmax()
let loss = try probabilities.categoricalCrossEntropy(y).mean()
let accuracy = try probabilities.argmax(axis: 1).isEqual(to: y).cast(to: .float32).mean()

let params = [W1, b1, W2, b2]
let grads = try grad(loss, wrt: params)
let learningRate = 0.5
let updates = try zip(params, grads).map { ($0, try $0 - $1 * learningRate) }
let trainStep = try function(inputs: [x, y], outputs: [loss], updates: updates)
let evaluate = try function(inputs: [x, y], outputs: [loss, accuracy])

print("compiled training step:", trainStep.steps.joined(separator: " | "))
for epoch in 0...300 {
    let l = try trainStep(trainX, trainY)[0].scalarValue
    if epoch % 50 == 0 {
        let r = try evaluate(testX, testY)
        print("epoch \(epoch): train loss \(String(format: "%.4f", l)), test loss \(String(format: "%.4f", r[0].scalarValue)), test accuracy \(String(format: "%.3f", r[1].scalarValue))")
    }
}
