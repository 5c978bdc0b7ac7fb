import LaminaTensor

/// Ragged sequences and their targets as training batches: each batch is `[inputs, mask, targets]`
/// (inputs (n, steps, features) float32, mask (n, steps) float32, targets the rows of `targets`), or
/// `[inputs, mask]` without targets.
///
/// Without buckets every batch is padded to `length` (by default the longest sequence of all). With
/// ``SequenceBuckets``, the examples are grouped by bucket, each batch comes from one bucket and is padded
/// to its limit. ``BatchOrder`` says how an epoch's seed orders the examples and the batches.
public struct SequenceBatches: TrainingData {
    /// The sequences.
    public let sequences: [[[Float]]]
    /// One row per sequence (labels, values), or nil.
    public let targets: NDArray?
    /// Sequences per batch (at most).
    public let batchSize: Int
    /// The length buckets, or nil for one bucket as long as ``length``.
    public let buckets: SequenceBuckets?
    /// Where the padding goes.
    public let side: PaddingSide
    /// The padded length of every batch without buckets.
    public let length: Int
    /// How the examples and batches are ordered.
    public let order: BatchOrder
    private let bucketOfRow: [Int]
    /// Without buckets, every sequence padded to ``length`` once (batches gather their rows from it
    /// instead of padding them again at every epoch); nil with buckets.
    private let padded: PaddedSequences?

    /// Whether the order is drawn from the seed.
    public var shuffle: Bool { order != .sequential }

    /// Batches of `sequences` and `targets`.
    /// - Parameters:
    ///   - sequences: the sequences, each a list of steps of the same number of features.
    ///   - targets: one row per sequence, or nil.
    ///   - batchSize: sequences per batch (the last batch of a bucket may be smaller).
    ///   - buckets: length buckets, or nil for one bucket.
    ///   - side: where the padding goes.
    ///   - length: without buckets, the padded length (at least the longest sequence's; default the longest's).
    ///   - shuffle: `true` for ``BatchOrder/shuffled``, `false` for ``BatchOrder/sequential``; `order` overrides it.
    ///   - order: how each epoch orders the examples and batches.
    /// - Throws: ``LaminaError/invalidArgument(function:detail:)`` for a non-positive batch size, targets
    ///   whose first axis is not the number of sequences, ragged step sizes, a sequence longer than the
    ///   last bucket limit (naming it) or than `length`.
    public init(_ sequences: [[[Float]]], targets: NDArray? = nil, batchSize: Int, buckets: SequenceBuckets? = nil,
                side: PaddingSide = .post, length: Int? = nil, shuffle: Bool = true, order: BatchOrder? = nil) throws {
        guard batchSize > 0 else {
            throw LaminaError.invalidArgument(function: "SequenceBatches", detail: "batchSize is \(batchSize); it must be positive")
        }
        if let targets, targets.rank == 0 || targets.shape[0] != sequences.count {
            throw LaminaError.invalidArgument(function: "SequenceBatches", detail: "there are \(sequences.count) sequences but targets of shape \(targets.shape); give one target row per sequence")
        }
        _ = try sequenceFeatures(sequences)
        let longest = sequences.map(\.count).max() ?? 0
        if let length, length < longest {
            throw LaminaError.invalidArgument(function: "SequenceBatches", detail: "length is \(length) but sequence \(sequences.firstIndex { $0.count == longest }!) has \(longest) steps; pass a length of at least \(longest)")
        }
        bucketOfRow = try buckets.map { b in try sequences.enumerated().map { try b.bucket(forLength: $1.count, sequence: $0) } }
            ?? Array(repeating: 0, count: sequences.count)
        (self.sequences, self.targets, self.batchSize, self.buckets, self.side) = (sequences, targets, batchSize, buckets, side)
        self.length = length ?? longest
        self.order = order ?? (shuffle ? .shuffled : .sequential)
        padded = buckets == nil ? try PaddedSequences(sequences, length: self.length, side: side) : nil
    }

    /// The rows (indices into ``sequences``) of each batch of the epoch with `seed`, in batch order.
    public func batchRows(seed: UInt64) -> [[Int]] {
        let order = shuffle ? seededOrder(sequences.count, seed: seed) : Array(sequences.indices)
        var byBucket = [[Int]](repeating: [], count: buckets?.limits.count ?? 1)
        for row in order { byBucket[bucketOfRow[row]].append(row) }
        let rows = byBucket.flatMap { bucket in
            stride(from: 0, to: bucket.count, by: batchSize).map { Array(bucket[$0 ..< Swift.min($0 + batchSize, bucket.count)]) }
        }
        guard self.order == .shuffled else { return rows }
        return seededOrder(rows.count, seed: seed ^ 0x5EED_BA7C_0000_0001).map { rows[$0] }
    }

    /// The arrays of the batch of `rows`: inputs, mask and (if any) targets.
    ///
    /// Without buckets the rows are copied from the sequences padded once at creation (the same
    /// arrays as padding the batch's sequences anew).
    public func batch(rows: [Int]) throws -> [NDArray] {
        let indices = NDArray(rows.map(Int32.init))
        let inputs: NDArray, mask: NDArray
        if let padded {
            (inputs, mask) = (try padded.inputs.gathering(indices, axis: 0), try padded.mask.gathering(indices, axis: 0))
        } else {
            let length = buckets.map { $0.limits[bucketOfRow[rows[0]]] } ?? self.length
            let batch = try PaddedSequences(rows.map { sequences[$0] }, length: length, side: side)
            (inputs, mask) = (batch.inputs, batch.mask)
        }
        guard let targets else { return [inputs, mask] }
        return [inputs, mask, try targets.gathering(indices, axis: 0)]
    }

    /// The batches of the epoch with `seed`: ``batch(rows:)`` of each of ``batchRows(seed:)``.
    public func batches(seed: UInt64) throws -> [[NDArray]] {
        try batchRows(seed: seed).map { try batch(rows: $0) }
    }
}

/// How ``SequenceBatches`` orders an epoch's examples and batches, from the epoch's seed.
public enum BatchOrder: Sendable, Equatable {
    /// The examples' order, bucket by bucket, the same every epoch.
    case sequential
    /// The examples in the order ``seededOrder(_:seed:)`` draws from the seed, grouped by bucket and
    /// cut into batches, and the batches then put in an order drawn from the same seed, so that buckets
    /// are mixed through the epoch.
    case shuffled
    /// The examples in the order ``seededOrder(_:seed:)`` draws from the seed, cut into batches in that
    /// order bucket by bucket, the batches not reordered (PyTorch's `DataLoader(shuffle=True)`; without
    /// buckets, the order of ``ArrayBatches`` and of the comparison harness).
    case shuffledExamples
}
