import LaminaTensor

/// Helpers that cut other libraries' stacked weight arrays into per-gate blocks.
enum ForeignBlocks {
    /// Block `k` of `units` rows of a (G·units, …) array (PyTorch's layout).
    static func rows(_ a: NDArray, _ k: Int, _ units: Int) throws -> NDArray {
        try a.slice([.range(k * units, (k + 1) * units)])
    }

    /// Block `k` of `units` columns of a (…, G·units) array (Keras' and TensorFlow's layout).
    static func columns(_ a: NDArray, _ k: Int, _ units: Int) throws -> NDArray {
        a.rank == 1 ? try a.slice([.range(k * units, (k + 1) * units)]) : try a.slice([.all, .range(k * units, (k + 1) * units)])
    }

    /// Throws unless `a` has `shape`.
    static func expect(_ a: NDArray, _ shape: [Int], _ what: String, layer: String) throws {
        guard a.shape == shape else {
            throw LaminaError.parameterMismatch(detail: "\(layer): \(what) has shape \(formatShape(a.shape)), expected \(formatShape(shape))")
        }
    }

    /// The sum of two optional bias vectors (zeros when both are missing).
    static func sum(_ a: NDArray?, _ b: NDArray?, count: Int) throws -> NDArray {
        let zero = NDArray(repeating: 0, shape: [count], dtype: .float64)
        return try (a?.cast(to: .float64) ?? zero) + (b?.cast(to: .float64) ?? zero)
    }
}
