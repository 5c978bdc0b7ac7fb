import Foundation
import Lamina
import LaminaTensor

/// scikit-learn's digits (1797 8×8 images from Debian's python3-sklearn),
/// each image read as 8 steps (rows) of 8 features in [0, 1]; 10 classes;
/// accuracy. The examples are permuted by the seed and split 60/20/20.
/// Option "examples" keeps only the first n of the permuted examples.
public struct DigitsTask: ComparisonTask {
    /// The gzipped CSV (``DigitsDataset/defaultPath`` unless set).
    public var path: String
    public init(path: String = DigitsDataset.defaultPath) { self.path = path }
    public var name: String { "digits" }
    public var description: String { "scikit-learn digits, 8 rows of 8 pixels as 8 steps; 10 classes; accuracy" }
    public var metricName: String { "accuracy" }
    public var higherIsBetter: Bool { true }
    public var inputSize: Int { 8 }
    public var outputKind: TaskOutputKind { .classification(classes: 10) }

    public func makeData(seed: UInt64, options: [String: Double]) throws -> TaskData {
        guard FileManager.default.fileExists(atPath: path) else {
            throw TaskError.missingData(task: name, path: path, command: "apt-get install -y python3-sklearn")
        }
        let digits = try DigitsDataset.load(path: path)
        let all = TaskSplit(steps: 8, features: 8, inputs: digits.images.cast(to: .float32).scalars(as: Float.self),
                            mask: [Float](repeating: 1, count: digits.count * 8),
                            targets: digits.labels.cast(to: .float32).scalars(as: Float.self), targetWidth: 1, ids: Array(0..<digits.count))
        return try splitSixtyTwentyTwenty(all, seed: seed, limit: options["examples"].map { Int($0) })
            .requiringExamples(task: name, fix: "raise taskOptions.digits.examples to at least 3 (or check \(path))")
    }
}

/// The examples of `all` permuted by `seed` (stream 7), optionally cut to
/// `limit`, and split 60/20/20 into train, validation and test.
func splitSixtyTwentyTwenty(_ all: TaskSplit, seed: UInt64, limit: Int?) -> TaskData {
    var order = seededPermutation(all.count, seed: seed, stream: 7)
    if let limit, limit > 0, limit < order.count { order = Array(order.prefix(limit)) }
    let a = order.count * 3 / 5, b = order.count * 4 / 5
    return TaskData(train: all.rows(Array(order[..<a])), validation: all.rows(Array(order[a..<b])), test: all.rows(Array(order[b...])))
}

/// Japanese Vowels (UCI, Kudo et al. 1999, via the sktime 1.2.0 wheel): 12
/// LPC cepstrum coefficients per frame, 7–29 frames padded to 29 with a mask,
/// 9 speakers; accuracy. The files are read as Examples/VowelsClassifier reads
/// them; the official test set (370) is the test split, and the 270 training
/// series are split 80/20 by the seed into train and validation. Features are
/// standardized with the training split's statistics over real steps.
public struct VowelsTask: ComparisonTask {
    /// The folder holding JapaneseVowels_TRAIN.ts and JapaneseVowels_TEST.ts.
    public var folder: String
    /// The command that fetches the files.
    public static let downloadCommand = "pip download --no-deps sktime==1.2.0 -d .data && unzip -o .data/sktime-1.2.0-py3-none-any.whl 'sktime/datasets/data/JapaneseVowels/*' -d .data"

    /// The environment variable that named ``folder``, or nil.
    var folderVariable: String?

    /// Reads `folder`; by default the folder `LAMINA_VOWELS_DIR` names, else the one in `.data/`.
    public init(folder: String? = nil) {
        let variable = "LAMINA_VOWELS_DIR", named = ProcessInfo.processInfo.environment[variable]
        self.folder = folder ?? named ?? ".data/sktime/datasets/data/JapaneseVowels"
        folderVariable = folder == nil && named != nil ? variable : nil
    }
    public var name: String { "vowels" }
    public var description: String { "Japanese Vowels (UCI), 12 LPC coefficients × 7–29 frames, masked; 9 speakers; accuracy" }
    public var metricName: String { "accuracy" }
    public var higherIsBetter: Bool { true }
    public var inputSize: Int { 12 }
    public var outputKind: TaskOutputKind { .classification(classes: 9) }

    public func makeData(seed: UInt64, options: [String: Double]) throws -> TaskData {
        var train = try read("\(folder)/JapaneseVowels_TRAIN.ts", firstId: 0)
        var test = try read("\(folder)/JapaneseVowels_TEST.ts", firstId: train.count)
        let (mean, std) = statistics(train)
        standardize(&train, mean, std)
        standardize(&test, mean, std)
        let order = seededPermutation(train.count, seed: seed, stream: 7)
        let cut = train.count * 4 / 5
        return try TaskData(train: train.rows(Array(order[..<cut])), validation: train.rows(Array(order[cut...])), test: test)
            .requiringExamples(task: name, fix: "the training file in \(folder) needs at least 2 series")
    }

    func read(_ path: String, firstId: Int) throws -> TaskSplit {
        let (steps, features) = (29, 12)
        let text = String(decoding: try TextDataFile.read(path, task: name, command: Self.downloadCommand, variable: folderVariable),
                          as: UTF8.self)
        var series: [[[Float]]] = [], labels: [Float] = []
        var inData = false
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("@data") { inData = true; continue }
            guard inData, !line.hasPrefix("#"), !line.isEmpty else { continue }
            let fields = line.split(separator: ":")
            guard fields.count == features + 1, let label = Int(fields[features].trimmingCharacters(in: .whitespaces)) else {
                throw TaskError.invalid(task: name, detail: "\(path) line \(number + 1): expected \(features) channels and a label")
            }
            guard (1...9).contains(label) else {
                throw TaskError.invalid(task: name, detail: "\(path) line \(number + 1): label \(label) is not a speaker 1...9")
            }
            let channels = fields.prefix(features).map { $0.split(separator: ",").compactMap { Float($0) } }
            if let bad = fields.prefix(features).lazy.flatMap({ $0.split(separator: ",") }).first(where: { Float($0).map { !$0.isFinite } ?? false }) {
                throw TaskError.invalid(task: name, detail: "\(path) line \(number + 1): value '\(bad.prefix(20))' is not finite")
            }
            let length = channels[0].count
            guard length >= 1, length <= steps, channels.allSatisfy({ $0.count == length }) else {
                throw TaskError.invalid(task: name, detail: "\(path) line \(number + 1): channels of unequal, zero or more than \(steps) steps")
            }
            series.append((0..<length).map { t in (0..<features).map { channels[$0][t] } })
            labels.append(Float(label - 1))
        }
        guard !labels.isEmpty else {
            throw TaskError.invalid(task: name, detail: "\(path) holds no series (no line after @data); use the full file (\(Self.downloadCommand))")
        }
        // Real steps first, zeros after them, to the longest series' 29 steps (the library's padding).
        let padded = try PaddedSequences(series, length: steps)
        return TaskSplit(steps: steps, features: features, inputs: padded.inputs.scalars(as: Float.self),
                         mask: padded.mask.scalars(as: Float.self), targets: labels, targetWidth: 1,
                         ids: Array(firstId ..< firstId + labels.count))
    }

    func statistics(_ s: TaskSplit) -> ([Float], [Float]) {
        let f = s.features
        var sum = [Float](repeating: 0, count: f), square = sum, n: Float = 0
        for i in s.inputs.indices where s.mask[i / f] != 0 {
            sum[i % f] += s.inputs[i]
            square[i % f] += s.inputs[i] * s.inputs[i]
            if i % f == 0 { n += 1 }
        }
        let mean = sum.map { $0 / n }
        return (mean, zip(square, mean).map { Swift.max(1e-6, ($0 / n - $1 * $1).squareRoot()) })
    }

    func standardize(_ s: inout TaskSplit, _ mean: [Float], _ std: [Float]) {
        let f = s.features
        for i in s.inputs.indices where s.mask[i / f] != 0 { s.inputs[i] = (s.inputs[i] - mean[i % f]) / std[i % f] }
    }
}
