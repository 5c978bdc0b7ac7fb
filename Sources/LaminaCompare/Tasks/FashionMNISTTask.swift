import Lamina
import Foundation

/// Fashion-MNIST (Xiao et al. 2017; Debian's dataset-fashion-mnist, IDX
/// files under ``folder``), each 28×28 image read as 28 steps (rows) of 28
/// features in [0, 1]; 10 classes; accuracy. The 60 000 training images are
/// permuted by the seed: the last 10 000 are the validation split and the
/// first ones (option "examples", default 50 000) the training split; the
/// test split is t10k (option "testExamples" keeps its first n).
public struct FashionMNISTTask: ComparisonTask {
    public var folder: String
    public init(folder: String = "/usr/share/datasets/fashion-mnist") { self.folder = folder }
    public var name: String { "fashion-mnist" }
    public var description: String { "Fashion-MNIST, 28 rows of 28 pixels as 28 steps; 10 classes; accuracy" }
    public var metricName: String { "accuracy" }
    public var higherIsBetter: Bool { true }
    public var inputSize: Int { 28 }
    public var outputKind: TaskOutputKind { .classification(classes: 10) }

    public func makeData(seed: UInt64, options: [String: Double]) throws -> TaskData {
        let train = try read(prefix: "train", firstId: 0)
        var test = try read(prefix: "t10k", firstId: train.count)
        let order = seededPermutation(train.count, seed: seed, stream: 7)
        let validationStart = Swift.max(0, train.count - 10_000)
        let n = Swift.min(validationStart, Swift.max(1, intOption(options, "examples", validationStart)))
        if let m = options["testExamples"].map({ Int($0) }), m > 0, m < test.count { test = test.rows(Array(0..<m)) }
        return try TaskData(train: train.rows(Array(order[..<n])), validation: train.rows(Array(order[validationStart...])), test: test)
            .requiringExamples(task: name, fix: "the training images in \(folder) must number more than the 10000 kept for validation")
    }

    func read(prefix: String, firstId: Int) throws -> TaskSplit {
        let (images, labels, count) = try readIDX(prefix: prefix)
        return TaskSplit(steps: 28, features: 28, inputs: images[16...].map { Float($0) / 255 }, mask: [Float](repeating: 1, count: count * 28),
                         targets: labels[8...].map { Float($0) }, targetWidth: 1, ids: Array(firstId ..< firstId + count))
    }

    /// The checked bytes of one IDX pair (images with their 16-byte header, labels with their 8-byte one).
    func readIDX(prefix: String) throws -> (images: [UInt8], labels: [UInt8], count: Int) {
        let imagesPath = "\(folder)/\(prefix)-images-idx3-ubyte.gz", labelsPath = "\(folder)/\(prefix)-labels-idx1-ubyte.gz"
        for path in [imagesPath, labelsPath] where !FileManager.default.fileExists(atPath: path) {
            throw TaskError.missingData(task: name, path: path, command: "apt-get install dataset-fashion-mnist")
        }
        let images = [UInt8](try gunzipData(imagesPath, task: name)), labels = [UInt8](try gunzipData(labelsPath, task: name))
        func be32(_ b: [UInt8], _ at: Int) -> Int { b[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        guard images.count >= 16, labels.count >= 8, be32(images, 0) == 2051, be32(labels, 0) == 2049 else {
            throw TaskError.invalid(task: name, detail: "\(prefix) files are not IDX images/labels")
        }
        let count = be32(images, 4), rows = be32(images, 8), columns = be32(images, 12)
        guard rows == 28, columns == 28, be32(labels, 4) == count, images.count == 16 + count * 784, labels.count == 8 + count else {
            throw TaskError.invalid(task: name, detail: "\(prefix) files have unexpected sizes")
        }
        return (images, labels, count)
    }
}

extension FashionMNISTTask: DataChecking {
    /// Reads and checks both IDX pairs without converting the images.
    public func checkData() throws {
        _ = try readIDX(prefix: "train")
        _ = try readIDX(prefix: "t10k")
    }
}

/// The decompressed bytes of a gzip file, with errors in the task's terms.
func gunzipData(_ path: String, task: String) throws -> Data {
    do { return try Lamina.gunzipData(path, dataSet: task) } catch let error as LaminaError {
        throw TaskError.invalid(task: task, detail: "\(error)")
    }
}
