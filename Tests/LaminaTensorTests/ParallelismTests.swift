import Foundation
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
        Parallelism.forEachChunk(count: n, threads: 2, minimumPerThread: 1000) { range in
            for i in range { out[i] = i * 3 }
        }
        #expect(out.enumerated().allSatisfy { $0.element == $0.offset * 3 })
    }

    /// Runs `jobs` jobs of `parts` one-element parts each and returns how many
    /// times each (job, part) ran: every entry must be exactly 1.
    static func runCounts(jobs: Int, parts: Int, threads: Int) -> [Int] {
        let counts = UnsafeMutableBufferPointer<Atomic<Int>>.allocate(capacity: jobs * parts)
        defer { counts.deallocate() }
        for i in 0..<counts.count { (counts.baseAddress! + i).initialize(to: Atomic(0)) }
        for job in 0..<jobs {
            Parallelism.forEachChunk(count: parts, threads: threads, minimumPerThread: 1) { range in
                for part in range { counts[job * parts + part].add(1, ordering: .relaxed) }
            }
        }
        return (0..<counts.count).map { counts[$0].load(ordering: .relaxed) }
    }

    /// Thousands of back-to-back jobs (the pool's workers stay awake between
    /// them) run every part exactly once, with more threads than cores too.
    @Test(arguments: [(2, 2), (2, 7), (3, 3), (4, 16)])
    func everyPartOfManyJobsRunsOnce(threads: Int, parts: Int) {
        let counts = Self.runCounts(jobs: 5000, parts: parts, threads: threads)
        #expect(counts.allSatisfy { $0 == 1 })
    }

    /// Several threads submitting at once: one uses the pool, the others run
    /// their parts themselves; all results are complete.
    @Test func concurrentSubmittersAllFinish() async {
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<4 {
                group.addTask { Self.runCounts(jobs: 500, parts: 5, threads: 2).allSatisfy { $0 == 1 } }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results == [true, true, true, true])
    }

    /// A part that splits work again runs its inner job on its own thread.
    @Test func nestedJobsComplete() {
        let inner = Mutex<[Int]>([])
        Parallelism.forEachChunk(count: 4, threads: 2, minimumPerThread: 1) { outer in
            for o in outer {
                Parallelism.forEachChunk(count: 3, threads: 2, minimumPerThread: 1) { range in
                    inner.withLock { $0.append(contentsOf: range.map { o * 10 + $0 }) }
                }
            }
        }
        #expect(inner.withLock { $0 }.sorted() == [0, 1, 2, 10, 11, 12, 20, 21, 22, 30, 31, 32])
    }

    /// Two parts that each wait (up to 50 ms) for the other to start finish
    /// together only if a worker runs one of them alongside the submitter, also
    /// after the workers have gone to sleep (they poll for 0.3 ms after a job).
    /// Other tests may hold the pool at the moment (their jobs take it, and
    /// this one then runs in order), so a few attempts are allowed.
    @Test func partsRunAtTheSameTimeAfterWorkersSleep() {
        var together = 0
        for _ in 0..<100 where together < 3 {
            usleep(5_000)
            let started = Atomic<Int>(0)
            let sawBoth = Atomic<Int>(0)
            Parallelism.forEachChunk(count: 2, threads: 2, minimumPerThread: 1) { _ in
                started.add(1, ordering: .sequentiallyConsistent)
                let deadline = Date().addingTimeInterval(0.05)
                while started.load(ordering: .sequentiallyConsistent) < 2 && Date() < deadline { sched_yield() }
                if started.load(ordering: .sequentiallyConsistent) == 2 { sawBoth.add(1, ordering: .relaxed) }
            }
            if sawBoth.load(ordering: .relaxed) == 2 { together += 1 }
        }
        #expect(together == 3)
    }
}
