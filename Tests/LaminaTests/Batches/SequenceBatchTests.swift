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

    /// Shuffled examples: the seed's order cut into batches in that order, the batches not reordered;
    /// without buckets, the rows and arrays of ``ArrayBatches`` over the same padded arrays.
    @Test func shuffledExamplesKeepTheBatchesInTheExamplesOrder() throws {
        let sequences: [[[Float]]] = (0..<10).map { n in (0...(n % 3)).map { t in [Float(n), Float(t)] } }
        let targets = NDArray((0..<10).map { Float($0) }, shape: [10, 1])
        let batches = try SequenceBatches(sequences, targets: targets, batchSize: 4, length: 5, order: .shuffledExamples)
        let order = seededOrder(10, seed: 7)
        #expect(batches.batchRows(seed: 7) == [Array(order[0..<4]), Array(order[4..<8]), Array(order[8..<10])])
        let padded = try PaddedSequences(sequences, length: 5)
        let reference = try ArrayBatches([padded.inputs, padded.mask, targets], batchSize: 4).batches(seed: 7)
        let mine = try batches.batches(seed: 7)
        #expect(mine.count == 3 && mine[0][0].shape == [4, 5, 2])
        for (a, b) in zip(mine, reference) {
            for (x, y) in zip(a, b) { #expect(x.shape == y.shape && x.scalars(as: Float.self) == y.scalars(as: Float.self)) }
        }
        #expect(batches.shuffle && batches.order == .shuffledExamples)
        let sequential = try SequenceBatches(sequences, batchSize: 4, shuffle: false)
        #expect(sequential.order == .sequential && sequential.batchRows(seed: 7) == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]])
    }

    /// Without buckets, a batch's rows come from the sequences padded once: pre-padded to 4 steps,
    /// rows 2 and 0 in that order, written out by hand, and the same arrays at every request.
    @Test func batchesWithoutBucketsGatherPrePaddedRows() throws {
        let targets = NDArray([10, 20, 30] as [Float], shape: [3, 1])
        let batches = try SequenceBatches(ragged, targets: targets, batchSize: 2, side: .pre, length: 4, shuffle: false)
        for _ in 0..<2 {
            let batch = try batches.batch(rows: [2, 0])
            #expect(batch[0].shape == [2, 4, 2] && batch[1].shape == [2, 4])
            #expect(batch[0].scalars(as: Float.self) == [0, 0, 7, 8, 9, 10, 11, 12, 0, 0, 0, 0, 1, 2, 3, 4])
            #expect(batch[1].scalars(as: Float.self) == [0, 1, 1, 1, 0, 0, 1, 1])
            #expect(batch[2].scalars(as: Float.self) == [30, 10])
        }
        let epoch = try batches.batches(seed: 0)
        #expect(epoch.map { $0[1].scalars(as: Float.self) } == [[0, 0, 1, 1, 0, 0, 0, 1], [0, 1, 1, 1]])
    }

    @Test func aLengthBelowTheLongestSequenceIsAnError() throws {
        #expect(throws: LaminaError.invalidArgument(function: "SequenceBatches", detail: "length is 2 but sequence 2 has 3 steps; pass a length of at least 3")) {
            try SequenceBatches(ragged, batchSize: 2, length: 2)
        }
    }
}
