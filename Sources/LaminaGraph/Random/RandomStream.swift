import Foundation
import LaminaTensor

/// A seeded source of random expressions (Theano's `RandomStreams`).
///
/// Each draw is an op of the graph (see ``RandomDrawOp``). The stream's call
/// counter is a shared variable whose default update adds one, so a compiled
/// function that uses a draw produces fresh values on every call without
/// being told; draws inside a `scan` body differ on every iteration.
///
/// Limitation: a draw inside a loop that is itself inside another loop's body
/// takes the inner iteration number only, so it repeats from one outer
/// iteration to the next.
///
/// ```swift
/// let rng = RandomStream(seed: 1234)
/// let mask = try rng.bernoulli(p: 0.5, like: h)      // dropout mask of h's shape
/// ```
public final class RandomStream: @unchecked Sendable {
    public let seed: UInt64
    /// The stream number, distinguishing streams created with the same seed (0 to 65535).
    public let streamNumber: UInt32
    /// The call counter, advanced by one per call of a function that uses the stream.
    public let counter: Shared
    private let lock = NSLock()
    private var drawCount: UInt32 = 0

    /// A stream with the given seed. Two streams with the same seed and
    /// stream number make the same draws in the same order; give streams that
    /// share a seed different `streamNumber`s to make them independent.
    public init(seed: UInt64, streamNumber: UInt32 = 0, name: String = "rng") {
        precondition(streamNumber < 0x10000, "stream numbers go up to 65535")
        self.seed = seed
        self.streamNumber = streamNumber
        counter = Shared(NDArray(scalar: 0.0), name: "\(name).counter")
        counter.defaultUpdate = try! counter + 1
    }

    /// The draws' shared step operand outside loops (a loop replaces it by its iteration number).
    static func outsideLoopStep() -> Expr { Expr.scalar(0, dtype: .float64).named("step") }

    private func draw(_ distribution: Distribution, dtype: DType, shape: [Int]?, like: Expr?) throws -> Expr {
        let index: UInt32 = lock.withLock {
            drawCount += 1
            return drawCount
        }
        guard index < 0x10000 else { throw GraphError.invalidArgument(op: "random", detail: "a stream can make at most 65535 draws") }
        let op = RandomDrawOp(seed: seed, streamWord: streamNumber << 16 | index, distribution: distribution, dtype: dtype, fixedShape: shape)
        return try Expr.apply(op, [counter, RandomStream.outsideLoopStep()] + (like.map { [$0] } ?? []))
    }

    /// Uniform draws on [low, high) of a fixed shape.
    public func uniform(shape: [Int], low: Double = 0, high: Double = 1, dtype: DType = .float32) throws -> Expr {
        try draw(.uniform(low: low, high: high), dtype: dtype, shape: shape, like: nil)
    }
    /// Uniform draws on [low, high) of the run-time shape of `like`.
    public func uniform(like: Expr, low: Double = 0, high: Double = 1, dtype: DType? = nil) throws -> Expr {
        try draw(.uniform(low: low, high: high), dtype: dtype ?? like.dtype, shape: nil, like: like)
    }
    /// Normal draws of a fixed shape.
    public func normal(shape: [Int], mean: Double = 0, std: Double = 1, dtype: DType = .float32) throws -> Expr {
        try draw(.normal(mean: mean, std: std), dtype: dtype, shape: shape, like: nil)
    }
    /// Normal draws of the run-time shape of `like`.
    public func normal(like: Expr, mean: Double = 0, std: Double = 1, dtype: DType? = nil) throws -> Expr {
        try draw(.normal(mean: mean, std: std), dtype: dtype ?? like.dtype, shape: nil, like: like)
    }
    /// Bernoulli draws (1 with probability p) of a fixed shape.
    public func bernoulli(p: Double, shape: [Int], dtype: DType = .float32) throws -> Expr {
        try draw(.bernoulli(p: p), dtype: dtype, shape: shape, like: nil)
    }
    /// Bernoulli draws (1 with probability p) of the run-time shape of `like`.
    public func bernoulli(p: Double, like: Expr, dtype: DType? = nil) throws -> Expr {
        try draw(.bernoulli(p: p), dtype: dtype ?? like.dtype, shape: nil, like: like)
    }
}
