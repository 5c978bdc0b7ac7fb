import Foundation

/// The distributions a ``RandomGenerator`` draws from.
public enum Distribution: Hashable, Sendable, CustomStringConvertible {
    /// Uniform on [low, high).
    case uniform(low: Double, high: Double)
    /// Gaussian with the given mean and standard deviation.
    case normal(mean: Double, std: Double)
    /// 1 with probability p, else 0.
    case bernoulli(p: Double)

    public var description: String {
        switch self {
        case .uniform(let a, let b): return "uniform(\(a), \(b))"
        case .normal(let m, let s): return "normal(\(m), \(s))"
        case .bernoulli(let p): return "bernoulli(\(p))"
        }
    }
}

/// A reproducible stream of random arrays, counter-based (Philox4x32-10).
///
/// Element `i` of a draw is a pure function of the seed, the stream number
/// and the stream position `offset + i`, so a draw is identical whatever the
/// number of threads that computes it. Each draw advances `offset` by its
/// element count.
///
/// - Uniform: 24 random bits for float32 (53 for float64) scaled to [low, high).
/// - Normal: Box–Muller, z = √(−2 ln u₁)·cos(2π u₂), with u₁ ∈ (0, 1].
/// - Bernoulli: u < p.
public struct RandomGenerator: Sendable, Hashable {
    /// The key.
    public let seed: UInt64
    /// An independent sub-stream under the same seed.
    public let stream: UInt32
    /// The position of the next draw.
    public var offset: UInt64

    /// A stream for `seed`, sub-stream `stream`, starting at position `offset`.
    public init(seed: UInt64, stream: UInt32 = 0, offset: UInt64 = 0) {
        self.seed = seed
        self.stream = stream
        self.offset = offset
    }

    /// Draws an array of `shape` from `distribution`, as `dtype`.
    public mutating func draw(_ distribution: Distribution, shape: [Int], dtype: DType = .float32) -> NDArray {
        let result = NDArray(zeros: shape, dtype: dtype)
        RandomGenerator.fill(result.buffer.pointer, count: result.count, dtype: dtype, distribution: distribution,
                             seed: seed, stream: stream, offset: offset)
        offset &+= UInt64(result.count)
        return result
    }

    /// Uniform draws on [low, high).
    public mutating func uniform(shape: [Int], low: Double = 0, high: Double = 1, dtype: DType = .float32) -> NDArray {
        draw(.uniform(low: low, high: high), shape: shape, dtype: dtype)
    }

    /// Normal draws.
    public mutating func normal(shape: [Int], mean: Double = 0, std: Double = 1, dtype: DType = .float32) -> NDArray {
        draw(.normal(mean: mean, std: std), shape: shape, dtype: dtype)
    }

    /// Bernoulli draws (1 with probability p).
    public mutating func bernoulli(shape: [Int], p: Double, dtype: DType = .float32) -> NDArray {
        draw(.bernoulli(p: p), shape: shape, dtype: dtype)
    }

    /// Fills `count` elements at `pointer` with draws at stream positions
    /// `offset ..< offset+count`, using up to `threads` threads (the values do not depend on it).
    public static func fill(_ pointer: UnsafeMutableRawPointer, count: Int, dtype: DType, distribution: Distribution,
                            seed: UInt64, stream: UInt32, offset: UInt64, threads: Int = Parallelism.threadCount) {
        let key = (UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32))
        fillElements(pointer, count: count, dtype: dtype, distribution: distribution, threads: threads) { i in
            let c = offset &+ UInt64(i)
            return Philox.block(counter: (UInt32(truncatingIfNeeded: c), UInt32(truncatingIfNeeded: c >> 32), stream, 0x4C414D49),
                                key: key)
        }
    }

    /// Turns the Philox block of each element (from `block(i)`) into a draw
    /// from `distribution`, stored as `dtype`.
    static func fillElements(_ pointer: UnsafeMutableRawPointer, count: Int, dtype: DType, distribution: Distribution,
                             threads: Int, block: @escaping @Sendable (Int) -> (UInt32, UInt32, UInt32, UInt32)) {
        let target = SendablePointer(pointer)
        func fillRange(_ range: Range<Int>) {
            for i in range {
                let w = block(i)
                let value: Double
                switch distribution {
                case .uniform(let low, let high):
                    let u = dtype == .float64 ? unit53(w.0, w.1) : Double(w.0 >> 8) * 0x1p-24
                    let v = low + (high - low) * u
                    value = v < high || high <= low ? v : v.nextDown // rounding must not reach `high`
                case .normal(let mean, let std):
                    let u1 = (Double(w.0) + 1) * 0x1p-32
                    let u2 = unit53(w.1, w.2)
                    value = mean + std * (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
                case .bernoulli(let p):
                    value = unit53(w.0, w.1) < p ? 1 : 0
                }
                switch dtype {
                case .float32:
                    var f = Float(value)
                    // Rounding to float32 can reach `high` too; keep the interval half-open.
                    if case .uniform(let low, let high) = distribution, Double(f) >= high, high > low { f = f.nextDown }
                    target.pointer.assumingMemoryBound(to: Float.self)[i] = f
                case .float64: target.pointer.assumingMemoryBound(to: Double.self)[i] = value
                case .int32: target.pointer.assumingMemoryBound(to: Int32.self)[i] = Int32(fromDouble: value)
                case .bool: target.pointer.assumingMemoryBound(to: UInt8.self)[i] = value != 0 ? 1 : 0
                }
            }
        }
        Parallelism.forEachChunk(count: count, threads: threads, minimumPerThread: 16384, fillRange)
    }

    @inline(__always)
    static func unit53(_ a: UInt32, _ b: UInt32) -> Double {
        Double((UInt64(a) << 21) ^ UInt64(b >> 11)) * 0x1p-53
    }
}

/// A raw pointer that may cross into a concurrent closure; the caller
/// guarantees the threads write disjoint elements.
struct SendablePointer: @unchecked Sendable {
    let pointer: UnsafeMutableRawPointer
    init(_ pointer: UnsafeMutableRawPointer) { self.pointer = pointer }
}
