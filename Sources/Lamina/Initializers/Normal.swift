import LaminaTensor

/// Gaussian draws w ~ N(mean, std²) (Lasagne's `Normal(std=0.01, mean=0.)`;
/// Lasagne's recurrent `Gate` uses `Normal(0.1)`).
public struct Normal: Initializer {
    /// The standard deviation (default 0.01).
    public let std: Double
    /// The mean (default 0).
    public let mean: Double

    /// N(mean, std²); the defaults are Lasagne's `Normal()`.
    public init(std: Double = 0.01, mean: Double = 0) {
        self.std = std
        self.mean = mean
    }

    /// Draws an array of `shape` and `dtype` (see ``Initializer/sample(shape:dtype:using:)``).
    public func sample(shape: [Int], dtype: DType, using generator: inout RandomGenerator) throws -> NDArray {
        generator.normal(shape: shape, mean: mean, std: std, dtype: dtype)
    }
}
