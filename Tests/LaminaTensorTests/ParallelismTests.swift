import Synchronization
import Testing
@testable import LaminaTensor

/// Parallelism.forEachChunk splits a range into contiguous parts that cover it exactly once.
@Suite struct ParallelismTests {
    /// The ranges `forEachChunk` hands out, sorted by start.
    static func chunks(count: Int, threads: Int, minimum: Int) -> [Range<Int>] {
        let collected = Mutex<[Range<Int>]>([])
        Parallelism.forEachChunk(count: count, threads: threads, minimumPerThread: minimum) { range in
            collected.withLock { $0.append(range) }
        }
        return collected.withLock { $0 }.sorted { $0.lowerBound < $1.lowerBound }
    }

    @Test(arguments: [
        // (count, threads, minimum per thread) → number of parts
        (100, 2, 10, 2), (100, 1, 10, 1), (100, 4, 30, 3), (100, 8, 1000, 1), (19, 2, 10, 1), (20, 2, 10, 2),
        (0, 2, 1, 1), (7, 3, 0, 3),
    ])
    func partsCoverTheRangeOnce(count: Int, threads: Int, minimum: Int, parts: Int) {
        let ranges = Self.chunks(count: count, threads: threads, minimum: minimum)
        #expect(ranges.count == parts)
        #expect(ranges.first?.lowerBound == 0)
        #expect(ranges.last?.upperBound == count)
        for (r, next) in zip(ranges, ranges.dropFirst()) { #expect(r.upperBound == next.lowerBound) }
        if parts > 1 { #expect(ranges.allSatisfy { $0.count >= minimum }) }
    }

    @Test func chunksRunConcurrentlyOnDisjointData() {
        let n = 100_000
        let out = UnsafeMutableBufferPointer<Int>.allocate(capacity: n)
        defer { out.deallocate() }
        out.initialize(repeating: -1)
        let box = UncheckedBox(out)
        Parallelism.forEachChunk(count: n, threads: 2, minimumPerThread: 1000) { range in
            for i in range { box.value[i] = i * 3 }
        }
        #expect(out.enumerated().allSatisfy { $0.element == $0.offset * 3 })
    }
}
