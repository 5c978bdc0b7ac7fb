import LaminaTensor

/// A float64 array.
package func f64(_ values: [Double], _ shape: [Int]) -> NDArray { NDArray(values, shape: shape) }

/// A float32 array.
package func f32(_ values: [Float], _ shape: [Int]) -> NDArray { NDArray(values, shape: shape) }

/// An int32 array.
package func i32(_ values: [Int32], _ shape: [Int]) -> NDArray { NDArray(values, shape: shape) }

/// `[i, j, ...]` for the flat row-major position `flat` in `shape`.
package func multiIndex(_ flat: Int, shape: [Int]) -> String {
    var rest = flat
    var index = [Int](repeating: 0, count: shape.count)
    for axis in shape.indices.reversed() where shape[axis] > 0 {
        index[axis] = rest % shape[axis]
        rest /= shape[axis]
    }
    return "[" + index.map(String.init).joined(separator: ", ") + "]"
}
