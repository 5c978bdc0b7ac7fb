import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// Forward values of elementwise arithmetic with broadcasting, and result dtypes.
@Suite struct OpValueTestsArithmetic {
    // Expected values computed with numpy 2.4 (float64):
    //   A = np.array([[1.5,-2,3],[0.5,4,-1]]); r = np.array([2,-0.5,4.]); c = np.array([[2.],[-3.]])
    //   P = np.array([[0.5,2,3],[1.5,4,0.25]]); then e.g. (A + r).ravel().tolist().
    static let a = f64([1.5, -2, 3, 0.5, 4, -1], [2, 3])
    static let r = f64([2, -0.5, 4], [3])
    static let c = f64([2, -3], [2, 1])
    static let p = f64([0.5, 2, 3, 1.5, 4, 0.25], [2, 3])

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let f: BinaryFunction
        let left: NDArray
        let right: NDArray
        let expected: [Double]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        .init(name: "A + r (rank difference)", f: .add, left: a, right: r, expected: [3.5, -2.5, 7.0, 2.5, 3.5, 3.0]),
        .init(name: "A − c (column)", f: .subtract, left: a, right: c, expected: [-0.5, -4.0, 1.0, 3.5, 7.0, 2.0]),
        .init(name: "A · r", f: .multiply, left: a, right: r, expected: [3.0, 1.0, 12.0, 1.0, -2.0, -4.0]),
        .init(name: "A / r", f: .divide, left: a, right: r, expected: [0.75, 4.0, 0.75, 0.25, -8.0, -0.25]),
        .init(name: "c / A", f: .divide, left: c, right: a,
              expected: [1.3333333333333333, -1.0, 0.6666666666666666, -6.0, -0.75, 3.0]),
        .init(name: "P ** r", f: .power, left: p, right: r, expected: [0.25, 0.7071067811865476, 81.0, 2.25, 0.5, 0.00390625]),
        .init(name: "maximum(A, c)", f: .maximum, left: a, right: c, expected: [2.0, 2.0, 3.0, 0.5, 4.0, -1.0]),
        .init(name: "minimum(A, r)", f: .minimum, left: a, right: r, expected: [1.5, -2.0, 3.0, 0.5, -0.5, -1.0]),
        .init(name: "c · r (column times row)", f: .multiply, left: c, right: r, expected: [4.0, -1.0, 8.0, -6.0, 1.5, -12.0]),
    ]

    @Test(arguments: cases)
    func broadcasting(_ c: Case) throws {
        let x = Expr.input("x", dtype: .float64, shape: c.left.shape.map { $0 })
        let y = Expr.input("y", dtype: .float64, shape: c.right.shape.map { $0 })
        try expectValues(x.combining(c.f, y), [(x, c.left), (y, c.right)], c.expected, shape: [2, 3], dtype: .float64)
    }

    /// Scalar literals on either side (numpy: 2.5 - A, A / 4, -A).
    @Test func scalarLiterals() throws {
        let x = Expr.input("x", dtype: .float64, shape: [2, 3])
        try expectValues(2.5 - x, [(x, Self.a)], [1.0, 4.5, -0.5, 2.0, -1.5, 3.5], shape: [2, 3])
        try expectValues(x / 4, [(x, Self.a)], [0.375, -0.5, 0.75, 0.125, 1.0, -0.25], shape: [2, 3])
        try expectValues(-x, [(x, Self.a)], [-1.5, 2.0, -3.0, -0.5, -4.0, 1.0], shape: [2, 3])
        try expectValues(x.pow(2), [(x, Self.a)], [2.25, 4, 9, 0.25, 16, 1], shape: [2, 3])
    }

    /// float32 operands stay float32; the result is rounded to float32.
    @Test func float32() throws {
        let x = Expr.input("x", shape: [3])
        let value = NDArray([0.1, 0.2, 0.3] as [Float], shape: [3])
        let expected = [Float(0.1) / Float(3), Float(0.2) / Float(3), Float(0.3) / Float(3)].map(Double.init)
        try expectValues(x / 3, [(x, value)], expected, shape: [3], dtype: .float32, absolute: 0, relative: 0)
    }

    /// Result dtypes: int32 arithmetic stays int32 except division and power; float64 beats float32.
    @Test func resultDTypes() throws {
        let i = Expr.input("i", dtype: .int32, shape: [3]), j = Expr.input("j", dtype: .int32, shape: [3])
        let f = Expr.input("f", dtype: .float32, shape: [3]), d = Expr.input("d", dtype: .float64, shape: [3])
        #expect(try (i + j).dtype == .int32)
        #expect(try (i * j).dtype == .int32)
        #expect(try (i / j).dtype == .float64)
        #expect(try i.pow(j).dtype == .float64)
        #expect(try (f + d).dtype == .float64)
        #expect(try (i * 0.5).dtype == .float64)
        #expect(try (i * 2).dtype == .int32)
        let feeds = [(i, i32([7, -7, 3], [3])), (j, i32([2, 2, -4], [3]))]
        try expectValues(i + j, feeds, [9, -5, -1], shape: [3], dtype: .int32)
        try expectValues(i * j, feeds, [14, -14, -12], shape: [3], dtype: .int32)
        try expectValues(i / j, feeds, [3.5, -3.5, -0.75], shape: [3], dtype: .float64)   // numpy true division
        try expectValues(i.maximum(j), feeds, [7, 2, 3], shape: [3], dtype: .int32)
    }
}
