/// NumPy broadcasting of shapes.
///
/// Shapes are aligned at their last axis; missing leading axes count as 1;
/// two sizes are compatible when equal or when one of them is 1.
public enum Broadcasting {
    /// The broadcast shape of several operand shapes.
    /// - Throws: ``TensorError`` naming `operation` and the shapes if they are incompatible.
    public static func shape(_ shapes: [[Int]], operation: String) throws -> [Int] {
        // (A reduction rather than `map(\.count)`: a key path costs a runtime call per element, and this runs
        // for every elementwise op of every loop step.)
        let rank = shapes.reduce(0) { Swift.max($0, $1.count) }
        var result = [Int](repeating: 1, count: rank)
        for s in shapes {
            let pad = rank - s.count
            for (i, size) in s.enumerated() {
                let r = result[pad + i]
                if r == 1 { result[pad + i] = size }
                else if size != 1 && size != r {
                    throw TensorError(operation, "shapes \(shapes.map(formatShape).joined(separator: ", ")) cannot be broadcast together")
                }
            }
        }
        return result
    }

    /// Row-major strides of `shape` (in elements).
    @inlinable public static func strides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var acc = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[axis] = acc
            acc *= shape[axis]
        }
        return strides
    }

    /// Strides for reading an array of shape `shape` as if it had shape
    /// `target`: broadcast axes get stride 0.
    public static func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
        let own = strides(shape)
        let pad = target.count - shape.count
        return target.indices.map { axis in
            axis < pad ? 0 : (shape[axis - pad] == 1 && target[axis] != 1 ? 0 : own[axis - pad])
        }
    }
}
