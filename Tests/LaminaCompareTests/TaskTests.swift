import Foundation
import Testing
@testable import LaminaCompare

/// Known properties of the tasks' data.
@Suite struct TaskTests {
    @Test func registryNamesAndUnknownTask() throws {
        #expect(TaskRegistry.all.map(\.name) == ["adding", "copy", "digits", "vowels", "shakespeare", "fashion-mnist"])
        #expect(throws: TaskError.self) { try TaskRegistry.named("nope") }
        #expect("\(TaskError.unknownTask("nope", known: ["adding"]))".contains("adding"))
        #expect(try TaskRegistry.named("copy").inputSize == 10)
    }

    @Test func addingHasTwoMarkersOnePerHalfAndTargetIsTheirSum() throws {
        let s = AddingTask.generate(count: 300, length: 21, seed: 5, stream: 1)
        for i in 0..<s.count {
            let marked = (0..<21).filter { s.inputs[(i * 21 + $0) * 2 + 1] == 1 }
            #expect(marked.count == 2)
            #expect(marked[0] < 10 && marked[1] >= 10)
            let sum = marked.map { s.inputs[(i * 21 + $0) * 2] }.reduce(0, +)
            #expect(Swift.abs(sum - s.targets[i]) < 1e-6)
        }
        #expect(s.inputs.enumerated().allSatisfy { $0.offset % 2 == 1 || ($0.element >= 0 && $0.element < 1) })
    }

    @Test func addingConstantPredictionBaselineIsOneSixth() throws {
        let s = AddingTask.generate(count: 40000, length: 10, seed: 1, stream: 1)
        let mse = s.targets.reduce(0.0) { $0 + Double(($1 - 1) * ($1 - 1)) } / Double(s.count)
        #expect(Swift.abs(mse - 1.0 / 6) < 0.005)
    }

    @Test func copyMemorylessBaseline() throws {
        let t = 30
        let s = CopyTask.generate(count: 2000, length: t, seed: 2, stream: 1)
        #expect(s.steps == t + 20)
        // The memoryless predictor: blank for the first T+10 steps, uniform over a1…a8 afterwards.
        var loss = 0.0
        for i in 0..<s.count {
            for step in 0..<s.steps {
                let label = Int(s.targets[i * s.steps + step])
                if step < t + 10 { #expect(label == 0) } else { #expect((1...8).contains(label)); loss += log(8) }
                // Inputs are one-hot; the delimiter sits at T+9 and the recalled symbols equal the first ten inputs.
                let row = Array(s.inputs[(i * s.steps + step) * 10 ..< (i * s.steps + step + 1) * 10])
                #expect(row.reduce(0, +) == 1)
                if step == t + 9 { #expect(row[9] == 1) }
                if step >= t + 10 { #expect(s.inputs[(i * s.steps + step - t - 10) * 10 + label] == 1) }
            }
        }
        #expect(Swift.abs(loss / Double(s.count * s.steps) - CopyTask.memorylessBaseline(length: t)) < 1e-9)
        #expect(Swift.abs(CopyTask.memorylessBaseline(length: t) - 10 * log(8.0) / 50) < 1e-12)
    }

    @Test func dataAndBatchOrderAreFixedBySeed() throws {
        for task in [AddingTask() as any ComparisonTask, CopyTask()] {
            let a = try task.makeData(seed: 9, options: ["length": 12, "examples": 40])
            let b = try task.makeData(seed: 9, options: ["length": 12, "examples": 40])
            let c = try task.makeData(seed: 10, options: ["length": 12, "examples": 40])
            #expect(a.train.inputs == b.train.inputs && a.test.targets == b.test.targets)
            #expect(a.train.inputs != c.train.inputs)
            let (batchesA, batchesB) = (try trainingBatches(a.train, batchSize: 16, task: task), try trainingBatches(b.train, batchSize: 16, task: task))
            #expect(batchesA.batchRows(seed: 3) == batchesB.batchRows(seed: 3))
            #expect(batchesA.batchRows(seed: 3) != batchesA.batchRows(seed: 4))
            #expect(batchesA.batchRows(seed: 3).joined().sorted() == Array(0..<a.train.count))
            #expect(a.validation.inputs != a.train.inputs.prefix(a.validation.inputs.count).map { $0 })
        }
    }

    @Test func splitsAreDisjoint() throws {
        let a = try AddingTask().makeData(seed: 1, options: ["examples": 100])
        #expect(Set(a.train.ids).isDisjoint(with: a.validation.ids) && Set(a.train.ids).isDisjoint(with: a.test.ids)
                && Set(a.validation.ids).isDisjoint(with: a.test.ids))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: DigitsTask().path), "needs python3-sklearn's digits (bash .ci/setup)"))
    func digitsSplitsAreDisjoint() throws {
        let digits = DigitsTask()
        let d = try digits.makeData(seed: 4, options: [:])
        #expect(d.train.count + d.validation.count + d.test.count == 1797)
        #expect(Set(d.train.ids).isDisjoint(with: d.validation.ids) && Set(d.train.ids).isDisjoint(with: d.test.ids)
                && Set(d.validation.ids).isDisjoint(with: d.test.ids))
        #expect(d.train.steps == 8 && d.train.features == 8)
        #expect(try digits.makeData(seed: 4, options: [:]).test.ids == d.test.ids)
    }

    @Test func missingDataNamesTheCommand() throws {
        let error = #expect(throws: TaskError.self) { try VowelsTask(folder: "/nonexistent").makeData(seed: 1, options: [:]) }
        #expect("\(error!)".contains("pip download --no-deps sktime==1.2.0"))
        let digits = #expect(throws: TaskError.self) { try DigitsTask(path: "/nonexistent.csv.gz").makeData(seed: 1, options: [:]) }
        #expect("\(digits!)".contains("apt-get install"))
    }
}
