// A stacked recurrent network in one loop: two LSTM levels and a GRU level in
// a StackedCell, where at every step each level reads the step's input and
// the level below's output at the same step (Blocks' stacked bricks). The
// task, generated in code: read a string of digits 0–4 and output, at every
// step, the running sum modulo 5. Prints the per-step accuracy on 1000
// held-out strings; every level's hidden state is tapped from the same loop.
//
//     swift run -c release StackedRNN [iterations]
//
// Measured (release, 2 shared cores, 2026-12-03): held-out per-step accuracy
// 24.6% after 200 iterations, 99.34% after 400 and 98.54% after the default 600 (31 s).
import Foundation
import Lamina
import LaminaGraph
import LaminaTensor

let iterations = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 600
let (steps, batchSize, symbols, units) = (20, 64, 5, 32)

/// Strings of digits (one-hot, (batch, steps, symbols)) and their running sums modulo `symbols`.
func batch(_ count: Int, using generator: inout RandomGenerator) -> (x: NDArray, y: NDArray) {
    let draws = generator.uniform(shape: [count, steps], low: 0, high: Double(symbols), dtype: .float64).doubles.map { Int($0) }
    var x = [Float](repeating: 0, count: count * steps * symbols), y = [Int32](repeating: 0, count: count * steps)
    for b in 0..<count {
        var sum = 0
        for t in 0..<steps {
            let d = draws[b * steps + t]
            sum = (sum + d) % symbols
            x[(b * steps + t) * symbols + d] = 1
            y[b * steps + t] = Int32(sum)
        }
    }
    return (NDArray(x, shape: [count, steps, symbols]), NDArray(y, shape: [count, steps]))
}

do {
    let (input, stack, taps, readout) = try LayerDefaults.using(seed: 5) {
        let input = try InputLayer(shape: [nil, steps, symbols], name: "digits")
        let layout = GateLayout<LSTMGate>(storage: .stacked, draw: .stacked(input: GlorotUniform(), hidden: Orthogonal()))
        let cell = try StackedCell([
            LSTMCell(inputSize: symbols, units: units, forgetgate: Gate(b: Constant(1)), peepholes: false, layout: layout, name: "stack.0"),
            LSTMCell(inputSize: symbols + units, units: units, forgetgate: Gate(b: Constant(1)), peepholes: false, layout: layout, name: "stack.1"),
            GRUCell(inputSize: symbols + units, units: units, name: "stack.2"),
        ], inputSize: symbols)
        let stack = try RecurrenceLayer(incoming: input, cell: cell, name: "stack")
        // Every level's hidden state: the roles below .hidden (level0.hidden, level1.hidden, level2.hidden).
        let hidden = stack.stateRoles.filter { $0.isKind(of: .hidden) }
        let taps = try hidden.enumerated().map { try RecurrentTapLayer(of: stack, role: $1, name: "h\($0)") }
        let readout = try DenseLayer(incoming: stack, units: symbols, nonlinearity: nil, numLeadingAxes: 2, name: "readout")
        return (input, stack, taps, readout)
    }
    let params = allParams(of: readout, tags: [.trainable])
    print("one loop, levels \(stack.stateRoles.map(\.name).joined(separator: ", ")); \(params.count) parameter arrays")

    let target = Expr.input("sums", dtype: .int32, shape: [nil, steps])
    let logits = try output(of: readout).reshape([.infer, .size(symbols)])
    let loss = try aggregate(categoricalCrossEntropy(logits.softmax(), target.reshape([.infer])))
    let train = try function(inputs: [input.inputVar, target], outputs: [loss],
                             updates: try adam(.gradients(grad(loss, wrt: params)), params: params, learningRate: 3e-3))
    let outputs = try output(of: [readout] + taps, deterministic: true)
    let predict = try function(inputs: [input.inputVar], outputs: [outputs[0].argmax(axis: 2)] + Array(outputs[1...]))

    var generator = RandomGenerator(seed: 1), heldOutGenerator = RandomGenerator(seed: 999)
    let heldOut = batch(1000, using: &heldOutGenerator)
    func accuracy() throws -> (Double, [[Int]]) {
        let out = try predict(heldOut.x)
        let predicted = out[0].doubles, truth = heldOut.y.doubles
        let right = zip(predicted, truth).filter { $0 == $1 }.count
        return (Double(right) / Double(truth.count), out[1...].map(\.shape))
    }
    let started = Date()
    var running = log(Double(symbols))
    for iteration in 1...iterations {
        let (x, y) = batch(batchSize, using: &generator)
        running = 0.95 * running + 0.05 * (try train(x, y)[0].scalarValue)
        if iteration % 200 == 0 || iteration == iterations {
            let (acc, shapes) = try accuracy()
            print(String(format: "iteration %5d: loss %.4f, held-out per-step accuracy %.2f%% (%.0f s)", iteration, running, 100 * acc,
                         Date().timeIntervalSince(started)) + (iteration == iterations ? "; tapped levels \(shapes)" : ""))
        }
    }
} catch {
    print("error: \(error)")
    exit(1)
}
