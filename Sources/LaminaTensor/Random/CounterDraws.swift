/// Draws addressed by a full Philox counter, for random ops whose every
/// element must be reproducible from (seed, stream, draw, call, loop step).
extension RandomGenerator {
    /// Fills `count` elements at `pointer`: element i is drawn from the Philox
    /// block at counter (i, words.0, words.1, words.2) under `key`, so the
    /// values do not depend on `threads` or on the order of computation.
    public static func fill(_ pointer: UnsafeMutableRawPointer, count: Int, dtype: DType, distribution: Distribution,
                            key: (UInt32, UInt32), words: (UInt32, UInt32, UInt32),
                            threads: Int = Parallelism.threadCount) {
        fillElements(pointer, count: count, dtype: dtype, distribution: distribution, threads: threads) { i in
            Philox.block(counter: (UInt32(truncatingIfNeeded: i), words.0, words.1, words.2), key: key)
        }
    }
}
