import LaminaTensor

/// The training examples of a ``Trainer``, cut into batches in an order drawn from a seed.
///
/// Each batch is the list of arguments of the trainer's training function, in the order of its inputs
/// (for example inputs, mask, targets). The same seed must give the same batches, so that a run is
/// reproducible and a resumed run sees the batches the uninterrupted run saw.
public protocol TrainingData {
    /// The batches of one epoch, in an order drawn from `seed`.
    func batches(seed: UInt64) throws -> [[NDArray]]
}

/// Arrays whose first axis indexes examples (inputs, targets, …), cut into batches of `batchSize`
/// rows in a random order drawn from the epoch's seed (the last batch may be smaller).
public struct ArrayBatches: TrainingData {
    /// The arrays, one per argument of the training function, all with `count` rows.
    public let arrays: [NDArray]
    /// Rows per batch.
    public let batchSize: Int
    /// Whether the rows are shuffled (otherwise batches follow the row order).
    public let shuffle: Bool

    /// Batches of `batchSize` rows of `arrays`.
    /// - Throws: ``LaminaError/invalidArgument(function:detail:)`` when there is no array, an array is a
    ///   scalar, the arrays' first axes differ, or `batchSize` is not positive.
    public init(_ arrays: [NDArray], batchSize: Int, shuffle: Bool = true) throws {
        guard let first = arrays.first, arrays.allSatisfy({ $0.rank > 0 }) else {
            throw LaminaError.invalidArgument(function: "ArrayBatches", detail: "give at least one array, each with a first axis of examples")
        }
        guard arrays.allSatisfy({ $0.shape[0] == first.shape[0] }) else {
            throw LaminaError.invalidArgument(function: "ArrayBatches", detail: "the arrays have \(arrays.map { $0.shape[0] }) rows; they must all have the same number")
        }
        guard batchSize > 0 else {
            throw LaminaError.invalidArgument(function: "ArrayBatches", detail: "batchSize is \(batchSize); it must be positive")
        }
        (self.arrays, self.batchSize, self.shuffle) = (arrays, batchSize, shuffle)
    }

    /// The number of examples.
    public var count: Int { arrays[0].shape[0] }

    /// The batches of one epoch: rows in ``seededOrder(_:seed:)`` (or in order), `batchSize` at a time.
    public func batches(seed: UInt64) throws -> [[NDArray]] {
        let order = shuffle ? seededOrder(count, seed: seed) : Array(0..<count)
        return try stride(from: 0, to: count, by: batchSize).map { start in
            let rows = NDArray(order[start ..< Swift.min(start + batchSize, count)].map(Int32.init))
            return try arrays.map { try $0.gathering(rows, axis: 0) }
        }
    }
}

/// A permutation of 0..<n drawn from `seed` (the order of n uniform keys from Lamina's generator, ties by index).
public func seededOrder(_ n: Int, seed: UInt64) -> [Int] {
    guard n > 0 else { return [] }
    var generator = RandomGenerator(seed: seed)
    let keys = generator.uniform(shape: [n], dtype: .float64).scalars(as: Double.self)
    return keys.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }
}
