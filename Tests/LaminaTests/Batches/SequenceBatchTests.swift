import Lamina
import LaminaTensor
import Testing

@Suite struct SequenceBatchTests {
    /// Three sequences of 2, 1 and 3 steps of 2 features.
    let ragged: [[[Float]]] = [[[1, 2], [3, 4]], [[5, 6]], [[7, 8], [9, 10], [11, 12]]]

    @Test func postPadding() throws {
        let padded = try PaddedSequences(ragged)
        #expect(padded.inputs.shape == [3, 3, 2] && padded.mask.shape == [3, 3])
        #expect(padded.inputs.scalars(as: Float.self) == [1, 2, 3, 4, 0, 0, 5, 6, 0, 0, 0, 0, 7, 8, 9, 10, 11, 12])
        #expect(padded.mask.scalars(as: Float.self) == [1, 1, 0, 1, 0, 0, 1, 1, 1])
        #expect(padded.lengths == [2, 1, 3])
    }

    @Test func prePaddingToALength() throws {
        let padded = try PaddedSequences(ragged, length: 4, side: .pre, value: -1)
        #expect(padded.inputs.scalars(as: Float.self) == [-1, -1, -1, -1, 1, 2, 3, 4,
                                                           -1, -1, -1, -1, -1, -1, 5, 6,
                                                           -1, -1, 7, 8, 9, 10, 11, 12])
        #expect(padded.mask.scalars(as: Float.self) == [0, 0, 1, 1, 0, 0, 0, 1, 0, 1, 1, 1])
    }

    @Test func badSequencesAreNamed() throws {
        #expect(throws: LaminaError.invalidArgument(function: "PaddedSequences", detail: "step 1 of sequence 2 has 1 features, but steps have 2")) {
            try PaddedSequences([[[1, 2]], [[3, 4]], [[5, 6], [7]]])
        }
        #expect(throws: LaminaError.invalidArgument(function: "PaddedSequences", detail: "sequence 2 has 3 steps, more than the padded length 2; pass a larger length")) {
            try PaddedSequences(ragged, length: 2)
        }
    }

    @Test func bucketsPadToTheirLimit() throws {
        let buckets = try SequenceBuckets(limits: [1, 3])
        #expect(try ragged.map { try buckets.bucket(forLength: $0.count) } == [1, 0, 1])
        let batches = try SequenceBatches(ragged, targets: NDArray([0, 1, 2] as [Int32]), batchSize: 2, buckets: buckets, shuffle: false)
        // Bucket 0 (limit 1): sequence 1. Bucket 1 (limit 3): sequences 0 and 2.
        #expect(batches.batchRows(seed: 0) == [[1], [0, 2]])
        let all = try batches.batches(seed: 0)
        #expect(all[0][0].shape == [1, 1, 2] && all[0][0].scalars(as: Float.self) == [5, 6] && all[0][2].scalars(as: Int32.self) == [1])
        #expect(all[1][0].shape == [2, 3, 2] && all[1][1].scalars(as: Float.self) == [1, 1, 0, 1, 1, 1])
        #expect(all[1][2].scalars(as: Int32.self) == [0, 2])
    }

    @Test func aSequenceAboveTheLastBucketIsAnError() throws {
        #expect(throws: LaminaError.invalidArgument(function: "SequenceBuckets", detail: "sequence 2 has 3 steps, above the last bucket limit 2; add a larger bucket or shorten the sequence")) {
            try SequenceBatches(ragged, batchSize: 2, buckets: SequenceBuckets(limits: [1, 2]))
        }
        #expect(throws: LaminaError.invalidArgument(function: "SequenceBuckets", detail: "bucket limits [3, 2] must be positive and increasing, such as [10, 20, 40]")) {
            try SequenceBuckets(limits: [3, 2])
        }
    }

    /// Shuffled: examples in the seed's order, grouped by bucket, batches in the seed's order again.
    @Test func shuffleFollowsTheSeed() throws {
        let sequences: [[[Float]]] = (0..<10).map { n in (0...(n % 3)).map { _ in [Float(n)] } }   // lengths 1, 2, 3, 1, 2, …
        let batches = try SequenceBatches(sequences, batchSize: 2, buckets: SequenceBuckets(limits: [1, 3]))
        let order = seededOrder(10, seed: 5)
        let short = order.filter { $0 % 3 == 0 }, long = order.filter { $0 % 3 != 0 }
        let cut: ([Int]) -> [[Int]] = { rows in stride(from: 0, to: rows.count, by: 2).map { Array(rows[$0 ..< min($0 + 2, rows.count)]) } }
        let grouped = cut(short) + cut(long)
        let expected = seededOrder(grouped.count, seed: 5 ^ 0x5EED_BA7C_0000_0001).map { grouped[$0] }
        #expect(batches.batchRows(seed: 5) == expected)
        #expect(batches.batchRows(seed: 5) != batches.batchRows(seed: 6))
        #expect(Set(batches.batchRows(seed: 6).flatMap { $0 }) == Set(0..<10))
    }
}
