import LaminaTensor

/// Every element equal to `value` (Lasagne's `Constant(val=0.)`); the
/// default for biases.
public struct Constant: Initializer {
    /// The fill value.
    public let value: Double

    /// Every element `value` (default 0).
    public init(_ value: Double = 0) { self.value = value }

    /// Draws an array of `shape` and `dtype` (see ``Initializer/sample(shape:dtype:using:)``).
    public func sample(shape: [Int], dtype: DType, using generator: inout RandomGenerator) throws -> NDArray {
        NDArray(repeating: value, shape: shape, dtype: dtype)
    }
}
