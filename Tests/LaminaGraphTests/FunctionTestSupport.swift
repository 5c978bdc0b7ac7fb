import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// Array builders for the compile, function, error and printing tests
/// (namespaced so they never collide with the gradient tests' helpers).
enum Feed {
    /// A float32 array (`shape` defaults to a vector).
    static func f32(_ values: [Float], _ shape: [Int]? = nil) -> NDArray { NDArray(values, shape: shape ?? [values.count]) }
    /// A float64 array (`shape` defaults to a vector).
    static func f64(_ values: [Double], _ shape: [Int]? = nil) -> NDArray { NDArray(values, shape: shape ?? [values.count]) }
    /// An int32 array (`shape` defaults to a vector).
    static func i32(_ values: [Int32], _ shape: [Int]? = nil) -> NDArray { NDArray(values, shape: shape ?? [values.count]) }
}
