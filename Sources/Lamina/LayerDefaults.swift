import Foundation
import LaminaTensor
import Synchronization

/// The float type and the random generator that layers use when they create
/// parameters (Theano's `floatX` and Lasagne's `lasagne.random.get_rng()`).
///
/// Process-wide defaults are float32 and a generator seeded with
/// ``defaultSeed``. ``using(floatX:seed:_:)`` overrides either for the code
/// it runs, in the current task only, so that concurrently running code (such
/// as parallel tests) builds reproducible networks without interfering:
///
/// ```swift
/// let net = try LayerDefaults.using(floatX: .float64, seed: 7) {
///     let input = try InputLayer(shape: [nil, 4])
///     return try DenseLayer(incoming: input, units: 3)   // W drawn from seed 7, float64
/// }
/// ```
public enum LayerDefaults {
    /// The seed of the process-wide generator until ``setSeed(_:)`` changes it.
    public static let defaultSeed: UInt64 = 0x4C61_6D69_6E61

    /// A generator shared by everything that runs in one ``using(floatX:seed:_:)`` scope.
    final class GeneratorBox: @unchecked Sendable {
        private let lock = NSLock()
        private var generator: RandomGenerator
        init(_ generator: RandomGenerator) { self.generator = generator }
        func withGenerator<R>(_ body: (inout RandomGenerator) throws -> R) rethrows -> R {
            try lock.withLock { try body(&generator) }
        }
    }

    @TaskLocal static var scopedFloatX: DType?
    @TaskLocal static var scopedGenerator: GeneratorBox?
    private static let globalFloatX = Mutex<DType>(.float32)
    private static let globalGenerator = GeneratorBox(RandomGenerator(seed: defaultSeed))

    /// The float type of new parameters and of ``InputLayer``s without an explicit dtype.
    public static var floatX: DType { scopedFloatX ?? globalFloatX.withLock { $0 } }

    /// Sets the process-wide float type (outside any ``using(floatX:seed:_:)`` scope).
    public static func setFloatX(_ dtype: DType) {
        precondition(dtype.isFloatingPoint, "floatX must be float32 or float64, not \(dtype)")
        globalFloatX.withLock { $0 = dtype }
    }

    /// Restarts the process-wide generator from `seed`.
    public static func setSeed(_ seed: UInt64) {
        globalGenerator.withGenerator { $0 = RandomGenerator(seed: seed) }
    }

    /// Runs `body` with the given float type and/or a fresh generator seeded
    /// with `seed` for every parameter created and every noise layer built
    /// inside it (in this task). `nil` keeps the current setting.
    public static func using<R>(floatX: DType? = nil, seed: UInt64? = nil, _ body: () throws -> R) rethrows -> R {
        if let floatX { precondition(floatX.isFloatingPoint, "floatX must be float32 or float64, not \(floatX)") }
        let box = seed.map { GeneratorBox(RandomGenerator(seed: $0)) } ?? scopedGenerator
        return try $scopedFloatX.withValue(floatX ?? scopedFloatX) {
            try $scopedGenerator.withValue(box) { try body() }
        }
    }

    /// Calls `body` with the current generator (scoped or process-wide).
    public static func withGenerator<R>(_ body: (inout RandomGenerator) throws -> R) rethrows -> R {
        try (scopedGenerator ?? globalGenerator).withGenerator(body)
    }

    /// A seed for a random stream (used by noise layers), drawn from the current generator.
    public static func nextSeed() -> UInt64 {
        withGenerator { generator in
            let bits = generator.uniform(shape: [2], dtype: .float64).doubles
            return UInt64(bits[0] * 0x1p32) << 32 | UInt64(bits[1] * 0x1p32)
        }
    }
}
