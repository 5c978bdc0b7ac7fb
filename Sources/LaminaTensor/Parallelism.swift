import Foundation
import Synchronization

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
    /// ranges, each at least `minimumPerThread` long; sequential when one range suffices.
    public static func forEachChunk(count: Int, threads: Int, minimumPerThread: Int,
                                    _ body: (Range<Int>) -> Void) {
        let parts = min(threads, max(1, count / max(minimumPerThread, 1)))
        if parts <= 1 { body(0..<count); return }
        withoutActuallyEscaping(body) { body in
            let box = UncheckedBox(body)
            DispatchQueue.concurrentPerform(iterations: parts) { p in
                let lo = count * p / parts, hi = count * (p + 1) / parts
                box.value(lo..<hi)
            }
        }
    }
}

/// Carries a non-Sendable value into a concurrent closure whose iterations
/// touch disjoint data.
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
