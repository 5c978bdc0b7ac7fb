// Sequence to sequence with attention: reversing digit strings.
//
// Each example is a string of 3 to 8 random digits; the target is the same
// digits reversed. A bidirectional GRU encoder reads the (padded, masked)
// source; an AttentionDecoderCell (a GRU with additive Bahdanau attention over
// the encoder states and the previous context fed back with the input) runs
// in the engine's loop with teacher forcing for training, and one step at a
// time for greedy decoding, its own predictions fed back. Prints the exact-match
// accuracy (every digit right) of greedy decoding on 1000 held-out strings.
//
//     swift run -c release Seq2SeqAttention [iterations]
//
// Measured (release, 2 shared cores, 2026-12-03): held-out exact match 99.6% after
// 250 iterations (17 s), between 98.9% and 99.9% at every check after that, and
// 98.9% after the default 1500 iterations (63 s in all).
import Foundation
import Lamina
import LaminaGraph
import LaminaTensor

let iterations = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 1500
let (maxLength, batchSize, embedding, units, attentionUnits) = (8, 64, 32, 64, 64)
let (digits, start) = (10, Int32(10))   // tokens 0–9, and the decoder's start token

/// A batch of digit strings (lengths 3–8, padded with 0) with their masks and reversals.
struct Batch {
    var source: [Int32] = [], sourceMask: [Float] = [], decoderInput: [Int32] = [], target: [Int32] = [], targetMask: [Float] = []
    var lengths: [Int] = []

    init(count: Int, using generator: inout RandomGenerator) {
        let draws = generator.uniform(shape: [count, maxLength + 1], low: 0, high: 1, dtype: .float64).doubles
        for b in 0..<count {
            let length = 3 + Int(draws[b * (maxLength + 1)] * 6)
            let string = (0..<length).map { Int32(draws[b * (maxLength + 1) + 1 + $0] * Double(digits)) }
            let reversed = Array(string.reversed())
            let pad = maxLength - length
            source += string + Array(repeating: 0, count: pad)
            sourceMask += Array(repeating: 1, count: length) + Array(repeating: 0, count: pad)
            decoderInput += [start] + reversed.dropLast() + Array(repeating: 0, count: pad)
            target += reversed + Array(repeating: 0, count: pad)
            targetMask += Array(repeating: 1, count: length) + Array(repeating: 0, count: pad)
            lengths.append(length)
        }
    }
}

do {
    let (source, sourceMask, decoderInput, decoder, context, readout) = try LayerDefaults.using(seed: 3) {
        let source = try InputLayer(shape: [nil, maxLength], dtype: .int32, name: "source")
        let sourceMask = try InputLayer(shape: [nil, maxLength], name: "source_mask")
        let embedSource = try EmbeddingLayer(incoming: source, inputSize: digits, outputSize: embedding, W: Normal(std: 0.1), name: "embed_source")
        let gates = GateLayout<GRUGate>(storage: .stacked, draw: .stacked(input: GlorotUniform(), hidden: Orthogonal()))
        let forward = try GRULayer(incoming: embedSource, units: units, mask: sourceMask, layout: gates, name: "encoder_forward")
        let backward = try GRULayer(incoming: embedSource, units: units, mask: sourceMask, layout: gates,
                                    options: RecurrentOptions(backwards: true), name: "encoder_backward")
        let encoder = try ConcatLayer(incomings: [forward, backward], axis: 2, name: "encoder")        // (batch, 8, 2·units)
        let decoderInput = try InputLayer(shape: [nil, maxLength], dtype: .int32, name: "decoder_input")
        let embedTarget = try EmbeddingLayer(incoming: decoderInput, inputSize: digits + 1, outputSize: embedding, W: Normal(std: 0.1), name: "embed_target")
        let cell = try AttentionDecoderCell(inputSize: embedding, units: units, encoderSize: 2 * units, attentionUnits: attentionUnits,
                                            masked: true, name: "decoder")
        let decoder = try RecurrenceLayer(incoming: embedTarget, cell: cell, contexts: [encoder, sourceMask], name: "decoder")
        let context = try RecurrentTapLayer(of: decoder, role: .attentionContext, name: "context")
        let joined = try ConcatLayer(incomings: [decoder, context], axis: 2, name: "joined")
        let readout = try DenseLayer(incoming: joined, units: digits, nonlinearity: nil, numLeadingAxes: 2, name: "readout")
        return (source, sourceMask, decoderInput, decoder, context, readout)
    }
    let params = allParams(of: readout, tags: [.trainable])
    print("parameters: \(params.count) arrays, \(params.map { $0.value.shape.reduce(1, *) }.reduce(0, +)) values")

    // Training with teacher forcing: masked cross-entropy of every target digit.
    let target = Expr.input("target", dtype: .int32, shape: [nil, maxLength])
    let targetMask = Expr.input("target_mask", shape: [nil, maxLength])
    let logits = try output(of: readout).reshape([.infer, .size(digits)])
    let loss = try aggregate(categoricalCrossEntropy(logits.softmax(), target.reshape([.infer])),
                             weights: targetMask.reshape([.infer]), mode: .normalizedSum)
    let (clipped, _) = try totalNormConstraint(try grad(loss, wrt: params), maxNorm: 5)
    let train = try function(inputs: [source.inputVar, sourceMask.inputVar, decoderInput.inputVar, target, targetMask], outputs: [loss],
                             updates: try adam(.gradients(clipped), params: params, learningRate: 3e-3))

    // Greedy decoding: the encoder once, then one decoder step at a time, its argmax fed back.
    let encoderLayer = decoder.inputLayers[decoder.contextIndices[0]]
    let encode = try function(inputs: [source.inputVar, sourceMask.inputVar], outputs: [output(of: encoderLayer)])
    let encoded = Expr.input("encoded", shape: [nil, maxLength, 2 * units]), mask = Expr.input("mask", shape: [nil, maxLength])
    let previous = Expr.input("previous", dtype: .int32, shape: [nil])
    let s = Expr.input("s", shape: [nil, units]), c = Expr.input("c", shape: [nil, 2 * units])
    let embedded = try output(of: decoder.inputLayers[0], inputs: [decoderInput: previous.dimshuffle([0, nil])]).subtensor([.all, .index(0)])
    let step = try decoder.step(input: embedded, states: [s, c], contexts: [encoded, mask], deterministic: true)
    let joinedStep = try Expr.concatenate(step.states, axis: 1).dimshuffle([0, nil, 1])
    let joinedLayer = readout.inputLayers[0]
    let prediction = try output(of: readout, inputs: [joinedLayer: joinedStep]).subtensor([.all, .index(0)]).argmax(axis: 1)
    let decodeStep = try function(inputs: [previous, s, c, encoded, mask], outputs: [prediction.cast(to: .int32)] + step.states)

    func exactMatch(_ batch: Batch) throws -> Double {
        let n = batch.lengths.count
        let sourceArray = NDArray(batch.source, shape: [n, maxLength]), maskArray = NDArray(batch.sourceMask, shape: [n, maxLength])
        let enc = try encode(sourceArray, maskArray)[0]
        var states = [NDArray(zeros: [n, units]), NDArray(zeros: [n, 2 * units])]
        var token = NDArray(Array(repeating: start, count: n), shape: [n])
        var predicted = [[Int32]](repeating: [], count: n)
        for _ in 0..<maxLength {
            let out = try decodeStep(token, states[0], states[1], enc, maskArray)
            token = out[0]
            states = Array(out[1...])
            let tokens = token.doubles.map { Int32($0) }
            for b in 0..<n { predicted[b].append(tokens[b]) }
        }
        let correct = (0..<n).filter { b in
            let length = batch.lengths[b]
            return Array(predicted[b].prefix(length)) == Array(batch.target[b * maxLength ..< b * maxLength + length])
        }.count
        return Double(correct) / Double(n)
    }

    var generator = RandomGenerator(seed: 11)
    var heldOutGenerator = RandomGenerator(seed: 999)
    let heldOut = Batch(count: 1000, using: &heldOutGenerator)
    let started = Date()
    var running = log(Double(digits))
    for iteration in 1...iterations {
        let batch = Batch(count: batchSize, using: &generator)
        let value = try train(NDArray(batch.source, shape: [batchSize, maxLength]), NDArray(batch.sourceMask, shape: [batchSize, maxLength]),
                              NDArray(batch.decoderInput, shape: [batchSize, maxLength]), NDArray(batch.target, shape: [batchSize, maxLength]),
                              NDArray(batch.targetMask, shape: [batchSize, maxLength]))[0].scalarValue
        running = 0.95 * running + 0.05 * value
        if iteration % 250 == 0 || iteration == iterations {
            print(String(format: "iteration %5d: loss %.4f nats/digit, held-out exact match %.1f%% (%.0f s)",
                         iteration, running, 100 * (try exactMatch(heldOut)), Date().timeIntervalSince(started)))
        }
    }
    _ = context
} catch {
    print("error: \(error)")
    exit(1)
}
