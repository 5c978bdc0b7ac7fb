import Lamina
import LaminaTensor

/// The seed of the training batch order in `epoch` (0-based) of a run with seed
/// `seed`, as ``trainRun(_:)``'s `Trainer` draws it (`Trainer.epochSeed(seed:epoch:)`:
/// `seed + epoch · 1 000 003`, wrapping).
public func batchOrderSeed(seed: UInt64, epoch: Int) -> UInt64 {
    Trainer.epochSeed(seed: seed, epoch: epoch)
}

/// One task's data for one seed of a study, as named arrays that another
/// library can train on: the same splits and the same training batch order
/// that ``trainRun(_:)`` uses, so that a run in PyTorch or Keras sees exactly
/// the data a Lamina run of that seed sees.
///
/// Arrays (row-major, as `numpy.load` returns them), for each split
/// `train`, `validation`, `test`:
/// - `<split>_inputs`: float32 (count, steps, features);
/// - `<split>_mask`: float32 (count, steps), 1 on real steps;
/// - `<split>_targets`: float32 (count, 1) for regression, int32 (count,)
///   labels for classification, int32 (count, steps) labels per step;
///
/// and
/// - `batch_order`: int32 (epochs, train count); row e is the permutation of the
///   training rows in epoch e, cut into batches of `batch_size` in that order
///   (the last batch may be smaller);
/// - `batch_size`: int32 (1,); `seed`: float64 (1,) (exact below 2⁵³).
public struct TaskExport: Sendable {
    /// The arrays, in the order they are written.
    public let arrays: [(name: String, array: NDArray)]

    /// The data of `task` for `seed` under `study`'s task options, with the
    /// batch order of each of the study's epochs at its batch size.
    /// - Throws: ``TaskError`` when the study does not name the task, the task
    ///   is unknown or its data is missing.
    public init(study: Study, task: String, seed: UInt64) throws {
        guard study.tasks.contains(task) else {
            throw TaskError.invalid(task: task, detail: "is not a task of study \(study.name) (its tasks: \(study.tasks.joined(separator: ", ")))")
        }
        let comparisonTask = try TaskRegistry.named(task)
        let data = try comparisonTask.makeData(seed: seed, options: study.taskOptions[task] ?? [:])
        var arrays: [(name: String, array: NDArray)] = []
        for (name, split) in [("train", data.train), ("validation", data.validation), ("test", data.test)] {
            arrays.append(("\(name)_inputs", split.inputArray))
            arrays.append(("\(name)_mask", split.maskArray))
            arrays.append(("\(name)_targets", targetArray(split, comparisonTask)))
        }
        let count = data.train.count
        let batches = try trainingBatches(data.train, batchSize: study.batchSize, task: comparisonTask)
        var order: [Int32] = []
        order.reserveCapacity(study.epochs * count)
        for epoch in 0..<study.epochs {
            order += batches.batchRows(seed: batchOrderSeed(seed: seed, epoch: epoch)).joined().map { Int32($0) }
        }
        arrays.append(("batch_order", NDArray(order, shape: [study.epochs, count])))
        arrays.append(("batch_size", NDArray([Int32(clamping: study.batchSize)], shape: [1])))
        arrays.append(("seed", NDArray([Double(seed)], shape: [1])))
        self.arrays = arrays
    }

    /// Writes the arrays to the `.npz` archive at `path`, atomically.
    /// - Throws: ``LaminaError/parameterFile(path:detail:)`` when it cannot be written.
    public func write(to path: String) throws {
        try Npz.write(arrays, to: path)
    }
}
