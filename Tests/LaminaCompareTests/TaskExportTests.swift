import Foundation
import Lamina
import LaminaTensor
import Testing
@testable import LaminaCompare

/// `TaskExport` and `lamina export-task`: the exported arrays are the task's data
/// and the batch order is the one trainRun draws.
@Suite struct TaskExportTests {
    /// A small study: adding at T=6 with 20 training examples, 3 epochs at batch size 7.
    let study = Study(name: "export-check", tasks: ["adding", "copy"], profiles: .named(["pytorch"]), seedCount: 2,
                      epochs: 3, batchSize: 7, taskOptions: ["adding": ["length": 6, "examples": 20], "copy": ["length": 3, "examples": 8]])

    func exported(_ task: String, seed: UInt64) throws -> [String: NDArray] {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("\(task)-\(seed).npz").path
        try TaskExport(study: study, task: task, seed: seed).write(to: path)
        return Dictionary(uniqueKeysWithValues: try Npz.read(from: path).map { ($0.name, $0.array) })
    }

    @Test func addingSplitsAreTheTaskData() throws {
        let arrays = try exported("adding", seed: 3)
        // The splits regenerated from the generator streams AddingTask uses: 1 train, 2 validation, 3 test;
        // validation and test hold a quarter of the examples each (20 / 4 = 5).
        for (split, stream, count) in [("train", UInt32(1), 20), ("validation", 2, 5), ("test", 3, 5)] {
            let expected = AddingTask.generate(count: count, length: 6, seed: 3, stream: stream)
            let inputs = try #require(arrays["\(split)_inputs"]), mask = try #require(arrays["\(split)_mask"])
            let targets = try #require(arrays["\(split)_targets"])
            #expect(inputs.dtype == .float32 && inputs.shape == [count, 6, 2])
            #expect(inputs.scalars(as: Float.self) == expected.inputs)
            #expect(mask.dtype == .float32 && mask.shape == [count, 6] && mask.scalars(as: Float.self) == expected.mask)
            #expect(targets.dtype == .float32 && targets.shape == [count, 1] && targets.scalars(as: Float.self) == expected.targets)
        }
        #expect(arrays["batch_size"]?.scalars(as: Int32.self) == [7])
        #expect(arrays["seed"]?.scalars(as: Double.self) == [3])
    }

    @Test func batchOrderIsTheOneTrainRunDraws() throws {
        let seed: UInt64 = 3
        let order = try #require(try exported("adding", seed: seed)["batch_order"])
        #expect(order.dtype == .int32 && order.shape == [3, 20])
        let rows = order.scalars(as: Int32.self).map(Int.init)
        let train = AddingTask.generate(count: 20, length: 6, seed: seed, stream: 1)
        for epoch in 0..<3 {
            let exportedEpoch = Array(rows[epoch * 20 ..< (epoch + 1) * 20])
            // trainRun's batch seed, written out here: seed + epoch · 1 000 003.
            let permutation = seededPermutation(20, seed: seed &+ UInt64(epoch) &* 1_000_003)
            #expect(exportedEpoch == permutation)
            #expect(Set(exportedEpoch) == Set(0..<20))
            // The batches trainRun trains on (20 rows at size 7: 7, 7, 6), row for row.
            let batches = try trainingBatches(train, batchSize: 7, task: AddingTask()).batches(seed: seed &+ UInt64(epoch) &* 1_000_003)
            #expect(batches.map { $0[0].shape[0] } == [7, 7, 6])
            #expect(batches.flatMap { $0[2].scalars(as: Float.self) } == exportedEpoch.map { train.targets[$0] })
        }
        // Each epoch has its own order (a fixed order would pass the checks above only by accident).
        #expect(rows[0..<20] != rows[20..<40] && rows[20..<40] != rows[40..<60])
        #expect(batchOrderSeed(seed: 3, epoch: 2) == 2_000_009)  // 3 + 2 · 1 000 003
    }

    @Test func copyTargetsAreInt32LabelsPerStep() throws {
        let arrays = try exported("copy", seed: 1)
        let expected = CopyTask.generate(count: 8, length: 3, seed: 1, stream: 1)
        let targets = try #require(arrays["train_targets"])
        // T + 20 = 23 steps of 10 one-hot features.
        #expect(try #require(arrays["train_inputs"]).shape == [8, 23, 10])
        #expect(targets.dtype == .int32 && targets.shape == [8, 23])
        #expect(targets.scalars(as: Int32.self) == expected.targets.map { Int32($0) })
        #expect(try #require(arrays["batch_order"]).shape == [3, 8])
    }

    @Test func aTaskOutsideTheStudyIsAnError() throws {
        #expect(throws: TaskError.invalid(task: "digits", detail: "is not a task of study export-check (its tasks: adding, copy)")) {
            try TaskExport(study: study, task: "digits", seed: 0)
        }
    }
}

/// `lamina export-task`, run as a user would.
@Suite struct ExportTaskCommandTests {
    @Test func writesTheArchiveWhereAsked() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let studyPath = dir.appendingPathComponent("tiny.json").path
        try Data("""
            { "name": "tiny", "tasks": ["adding"], "profiles": ["pytorch", "keras3"], "seeds": 2,
              "budget": { "epochs": 2, "batchSize": 4 }, "taskOptions": { "adding": { "length": 4, "examples": 12 } } }
            """.utf8).write(to: URL(fileURLWithPath: studyPath))
        let output = dir.appendingPathComponent("data/adding-1.npz").path
        let (status, out, err) = try CommandLineTests().lamina(["export-task", studyPath, "--seed", "1", "--output", output])
        #expect(status == 0, "\(err)")
        #expect(out.trimmingCharacters(in: .whitespacesAndNewlines) == output)
        let arrays = Dictionary(uniqueKeysWithValues: try Npz.read(from: output).map { ($0.name, $0.array) })
        #expect(arrays["train_inputs"]?.shape == [12, 4, 2])
        #expect(arrays["batch_order"]?.scalars(as: Int32.self)
                == ([0, 1] as [UInt64]).flatMap { seededPermutation(12, seed: 1 &+ $0 &* 1_000_003).map { Int32($0) } })
    }

    @Test func aStudyWithSeveralTasksNeedsTask() throws {
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let studyPath = dir.appendingPathComponent("two.json").path
        try Data(#"{ "name": "two", "tasks": ["adding", "copy"], "profiles": ["pytorch"], "seeds": 1 }"#.utf8)
            .write(to: URL(fileURLWithPath: studyPath))
        let (status, _, err) = try CommandLineTests().lamina(["export-task", studyPath, "--seed", "0"])
        #expect(status != 0)
        #expect(err.contains("the study has tasks adding, copy; choose one with --task"))
        let (missing, _, missingErr) = try CommandLineTests().lamina(["export-task", "/nonexistent/study.json", "--seed", "0"])
        #expect(missing != 0 && missingErr.contains("/nonexistent/study.json"))
    }
}
