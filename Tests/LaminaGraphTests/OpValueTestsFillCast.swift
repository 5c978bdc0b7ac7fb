import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// zerosLike, onesLike, filledLike, broadcast(like:) and casts.
@Suite struct OpValueTestsFillCast {
    static let x = Expr.input("x", dtype: .float64, shape: [nil, 3])
    static var feeds: [(Expr, NDArray)] { [(x, f64([-1.7, 2.9, -0.2, 0, 0.5, 3], [2, 3]))] }

    /// Fills take the run-time shape of their operand.
    @Test func fills() throws {
        let x = Self.x
        try expectValues(x.zerosLike(), Self.feeds, [0, 0, 0, 0, 0, 0], shape: [2, 3], dtype: .float64)
        try expectValues(x.onesLike(), Self.feeds, [1, 1, 1, 1, 1, 1], shape: [2, 3], dtype: .float64)
        try expectValues(x.filledLike(-2.5), Self.feeds, [-2.5, -2.5, -2.5, -2.5, -2.5, -2.5], shape: [2, 3], dtype: .float64)
        try expectValues(x.filledLike(7, dtype: .int32), Self.feeds, [7, 7, 7, 7, 7, 7], shape: [2, 3], dtype: .int32)
        try expectValues(x.filledLike(1, dtype: .bool), Self.feeds, [1, 1, 1, 1, 1, 1], shape: [2, 3], dtype: .bool)
    }

    @Test func broadcastLike() throws {
        let row = Expr.constant(f64([1, 2, 3], [1, 3]))
        try expectValues(row.broadcast(like: Self.x), Self.feeds, [1, 2, 3, 1, 2, 3], shape: [2, 3], dtype: .float64)
    }

    /// numpy: np.array([-1.7, 2.9, -0.2, 0, 0.5, 3]).astype(np.int32) truncates toward zero; astype(bool) is "nonzero".
    @Test func casts() throws {
        let x = Self.x
        try expectValues(x.cast(to: .int32), Self.feeds, [-1, 2, 0, 0, 0, 3], shape: [2, 3], dtype: .int32)
        try expectValues(x.cast(to: .bool), Self.feeds, [1, 1, 1, 0, 1, 1], shape: [2, 3], dtype: .bool)
        let rounded = [-1.7, 2.9, -0.2, 0, 0.5, 3].map { Double(Float($0)) }
        try expectValues(x.cast(to: .float32), Self.feeds, rounded, shape: [2, 3], dtype: .float32, absolute: 0, relative: 0)
        #expect(try x.cast(to: .float64) === x)
    }

    @Test func castsFromIntegerAndBool() throws {
        let i = Expr.input("i", dtype: .int32, shape: [3])
        let feeds = [(i, i32([-2, 0, 5], [3]))]
        try expectValues(i.cast(to: .float64), feeds, [-2, 0, 5], shape: [3], dtype: .float64)
        try expectValues(i.cast(to: .float32) / 2, feeds, [-1, 0, 2.5], shape: [3], dtype: .float32)
        try expectValues(i.cast(to: .bool).cast(to: .float64), feeds, [1, 0, 1], shape: [3], dtype: .float64)
    }
}
