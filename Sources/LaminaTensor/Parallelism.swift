import Foundation
import Synchronization
import CKernels

/// How many threads Lamina's own kernels may use, and a helper that splits
/// work across them. BLAS threads are set separately (``BLAS/threadCount``).
public enum Parallelism {
    private static let storedThreadCount = Atomic<Int>(
        max(1, (ProcessInfoShim.environment("LAMINA_THREADS") ?? ProcessInfoShim.environment("LAMINA_BLAS_THREADS")).flatMap(Int.init) ?? 1))

    /// The number of threads Lamina's kernels (fused elementwise loops, packed
    /// loop products, random fills) may use: `LAMINA_THREADS`, else
    /// `LAMINA_BLAS_THREADS`, else 1; values below 1 count as 1.
    public static var threadCount: Int {
        get { storedThreadCount.load(ordering: .relaxed) }
        set { storedThreadCount.store(max(1, newValue), ordering: .relaxed) }
    }

    /// Runs `body` over `0..<count` split into at most `threads` contiguous
    /// ranges, each at least `minimumPerThread` long, on the calling thread and
    /// the persistent workers of `lamina_parallel_run` (CKernels/WorkerPool.c);
    /// sequential when one range suffices. Ranges may run in any order.
    public static func forEachChunk(count: Int, threads: Int, minimumPerThread: Int,
                                    _ body: (Range<Int>) -> Void) {
        let parts = min(threads, max(1, count / max(minimumPerThread, 1)))
        if parts <= 1 { body(0..<count); return }
        withoutActuallyEscaping(body) { body in
            var job = ChunkedJob(count: count, parts: parts, body: body)
            withUnsafeMutablePointer(to: &job) { pointer in
                lamina_parallel_run(parts, Int32(threads), { context, part in
                    let job = context!.assumingMemoryBound(to: ChunkedJob.self).pointee
                    job.body(job.count * part / job.parts ..< job.count * (part + 1) / job.parts)
                }, pointer)
            }
        }
    }
}

/// A range split into `parts` contiguous pieces, handed to the worker pool.
private struct ChunkedJob {
    let count: Int
    let parts: Int
    let body: (Range<Int>) -> Void
}

