import Lamina
import LaminaTensor

/// The sum of two independent U(−bound, bound) draws: the effective bias of
/// PyTorch's recurrent layers, which keep two biases (b_ih and b_hh) that
/// are each U(±1/√H) and are always added [PT].
public struct SumOfUniforms: Initializer {
    /// The bound of each uniform.
    public let bound: Double

    public init(bound: Double) { self.bound = bound }

    /// Draws an array of `shape` and `dtype`.
    public func sample(shape: [Int], dtype: DType, using generator: inout RandomGenerator) throws -> NDArray {
        let a = generator.uniform(shape: shape, low: -bound, high: bound, dtype: .float64).scalars(as: Double.self)
        let b = generator.uniform(shape: shape, low: -bound, high: bound, dtype: .float64).scalars(as: Double.self)
        return NDArray(zip(a, b).map { $0 + $1 }, shape: shape).cast(to: dtype)
    }
}

/// A normal distribution truncated at ±2 standard deviations of the
/// underlying normal and rescaled so the result has standard deviation
/// `std` (Flax's and JAX's `variance_scaling(..., "truncated_normal")`,
/// which divide by 0.87962566103423978) [FX]. Out-of-range draws are redrawn.
public struct TruncatedNormal: Initializer {
    /// The standard deviation of the truncated result.
    public let std: Double

    public init(std: Double) { self.std = std }

    /// Draws an array of `shape` and `dtype`.
    public func sample(shape: [Int], dtype: DType, using generator: inout RandomGenerator) throws -> NDArray {
        let count = shape.reduce(1, *)
        var values = generator.normal(shape: [count], dtype: .float64).scalars(as: Double.self)
        var redraw = values.indices.filter { abs(values[$0]) > 2 }
        while !redraw.isEmpty {
            let fresh = generator.normal(shape: [redraw.count], dtype: .float64).scalars(as: Double.self)
            for (k, i) in redraw.enumerated() { values[i] = fresh[k] }
            redraw = redraw.filter { abs(values[$0]) > 2 }
        }
        let scale = std / 0.87962566103423978
        return NDArray(values.map { $0 * scale }, shape: shape).cast(to: dtype)
    }
}
