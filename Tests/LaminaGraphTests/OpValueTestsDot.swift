import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// Forward values of every form of dot.
@Suite struct OpValueTestsDot {
    // Expected values computed with numpy 2.4:
    //   A = np.array([[1.,2,3],[4,5,6]]); B = np.array([[1.,-1,0.5,2],[0,3,-2,1],[2,1,1,-1]])
    //   C = np.array([[0.5,1,-1],[2,0,1],[1,1,1],[-1,2,0.5]]); v = np.array([1.,-2,0.5])
    //   T = np.arange(12.).reshape(2,2,3)*0.5-1; U = np.arange(24.).reshape(2,3,4)*0.25-2
    //   (A@B).ravel().tolist(), (A@C.T), (T@B), (v@B), (A@v), (T@v), v@v, (T@U)
    static let a: [Double] = [1, 2, 3, 4, 5, 6]
    static let b: [Double] = [1, -1, 0.5, 2, 0, 3, -2, 1, 2, 1, 1, -1]
    static let c: [Double] = [0.5, 1, -1, 2, 0, 1, 1, 1, 1, -1, 2, 0.5]
    static let v: [Double] = [1, -2, 0.5]
    static let t: [Double] = (0..<12).map { (i: Int) -> Double in Double(i) * 0.5 - 1 }
    static let u: [Double] = (0..<24).map { (i: Int) -> Double in Double(i) * 0.25 - 2 }
    static let ab: [Double] = [7.0, 8.0, -0.5, 1.0, 16.0, 17.0, -2.0, 7.0]
    static let act: [Double] = [-0.5, 5.0, 6.0, 4.5, 1.0, 14.0, 15.0, 9.0]

    /// The transpose of a row-major (rows, cols) matrix's values.
    static func transpose(_ m: [Double], _ rows: Int, _ cols: Int) -> [Double] {
        (0..<(rows * cols)).map { (k: Int) -> Double in m[(k % rows) * cols + k / rows] }
    }

    func dot(_ x: [Double], _ xs: [Int], _ y: [Double], _ ys: [Int], ta: Bool = false, tb: Bool = false,
             _ expected: [Double], shape: [Int], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let p = Expr.input("p", dtype: .float64, shape: xs.map { $0 }), q = Expr.input("q", dtype: .float64, shape: ys.map { $0 })
        try expectValues(p.dot(q, transposeSelf: ta, transposeOther: tb), [(p, f64(x, xs)), (q, f64(y, ys))], expected,
                         shape: shape, sourceLocation: sourceLocation)
    }

    @Test func matrixMatrixEachTransposeFlag() throws {
        let at = Self.transpose(Self.a, 2, 3), bt = Self.transpose(Self.b, 3, 4), ct = Self.transpose(Self.c, 4, 3)
        try dot(Self.a, [2, 3], Self.b, [3, 4], Self.ab, shape: [2, 4])
        try dot(at, [3, 2], Self.b, [3, 4], ta: true, Self.ab, shape: [2, 4])
        try dot(Self.a, [2, 3], bt, [4, 3], tb: true, Self.ab, shape: [2, 4])
        try dot(at, [3, 2], bt, [4, 3], ta: true, tb: true, Self.ab, shape: [2, 4])
        try dot(Self.a, [2, 3], Self.c, [4, 3], tb: true, Self.act, shape: [2, 4])
        try dot(Self.a, [2, 3], ct, [3, 4], Self.act, shape: [2, 4])
        // AᵀA and AAᵀ from the same operand.
        try dot(Self.a, [2, 3], Self.a, [2, 3], ta: true, [17, 22, 27, 22, 29, 36, 27, 36, 45], shape: [3, 3])
        try dot(Self.a, [2, 3], Self.a, [2, 3], tb: true, [14, 32, 32, 77], shape: [2, 2])
    }

    @Test func rank3Matrix() throws {
        let tb = [-1.0, -0.5, 0.5, -2.5, 3.5, 4.0, -0.25, 0.5, 8.0, 8.5, -1.0, 3.5, 12.5, 13.0, -1.75, 6.5]
        try dot(Self.t, [2, 2, 3], Self.b, [3, 4], tb, shape: [2, 2, 4])
        try dot(Self.t, [2, 2, 3], Self.transpose(Self.b, 3, 4), [4, 3], tb: true, tb, shape: [2, 2, 4])
    }

    @Test func vectorForms() throws {
        try dot(Self.v, [3], Self.b, [3, 4], [2.0, -6.5, 5.0, -0.5], shape: [4])
        try dot(Self.v, [3], Self.transpose(Self.b, 3, 4), [4, 3], tb: true, [2.0, -6.5, 5.0, -0.5], shape: [4])
        try dot(Self.a, [2, 3], Self.v, [3], [-1.5, -3.0], shape: [2])
        try dot(Self.transpose(Self.a, 2, 3), [3, 2], Self.v, [3], ta: true, [-1.5, -3.0], shape: [2])
        try dot(Self.t, [2, 2, 3], Self.v, [3], [0.0, -0.75, -1.5, -2.25], shape: [2, 2])
        try dot(Self.v, [3], Self.v, [3], [5.25], shape: [])
    }

    @Test func batchedEachTransposeFlag() throws {
        let expected = [2.5, 2.125, 1.75, 1.375, -2.0, -1.25, -0.5, 0.25, 16.0, 17.875, 19.75, 21.625, 25.0, 28.0, 31.0, 34.0]
        let tt = Array(Self.transpose(Array(Self.t[0..<6]), 2, 3) + Self.transpose(Array(Self.t[6...]), 2, 3))
        let ut = Array(Self.transpose(Array(Self.u[0..<12]), 3, 4) + Self.transpose(Array(Self.u[12...]), 3, 4))
        try dot(Self.t, [2, 2, 3], Self.u, [2, 3, 4], expected, shape: [2, 2, 4])
        try dot(tt, [2, 3, 2], Self.u, [2, 3, 4], ta: true, expected, shape: [2, 2, 4])
        try dot(Self.t, [2, 2, 3], ut, [2, 4, 3], tb: true, expected, shape: [2, 2, 4])
        try dot(tt, [2, 3, 2], ut, [2, 4, 3], ta: true, tb: true, expected, shape: [2, 2, 4])
    }

    /// dot(A, B) + bias is rewritten to GEMM by default; the value is the same.
    @Test func dotPlusBias() throws {
        let p = Expr.input("p", dtype: .float64, shape: [2, 3]), q = Expr.input("q", dtype: .float64, shape: [3, 4])
        let bias = Expr.constant(f64([1, 2, 3, 4], [4]))
        try expectValues(p.dot(q) + bias, [(p, f64(Self.a, [2, 3])), (q, f64(Self.b, [3, 4]))],
                         [8.0, 10.0, 2.5, 5.0, 17.0, 19.0, 1.0, 11.0], shape: [2, 4])
    }
}
