import LaminaTensor

/// A sparse matrix (Martens 2010; Lasagne's `Sparse(sparsity=0.1, std=0.01)`):
/// in each column (output unit), ⌊sparsity·shape[0]⌋ rows chosen at random
/// without repetition get N(0, std²) draws; every other element is 0.
/// Needs exactly 2 axes (inputs, outputs).
public struct Sparse: Initializer {
    /// The fraction of nonzero inputs per output unit.
    public let sparsity: Double
    /// The standard deviation of the nonzero elements.
    public let std: Double

    /// - Parameters:
    ///   - sparsity: the fraction of inputs connected to each output (default 0.1).
    ///   - std: the standard deviation of the nonzero weights (default 0.01).
    public init(sparsity: Double = 0.1, std: Double = 0.01) {
        self.sparsity = sparsity
        self.std = std
    }

    /// Draws an array of `shape` and `dtype` (see ``Initializer/sample(shape:dtype:using:)``).
    public func sample(shape: [Int], dtype: DType, using generator: inout RandomGenerator) throws -> NDArray {
        try requireRank(shape, atLeast: 2, exactly: true, "Sparse")
        let (inputs, outputs) = (shape[0], shape[1])
        let size = Int(sparsity * Double(inputs))
        var values = [Double](repeating: 0, count: inputs * outputs)
        for column in 0..<outputs {
            // A random permutation of the rows: sort by uniform keys.
            let keys = generator.uniform(shape: [inputs], dtype: .float64).scalars(as: Double.self)
            let rows = keys.indices.sorted { keys[$0] < keys[$1] }.prefix(size)
            let draws = generator.normal(shape: [size], std: std, dtype: .float64).scalars(as: Double.self)
            for (row, value) in zip(rows, draws) { values[row * outputs + column] = value }
        }
        return NDArray(values, shape: shape).cast(to: dtype)
    }
}
