import LaminaTensor

/// Ragged sequences and their targets as training batches: each batch is `[inputs, mask, targets]`
/// (inputs (n, steps, features) float32, mask (n, steps) float32, targets the rows of `targets`), or
/// `[inputs, mask]` without targets.
///
/// Without buckets every batch is padded to the longest sequence of all. With ``SequenceBuckets``, the
/// examples are grouped by bucket, each batch comes from one bucket and is padded to its limit. With
/// `shuffle`, the examples are drawn in an order from the epoch's seed before they are grouped, and the
/// batches themselves are then put in an order drawn from the same seed; without it, batches follow the
/// examples' order, bucket by bucket.
public struct SequenceBatches: TrainingData {
    /// The sequences.
    public let sequences: [[[Float]]]
    /// One row per sequence (labels, values), or nil.
    public let targets: NDArray?
    /// Sequences per batch (at most).
    public let batchSize: Int
    /// The length buckets, or nil for one bucket as long as the longest sequence.
    public let buckets: SequenceBuckets?
    /// Where the padding goes.
    public let side: PaddingSide
    /// Whether the order is drawn from the seed.
    public let shuffle: Bool
    private let bucketOfRow: [Int]

    /// Batches of `sequences` and `targets`.
    /// - Throws: ``LaminaError/invalidArgument(function:detail:)`` for a non-positive batch size, targets
    ///   whose first axis is not the number of sequences, ragged step sizes, or a sequence longer than the
    ///   last bucket limit (naming it).
    public init(_ sequences: [[[Float]]], targets: NDArray? = nil, batchSize: Int, buckets: SequenceBuckets? = nil,
                side: PaddingSide = .post, shuffle: Bool = true) throws {
        guard batchSize > 0 else {
            throw LaminaError.invalidArgument(function: "SequenceBatches", detail: "batchSize is \(batchSize); it must be positive")
        }
        if let targets, targets.rank == 0 || targets.shape[0] != sequences.count {
            throw LaminaError.invalidArgument(function: "SequenceBatches", detail: "there are \(sequences.count) sequences but targets of shape \(targets.shape); give one target row per sequence")
        }
        _ = try sequenceFeatures(sequences)
        bucketOfRow = try buckets.map { b in try sequences.enumerated().map { try b.bucket(forLength: $1.count, sequence: $0) } }
            ?? Array(repeating: 0, count: sequences.count)
        (self.sequences, self.targets, self.batchSize, self.buckets, self.side, self.shuffle) = (sequences, targets, batchSize, buckets, side, shuffle)
    }

    /// The rows (indices into ``sequences``) of each batch of the epoch with `seed`, in batch order.
    public func batchRows(seed: UInt64) -> [[Int]] {
        let order = shuffle ? seededOrder(sequences.count, seed: seed) : Array(sequences.indices)
        var byBucket = [[Int]](repeating: [], count: buckets?.limits.count ?? 1)
        for row in order { byBucket[bucketOfRow[row]].append(row) }
        let rows = byBucket.flatMap { bucket in
            stride(from: 0, to: bucket.count, by: batchSize).map { Array(bucket[$0 ..< Swift.min($0 + batchSize, bucket.count)]) }
        }
        guard shuffle else { return rows }
        return seededOrder(rows.count, seed: seed ^ 0x5EED_BA7C_0000_0001).map { rows[$0] }
    }

    /// The arrays of the batch of `rows`: inputs, mask and (if any) targets.
    public func batch(rows: [Int]) throws -> [NDArray] {
        let length = buckets.map { $0.limits[bucketOfRow[rows[0]]] } ?? (sequences.map(\.count).max() ?? 0)
        let padded = try PaddedSequences(rows.map { sequences[$0] }, length: length, side: side)
        guard let targets else { return [padded.inputs, padded.mask] }
        return [padded.inputs, padded.mask, try targets.gathering(NDArray(rows.map(Int32.init)), axis: 0)]
    }

    public func batches(seed: UInt64) throws -> [[NDArray]] {
        try batchRows(seed: seed).map { try batch(rows: $0) }
    }
}
