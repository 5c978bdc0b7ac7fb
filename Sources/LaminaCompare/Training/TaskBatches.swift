import Lamina
import LaminaTensor

/// A task's training split as the library's ``SequenceBatches``: batches of `batchSize` examples, padded
/// to the split's steps, in the order ``BatchOrder/shuffledExamples`` draws from the epoch's seed (the
/// examples in `seededOrder(count, seed: seed)`, cut into batches in that order; the same for every
/// profile of a study, and what ``TaskExport`` writes as `batch_order`).
/// - Throws: ``TaskError/invalid(task:detail:)`` when the split is not post-padded (see ``TaskSplit/realSequences(task:)``).
func trainingBatches(_ split: TaskSplit, batchSize: Int, task: any ComparisonTask) throws -> SequenceBatches {
    try split.sequenceBatches(size: batchSize, targets: targetArray(split, task), order: .shuffledExamples, task: task.name)
}

/// A split's evaluation batches: 256 examples each, in order.
/// - Throws: ``TaskError/invalid(task:detail:)`` when the split is not post-padded.
func evaluationBatches(_ split: TaskSplit, _ task: any ComparisonTask) throws -> [[NDArray]] {
    guard split.count > 0 else { return [] }
    return try split.sequenceBatches(size: 256, targets: targetArray(split, task), order: .sequential, task: task.name).batches(seed: 0)
}

extension TaskSplit {
    /// Each example's real steps (those where its mask is 1), as ragged sequences.
    /// - Throws: ``TaskError/invalid(task:detail:)`` when a mask is not of the form 1…1 0…0 or a
    ///   padded step's inputs are not 0: the library's padding would not give back the same arrays.
    func realSequences(task: String) throws -> [[[Float]]] {
        try (0..<count).map { row in
            let mask = self.mask[row * steps ..< (row + 1) * steps]
            let length = mask.prefix { $0 == 1 }.count
            guard mask.dropFirst(length).allSatisfy({ $0 == 0 }) else {
                throw TaskError.invalid(task: task, detail: "example \(row) (id \(ids[row])) has the mask \(Array(mask)); batches need real steps first, then padding (1…1 0…0)")
            }
            let first = row * steps * features
            guard inputs[(first + length * features) ..< (first + steps * features)].allSatisfy({ $0 == 0 }) else {
                throw TaskError.invalid(task: task, detail: "example \(row) (id \(ids[row])) has nonzero inputs on padded steps; padding must be 0")
            }
            return (0..<length).map { t in Array(inputs[(first + t * features) ..< (first + (t + 1) * features)]) }
        }
    }

    /// The split as ``SequenceBatches`` of `size` examples padded to ``steps`` (post), with `targets`.
    /// - Throws: ``TaskError/invalid(task:detail:)`` when the split is not post-padded.
    func sequenceBatches(size: Int, targets: NDArray, order: BatchOrder, task: String) throws -> SequenceBatches {
        try SequenceBatches(realSequences(task: task), targets: targets, batchSize: Swift.max(1, size), side: .post, length: steps, order: order)
    }
}
