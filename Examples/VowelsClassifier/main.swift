// A masked sequence classifier on Japanese Vowels (UCI; Kudo, Toyama and
// Shimbo 1999): 9 speakers saying "ae", 12 LPC cepstrum coefficients per
// frame, 7 to 29 frames per utterance; 270 training and 370 test series.
//
// The library's SequenceBatches pads the ragged series to 29 steps with a
// mask and shuffles them each epoch; a bidirectional LSTM reads only the real
// steps (on padded steps its states are carried unchanged), and its two final
// states feed a softmax over the speakers. Prints the test accuracy.
//
// Data: the .ts files inside the sktime 1.2.0 wheel:
//
//     pip download --no-deps sktime==1.2.0 -d .data
//     unzip -o .data/sktime-1.2.0-py3-none-any.whl 'sktime/datasets/data/JapaneseVowels/*' -d .data
//     swift run -c release VowelsClassifier [folder with JapaneseVowels_TRAIN.ts and _TEST.ts]
//
// The default folder is .data/sktime/datasets/data/JapaneseVowels (or $LAMINA_VOWELS_DIR).
import Foundation
import Lamina
import LaminaGraph
import LaminaTensor

let folder = CommandLine.arguments.dropFirst().first ?? ProcessInfo.processInfo.environment["LAMINA_VOWELS_DIR"]
    ?? ".data/sktime/datasets/data/JapaneseVowels"
let (maxSteps, features, classes) = (29, 12, 9)

/// The series (each a list of frames of 12 coefficients) and labels 0…8 of a `.ts` file:
/// after `@data`, one series per line, channels separated by `:`, steps by `,`, the label last.
struct Series {
    var sequences: [[[Float]]] = [], labels: [Int32] = []
    var count: Int { labels.count }

    init(path: String) throws {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw LaminaError.dataSet(name: "JapaneseVowels", detail: """
                cannot read \(path). Get the files from the sktime 1.2.0 wheel (the data comes from the UCI repository, Kudo et al. 1999):
                    pip download --no-deps sktime==1.2.0 -d .data
                    unzip -o .data/sktime-1.2.0-py3-none-any.whl 'sktime/datasets/data/JapaneseVowels/*' -d .data
                then run from the folder that holds .data, or pass the folder with JapaneseVowels_TRAIN.ts and _TEST.ts
                """)
        }
        var inData = false
        for (number, line) in text.split(separator: "\n").enumerated() {
            if line.hasPrefix("@data") { inData = true; continue }
            guard inData, !line.hasPrefix("#"), !line.isEmpty else { continue }
            let fields = line.split(separator: ":")
            guard fields.count == features + 1, let label = Int32(fields[features].trimmingCharacters(in: .whitespaces)) else {
                throw LaminaError.dataSet(name: "JapaneseVowels", detail: "\(path) line \(number + 1): expected \(features) channels and a label, found \(fields.count) fields")
            }
            let channels = fields.prefix(features).map { $0.split(separator: ",").compactMap { Float($0) } }
            let length = channels[0].count
            guard length <= maxSteps, channels.allSatisfy({ $0.count == length }) else {
                throw LaminaError.dataSet(name: "JapaneseVowels", detail: "\(path) line \(number + 1): channels of \(channels.map(\.count)) steps (at most \(maxSteps), all equal)")
            }
            sequences.append((0..<length).map { t in channels.map { $0[t] } })
            labels.append(label - 1)
        }
    }

    /// Standardizes every feature with the given per-feature mean and std.
    mutating func standardize(mean: [Float], std: [Float]) {
        sequences = sequences.map { $0.map { frame in frame.indices.map { (frame[$0] - mean[$0]) / std[$0] } } }
    }

    /// The per-feature mean and std over all frames.
    func statistics() -> ([Float], [Float]) {
        var sum = [Float](repeating: 0, count: features), square = sum, n: Float = 0
        for frame in sequences.joined() {
            for (c, x) in frame.enumerated() { sum[c] += x; square[c] += x * x }
            n += 1
        }
        let mean = sum.map { $0 / n }
        return (mean, zip(square, mean).map { ($0 / n - $1 * $1).squareRoot() })
    }

    /// The series padded to 29 steps, with masks and labels, in batches of `batchSize`.
    func batches(batchSize: Int, shuffle: Bool) throws -> SequenceBatches {
        try SequenceBatches(sequences, targets: NDArray(labels, shape: [count]), batchSize: batchSize, length: maxSteps, shuffle: shuffle)
    }
}

do {
    var train = try Series(path: "\(folder)/JapaneseVowels_TRAIN.ts")
    var test = try Series(path: "\(folder)/JapaneseVowels_TEST.ts")
    let (mean, std) = train.statistics()
    train.standardize(mean: mean, std: std)
    test.standardize(mean: mean, std: std)
    print("JapaneseVowels: \(train.count) training and \(test.count) test series, padded to \(maxSteps) steps")

    let (input, mask, network) = try LayerDefaults.using(seed: 3) {
        let input = try InputLayer(shape: [nil, maxSteps, features], name: "frames")
        let mask = try InputLayer(shape: [nil, maxSteps], name: "mask")
        let both = try BidirectionalLayer(name: "bi") { backwards in
            try LSTMLayer(incoming: input, units: 32, forgetgate: Gate(b: Constant(1)), mask: mask,
                          options: RecurrentOptions(backwards: backwards, onlyReturnFinal: true), name: backwards ? "backward" : "forward")
        }
        let network = try DenseLayer(incoming: both, units: classes, nonlinearity: .softmax, name: "speaker")
        return (input, mask, network)
    }
    let labels = Expr.input("labels", dtype: .int32, shape: [nil])
    let loss = try aggregate(categoricalCrossEntropy(output(of: network), labels))
    let params = allParams(of: network, tags: [.trainable])
    let trainStep = try function(inputs: [input.inputVar, mask.inputVar, labels], outputs: [loss],
                                 updates: try adam(.loss(loss), params: params, learningRate: 0.01))
    let accuracy = try aggregate(categoricalAccuracy(output(of: network, deterministic: true), labels))
    let evaluate = try function(inputs: [input.inputVar, mask.inputVar, labels], outputs: [accuracy])

    let training = try train.batches(batchSize: 30, shuffle: true)
    let testBatch = try test.batches(batchSize: test.count, shuffle: false).batches(seed: 0)[0]   // [inputs, mask, labels]
    let start = Date()
    for epoch in 1...30 {
        var total = 0.0
        for batch in try training.batches(seed: UInt64(epoch)) { total += try trainStep.call(batch)[0].scalarValue }
        if epoch % 5 == 0 {
            let acc = try evaluate.call(testBatch)[0].scalarValue
            print(String(format: "epoch %2d: training loss %.4f, test accuracy %.2f%%", epoch, total / 9, 100 * acc))
        }
    }
    print(String(format: "test accuracy: %.2f%% (%d test series, trained in %.1f s)",
                 100 * (try evaluate.call(testBatch)[0].scalarValue), test.count, Date().timeIntervalSince(start)))
} catch {
    print("error: \(error)")
    exit(1)
}
