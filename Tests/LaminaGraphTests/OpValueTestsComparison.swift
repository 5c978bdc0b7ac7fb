import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// Comparisons and logic produce bool; where and clip select values.
@Suite struct OpValueTestsComparison {
    // Expected values computed with numpy 2.4:
    //   A = np.array([[1.5,-2,3],[0.5,4,-1]]); B = np.array([[1.5,0,3],[-1,4,2]])
    //   r = np.array([2,-0.5,4.]); c = np.array([[2.],[-3.]]); e.g. (A > r).astype(int).ravel().tolist()
    static let a = f64([1.5, -2, 3, 0.5, 4, -1], [2, 3])
    static let b = f64([1.5, 0, 3, -1, 4, 2], [2, 3])
    static let x = Expr.input("A", dtype: .float64, shape: [2, 3])
    static let y = Expr.input("B", dtype: .float64, shape: [2, 3])
    static var feeds: [(Expr, NDArray)] { [(x, a), (y, b)] }

    @Test func comparisons() throws {
        let (x, y) = (Self.x, Self.y)
        let r = Expr.constant(f64([2, -0.5, 4], [3])), c = Expr.constant(f64([2, -3], [2, 1]))
        try expectValues(x.isGreater(than: r), Self.feeds, [0, 0, 0, 0, 1, 0], shape: [2, 3], dtype: .bool)
        try expectValues(x.isGreaterOrEqual(to: y), Self.feeds, [1, 0, 1, 1, 1, 0], shape: [2, 3], dtype: .bool)
        try expectValues(x.isLess(than: c), Self.feeds, [1, 1, 0, 0, 0, 0], shape: [2, 3], dtype: .bool)
        try expectValues(x.isLessOrEqual(to: y), Self.feeds, [1, 1, 1, 0, 1, 1], shape: [2, 3], dtype: .bool)
        try expectValues(x.isEqual(to: y), Self.feeds, [1, 0, 1, 0, 1, 0], shape: [2, 3], dtype: .bool)
        try expectValues(x.isNotEqual(to: y), Self.feeds, [0, 1, 0, 1, 0, 1], shape: [2, 3], dtype: .bool)
    }

    @Test func logic() throws {
        let (x, y) = (Self.x, Self.y)
        let m1 = try x.isGreater(than: x.literal(0)), m2 = try y.isGreater(than: y.literal(0))
        try expectValues(m1.and(m2), Self.feeds, [1, 0, 1, 0, 1, 0], shape: [2, 3], dtype: .bool)
        try expectValues(m1.or(m2), Self.feeds, [1, 0, 1, 1, 1, 1], shape: [2, 3], dtype: .bool)
        try expectValues(m1.not(), Self.feeds, [0, 1, 0, 0, 0, 1], shape: [2, 3], dtype: .bool)
    }

    /// A bool mask summed counts the true elements (as int32).
    @Test func countingAMask() throws {
        let count = try Self.x.isGreater(than: Self.x.literal(0)).sum()
        try expectValues(count, Self.feeds, [4], shape: [], dtype: .int32)
    }

    /// np.where(A > 0, A, c) with c a column.
    @Test func whereBroadcasting() throws {
        let c = Expr.constant(f64([2, -3], [2, 1]))
        let e = try Expr.select(Self.x.isGreater(than: Self.x.literal(0)), Self.x, c)
        try expectValues(e, Self.feeds, [1.5, 2.0, 3.0, 0.5, 4.0, -3.0], shape: [2, 3], dtype: .float64)
    }

    /// A numeric condition: nonzero selects the first branch.
    @Test func whereWithNumericCondition() throws {
        let condition = Expr.constant(f64([0, 2, -1, 0, 0.5, 0], [2, 3]))
        try expectValues(Expr.select(condition, Self.x, Self.y), Self.feeds, [1.5, -2, 3, -1, 4, 2], shape: [2, 3])
    }

    /// np.clip(A, -1.5, 2) and np.clip(A, [0,-3,0], [[1],[2]]).
    @Test func clip() throws {
        try expectValues(Self.x.clip(-1.5, 2), Self.feeds, [1.5, -1.5, 2.0, 0.5, 2.0, -1.0], shape: [2, 3])
        let lo = Expr.constant(f64([0, -3, 0], [3])), hi = Expr.constant(f64([1, 2], [2, 1]))
        try expectValues(Self.x.clip(lo, hi), Self.feeds, [1.0, -2.0, 1.0, 0.5, 2.0, 0.0], shape: [2, 3])
    }
}
