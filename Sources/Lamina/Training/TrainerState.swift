/// Where a ``Trainer`` is in its run: everything besides the network and the optimizer that a
/// checkpoint must hold for a resumed run to continue exactly as the uninterrupted one.
public struct TrainerState: Codable, Sendable, Equatable {
    /// Epochs completed.
    public var epoch = 0
    /// Batches of the current epoch already trained (0 between epochs).
    public var batch = 0
    /// The sums of the training outputs over the current epoch's batches so far.
    public var sums: [Double] = []
    /// The training outputs of the last batch.
    public var lastBatch: [Double] = []
    /// The logs of the completed epochs.
    public var history: [EpochLog] = []
    /// The seed the batch order of every epoch is drawn from (see ``Trainer/epochSeed(seed:epoch:)``).
    public var seed: UInt64 = 0

    /// A state at the start of a run with `seed`.
    public init(seed: UInt64 = 0) { self.seed = seed }

    public static func == (a: TrainerState, b: TrainerState) -> Bool {
        a.epoch == b.epoch && a.batch == b.batch && a.history == b.history && a.seed == b.seed
            && a.sums.map(\.bitPattern) == b.sums.map(\.bitPattern) && a.lastBatch.map(\.bitPattern) == b.lastBatch.map(\.bitPattern)
    }

    private enum CodingKeys: String, CodingKey { case epoch, batch, sums, lastBatch, history, seed }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        epoch = try c.decode(Int.self, forKey: .epoch)
        batch = try c.decode(Int.self, forKey: .batch)
        sums = try c.decode([Double].self, forKey: .sums)
        lastBatch = try c.decode([Double].self, forKey: .lastBatch)
        history = try c.decode([EpochLog].self, forKey: .history)
        let text = try c.decode(String.self, forKey: .seed)
        guard let seed = UInt64(text) else {
            throw DecodingError.dataCorruptedError(forKey: .seed, in: c, debugDescription: "seed \(text) is not a 64-bit unsigned integer")
        }
        self.seed = seed
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(epoch, forKey: .epoch)
        try c.encode(batch, forKey: .batch)
        try c.encode(sums, forKey: .sums)
        try c.encode(lastBatch, forKey: .lastBatch)
        try c.encode(history, forKey: .history)
        try c.encode(String(seed), forKey: .seed)   // as text: JSON numbers lose 64-bit integers in some readers
    }
}
