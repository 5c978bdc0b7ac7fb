import LaminaTensor

/// Uniform draws w ~ U(low, high) (Lasagne's `Uniform(range=0.01, std=None, mean=0.)`).
///
/// - `Uniform(range: r)`: U(−r, r); the default r = 0.01 is Lasagne's
///   (and its `RecurrentLayer`'s) default.
/// - `Uniform(low: a, high: b)`: U(a, b).
/// - `Uniform(std: s, mean: m)`: U(m − √3·s, m + √3·s), whose standard deviation is s.
public struct Uniform: Initializer {
    /// The lower bound.
    public let low: Double
    /// The upper bound (excluded).
    public let high: Double

    /// U(−range, range).
    public init(range: Double = 0.01) { self.init(low: -range, high: range) }

    /// U(low, high).
    public init(low: Double, high: Double) {
        self.low = low
        self.high = high
    }

    /// U(mean − √3·std, mean + √3·std): uniform with standard deviation `std`.
    public init(std: Double, mean: Double = 0) {
        let half = 3.0.squareRoot() * std
        self.init(low: mean - half, high: mean + half)
    }

    /// Draws an array of `shape` and `dtype` (see ``Initializer/sample(shape:dtype:using:)``).
    public func sample(shape: [Int], dtype: DType, using generator: inout RandomGenerator) throws -> NDArray {
        generator.uniform(shape: shape, low: low, high: high, dtype: dtype)
    }
}
