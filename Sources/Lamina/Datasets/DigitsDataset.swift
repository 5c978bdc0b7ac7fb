import Foundation
import LaminaTensor

/// scikit-learn's handwritten digits (the test part of UCI "optdigits"):
/// 1797 images of 8×8 pixels with values 0–16, labels 0–9, as shipped in
/// Debian's `python3-sklearn` package at ``defaultPath`` (a gzipped CSV:
/// 64 pixel values, then the label, per line).
///
/// ```swift
/// let digits = try DigitsDataset.load()            // images (1797, 64) in [0, 1], labels (1797,)
/// let (train, test) = digits.split(testFraction: 0.2, seed: 0)
/// for batch in train.batches(size: 64, seed: epoch) { ... }
/// ```
public struct DigitsDataset: Sendable {
    /// Where Debian's `python3-sklearn` installs the file.
    public static let defaultPath = "/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz"

    /// The images, (count, 64), pixel values divided by 16 (so in [0, 1]).
    public let images: NDArray
    /// The labels, (count,), int32 in 0...9.
    public let labels: NDArray

    /// The number of examples.
    public var count: Int { labels.count }

    /// A data set of the given images (count, 64) and labels (count,).
    public init(images: NDArray, labels: NDArray) {
        self.images = images
        self.labels = labels
    }

    /// Reads the gzipped CSV at `path` (decompressed with `gzip -dc`).
    /// - Parameter dtype: the images' dtype (float32 by default).
    /// - Throws: ``LaminaError/dataSet(name:detail:)`` naming the package and the
    ///   install command when the file is missing, or the line that cannot be parsed.
    public static func load(path: String = defaultPath, dtype: DType = .float32) throws -> DigitsDataset {
        guard FileManager.default.fileExists(atPath: path) else {
            throw LaminaError.dataSet(name: "digits", detail: "\(path) is missing; it comes with Debian's python3-sklearn package: install it with `apt-get install -y python3-sklearn`")
        }
        let text = String(decoding: try gunzipData(path, dataSet: "digits"), as: UTF8.self)
        var pixels: [Double] = [], labels: [Int32] = []
        for (number, line) in text.split(separator: "\n").enumerated() {
            let fields = line.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard fields.count == 65, let label = fields.last, (0...9).contains(label) else {
                throw LaminaError.dataSet(name: "digits", detail: "line \(number + 1) of \(path) is not 64 pixel values and a label 0–9")
            }
            pixels += fields.dropLast().map { $0 / 16 }
            labels.append(Int32(label))
        }
        return DigitsDataset(images: NDArray(pixels, shape: [labels.count, 64]).cast(to: dtype), labels: NDArray(labels))
    }

    /// The examples at `indices`, in that order.
    public func subset(_ indices: [Int]) -> DigitsDataset {
        let rows = NDArray(indices.map(Int32.init))
        return DigitsDataset(images: try! images.gathering(rows, axis: 0), labels: try! labels.gathering(rows, axis: 0))
    }

    /// A random split into training and test examples (a `testFraction` share
    /// goes to the test part), reproducible from `seed`.
    public func split(testFraction: Double = 0.2, seed: UInt64 = 0) -> (train: DigitsDataset, test: DigitsDataset) {
        let order = permutation(count, seed: seed)
        let testCount = Int((Double(count) * testFraction).rounded())
        return (subset(Array(order[testCount...])), subset(Array(order[..<testCount])))
    }

    /// The examples in a random order (from `seed`), cut into batches of
    /// `size` (the last one may be smaller).
    public func batches(size: Int, seed: UInt64) -> [DigitsDataset] {
        let order = permutation(count, seed: seed)
        return stride(from: 0, to: count, by: size).map { subset(Array(order[$0..<Swift.min($0 + size, count)])) }
    }
}

/// 0..<count in a random order drawn from `seed`.
func permutation(_ count: Int, seed: UInt64) -> [Int] {
    var generator = RandomGenerator(seed: seed)
    let keys = generator.uniform(shape: [count], dtype: .float64).scalars(as: Double.self)
    return keys.indices.sorted { keys[$0] < keys[$1] }
}

/// The decompressed bytes of a gzip file, through `gzip -dc` (Foundation on
/// Linux cannot inflate). `dataSet` names the data set in error messages.
/// - Throws: ``LaminaError/dataSet(name:detail:)`` when gzip cannot run or fails.
public func gunzipData(_ path: String, dataSet: String) throws -> Data {
    let outcome: Subprocess.Outcome
    do {
        outcome = try Subprocess.run(program: "gzip", arguments: ["-dc", path])
    } catch {
        throw LaminaError.dataSet(name: dataSet, detail: "cannot run gzip to read \(path) (apt-get install -y gzip): \(error.localizedDescription)")
    }
    guard outcome.succeeded else {
        throw LaminaError.dataSet(name: dataSet, detail: "gzip -dc \(path) failed with status \(outcome.status)")
    }
    return outcome.output
}
