import LaminaTensor

/// The identity matrix times `scale`: w[i][j] = scale if i = j, else 0
/// (Keras' `Identity(gain)`; Le, Jaitly & Hinton 2015 initialize IRNN
/// recurrent weights this way). For a non-square shape the leading diagonal
/// is filled. Needs exactly 2 axes.
public struct Identity: Initializer {
    /// The diagonal value.
    public let scale: Double

    /// - Parameter scale: the diagonal value (default 1).
    public init(scale: Double = 1) { self.scale = scale }

    /// Draws an array of `shape` and `dtype` (see ``Initializer/sample(shape:dtype:using:)``).
    public func sample(shape: [Int], dtype: DType, using generator: inout RandomGenerator) throws -> NDArray {
        try requireRank(shape, atLeast: 2, exactly: true, "Identity")
        var values = [Double](repeating: 0, count: shape[0] * shape[1])
        for i in 0..<min(shape[0], shape[1]) { values[i * shape[1] + i] = scale }
        return NDArray(values, shape: shape).cast(to: dtype)
    }
}
