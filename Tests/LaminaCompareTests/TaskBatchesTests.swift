import Lamina
import LaminaTensor
import Testing
@testable import LaminaCompare

/// The harness's batches come from the library's ``SequenceBatches`` and are, array for array, the
/// batches it cut by hand before: rows in `seededPermutation(count, seed)` order, `size` at a time.
@Suite struct TaskBatchesTests {
    /// Five post-padded examples of 4 steps and 2 features, lengths 4, 2, 3, 1, 4, labels 0…4.
    let split: TaskSplit = {
        let lengths = [4, 2, 3, 1, 4]
        var inputs: [Float] = [], mask: [Float] = []
        for (row, length) in lengths.enumerated() {
            for t in 0..<4 {
                inputs += t < length ? [Float(row) + 0.25 * Float(t), -Float(t)] : [0, 0]
                mask.append(t < length ? 1 : 0)
            }
        }
        return TaskSplit(steps: 4, features: 2, inputs: inputs, mask: mask, targets: [0, 1, 2, 3, 4], targetWidth: 1, ids: Array(10..<15))
    }()

    @Test(arguments: [0, 3, 1_000_006] as [UInt64])
    func trainingBatchesAreTheHandCutOnes(seed: UInt64) throws {
        let task = VowelsTask()   // classification: int32 labels
        let batches = try trainingBatches(split, batchSize: 2, task: task).batches(seed: seed)
        let order = seededPermutation(5, seed: seed)
        let expected = stride(from: 0, to: 5, by: 2).map { split.rows(Array(order[$0 ..< min($0 + 2, 5)])) }
        #expect(batches.count == expected.count)
        for (batch, rows) in zip(batches, expected) {
            #expect(batch[0].shape == [rows.count, 4, 2] && batch[0].scalars(as: Float.self) == rows.inputs)
            #expect(batch[1].shape == [rows.count, 4] && batch[1].scalars(as: Float.self) == rows.mask)
            #expect(batch[2].dtype == .int32 && batch[2].scalars(as: Int32.self) == rows.targets.map { Int32($0) })
        }
    }

    @Test func evaluationBatchesAre256InOrder() throws {
        let big = split.rows((0..<600).map { $0 % 5 })
        let batches = try evaluationBatches(big, AddingTask())
        #expect(batches.map { $0[0].shape[0] } == [256, 256, 88])
        #expect(batches.flatMap { $0[0].scalars(as: Float.self) } == big.inputs)
        #expect(batches.flatMap { $0[2].scalars(as: Float.self) } == big.targets)
        #expect(try evaluationBatches(split.rows([]), AddingTask()).isEmpty)
    }

    @Test func splitsThatAreNotPostPaddedAreRefused() throws {
        var holes = split
        holes.mask[1] = 0   // example 0: 1 0 1 1
        #expect(throws: TaskError.invalid(task: "adding", detail: "example 0 (id 10) has the mask [1.0, 0.0, 1.0, 1.0]; batches need real steps first, then padding (1…1 0…0)")) {
            try trainingBatches(holes, batchSize: 2, task: AddingTask())
        }
        var dirty = split
        dirty.inputs[1 * 8 + 2 * 2] = 5   // example 1, padded step 2
        #expect(throws: TaskError.invalid(task: "adding", detail: "example 1 (id 11) has nonzero inputs on padded steps; padding must be 0")) {
            try trainingBatches(dirty, batchSize: 2, task: AddingTask())
        }
    }
}
