/// Length buckets for ragged sequences: each sequence goes to the first bucket whose limit is at least its
/// length, and is padded to that limit, so a batch holds sequences of similar lengths and wastes few steps.
public struct SequenceBuckets: Sendable, Equatable {
    /// The buckets' limits (their padded lengths), increasing.
    public let limits: [Int]

    /// Buckets with these limits.
    /// - Throws: ``LaminaError/invalidArgument(function:detail:)`` unless the limits are positive and increasing.
    public init(limits: [Int]) throws {
        guard !limits.isEmpty, limits[0] > 0, zip(limits, limits.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw LaminaError.invalidArgument(function: "SequenceBuckets", detail: "bucket limits \(limits) must be positive and increasing, such as [10, 20, 40]")
        }
        self.limits = limits
    }

    /// The index of the bucket of a sequence of `length` steps.
    /// - Throws: ``LaminaError/invalidArgument(function:detail:)`` when `length` is above the last limit.
    public func bucket(forLength length: Int, sequence: Int? = nil) throws -> Int {
        guard let index = limits.firstIndex(where: { $0 >= length }) else {
            let which = sequence.map { "sequence \($0)" } ?? "a sequence"
            throw LaminaError.invalidArgument(function: "SequenceBuckets", detail: "\(which) has \(length) steps, above the last bucket limit \(limits.last!); add a larger bucket or shorten the sequence")
        }
        return index
    }
}
