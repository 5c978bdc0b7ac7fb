import Testing
@testable import LaminaTensor
import LaminaTestSupport

/// Matrix products: 2-D, transposes, vectors, rank-3 by matrix, batched, float64, and shape errors.
@Suite struct MatmulTests {
    static let dtypes: [DType] = [.float32, .float64]
    // A (2, 3), B (3, 4); A @ B = [[0, -5, 2, 3], [11, -4, -2, 13]] (numpy, checked by hand for row 0:
    // [1·2 + 2·1 − 1·4, 0 − 4 − 1, 1 + 0 + 1, −1 + 6 − 2]).
    static let aValues: [Double] = [1, 2, -1, 0, 3, 2]
    static let bValues: [Double] = [2, 0, 1, -1, 1, -2, 0, 3, 4, 1, -1, 2]
    static let ab: [Double] = [0, -5, 2, 3, 11, -4, -2, 13]

    @Test(arguments: dtypes)
    func matrixTimesMatrix(dtype: DType) throws {
        let a = NDArray.floats(Self.aValues, shape: [2, 3], dtype: dtype)
        let b = NDArray.floats(Self.bValues, shape: [3, 4], dtype: dtype)
        let y = try a.matmul(b)
        #expect(y.dtype == dtype)
        #expect(y.shape == [2, 4])
        #expect(y.doubles == Self.ab)
    }

    @Test(arguments: dtypes, [(false, true), (true, false), (true, true)])
    func transposeFlags(dtype: DType, flags: (Bool, Bool)) throws {
        // Store the operands transposed and ask matmul to transpose them back.
        let a = NDArray.floats(Self.aValues, shape: [2, 3], dtype: dtype)
        let b = NDArray.floats(Self.bValues, shape: [3, 4], dtype: dtype)
        let (ta, tb) = flags
        let y = try (ta ? a.transposed : a).matmul(tb ? b.transposed : b, transposeSelf: ta, transposeOther: tb)
        #expect(y.shape == [2, 4])
        #expect(y.doubles == Self.ab)
    }

    @Test(arguments: dtypes)
    func vectors(dtype: DType) throws {
        let a = NDArray.floats(Self.aValues, shape: [2, 3], dtype: dtype)
        let b = NDArray.floats(Self.bValues, shape: [3, 4], dtype: dtype)
        let v = NDArray.floats([1, -2, 3], shape: [3], dtype: dtype)
        // numpy: v @ B, A @ v, v @ v
        let vb = try v.matmul(b)
        #expect(vb.shape == [4])
        #expect(vb.doubles == [12, 7, -2, -1])
        let av = try a.matmul(v)
        #expect(av.shape == [2])
        #expect(av.doubles == [-6, 0])
        let vv = try v.matmul(v)
        #expect(vv.shape == [])
        #expect(vv.scalarValue == 14)
        // a transposed matrix times a vector: (Aᵀ stored as (3, 2))ᵀ · v = A · v
        #expect(try a.transposed.matmul(v, transposeSelf: true).doubles == [-6, 0])
        // v · Bᵀᵀ
        #expect(try v.matmul(b.transposed, transposeOther: true).doubles == [12, 7, -2, -1])
    }

    // A3 = np.arange(12.).reshape(2,2,3) - 5
    static let a3: [Double] = (0..<12).map { Double($0) - 5 }

    @Test(arguments: dtypes)
    func rank3TimesMatrix(dtype: DType) throws {
        // A3 @ B2 with B2 = [[1, -1], [2, 0], [0, 3]]: leading axes of A3 become rows
        let a = NDArray.floats(Self.a3, shape: [2, 2, 3], dtype: dtype)
        let b = NDArray.floats([1, -1, 2, 0, 0, 3], shape: [3, 2], dtype: dtype)
        let y = try a.matmul(b)
        #expect(y.shape == [2, 2, 2])
        #expect(y.doubles == [-13, -4, -4, 2, 5, 8, 14, 14])
        #expect(try a.matmul(b.transposed, transposeOther: true).doubles == [-13, -4, -4, 2, 5, 8, 14, 14])
        // rank 3 times a vector: A3 @ [1, 0, -1] = first minus last column
        let w = try a.matmul(NDArray.floats([1, 0, -1], shape: [3], dtype: dtype))
        #expect(w.shape == [2, 2])
        #expect(w.doubles == [-2, -2, -2, -2])
    }

    @Test(arguments: dtypes)
    func batched(dtype: DType) throws {
        // Bb = np.arange(12.).reshape(2,3,2)*0.5 - 1; A3 @ Bb
        let a = NDArray.floats(Self.a3, shape: [2, 2, 3], dtype: dtype)
        let b = NDArray.floats((0..<12).map { Double($0) * 0.5 - 1 }, shape: [2, 3, 2], dtype: dtype)
        let expected: [Double] = [2, -4, 2, 0.5, 20, 23, 47, 54.5]
        let y = try a.matmul(b)
        #expect(y.shape == [2, 2, 2])
        #expect(y.doubles == expected)
        // batched transposes: swap the last two axes of the stored operands
        let at = try a.permuted([0, 2, 1]), bt = try b.permuted([0, 2, 1])
        #expect(try at.matmul(b, transposeSelf: true).doubles == expected)
        #expect(try a.matmul(bt, transposeOther: true).doubles == expected)
        #expect(try at.matmul(bt, transposeSelf: true, transposeOther: true).doubles == expected)
        // rank 4: two batch axes (1, 2)
        let a4 = try a.reshaped([1, 2, 2, 3]), b4 = try b.reshaped([1, 2, 3, 2])
        let y4 = try a4.matmul(b4)
        #expect(y4.shape == [1, 2, 2, 2])
        #expect(y4.doubles == expected)
    }

    @Test(arguments: dtypes)
    func largerProductMatchesANaiveLoop(dtype: DType) throws {
        // (37, 29) · (29, 41) against a triple loop in Double
        let m = 37, k = 29, n = 41
        let av = (0..<m * k).map { Double(($0 * 7) % 13) / 4 - 1.5 }
        let bv = (0..<k * n).map { Double(($0 * 5) % 11) / 3 - 1.7 }
        var expected = [Double](repeating: 0, count: m * n)
        for i in 0..<m { for j in 0..<n { for p in 0..<k { expected[i * n + j] += av[i * k + p] * bv[p * n + j] } } }
        let y = try NDArray.floats(av, shape: [m, k], dtype: dtype).matmul(NDArray.floats(bv, shape: [k, n], dtype: dtype))
        let tolerance = dtype == .float32 ? 1e-5 : 1e-12
        expectClose(y.doubles, expected, absolute: tolerance, relative: tolerance)
    }

    @Test func emptyInnerAxisGivesZeros() throws {
        let y = try NDArray(zeros: [2, 0]).matmul(NDArray(zeros: [0, 3]))
        #expect(y.shape == [2, 3])
        #expect(y.doubles == [0, 0, 0, 0, 0, 0])
        #expect(try NDArray(zeros: [0, 3]).matmul(NDArray(zeros: [3, 2])).shape == [0, 2])
    }

    @Test func shapeErrorsNameBothShapes() {
        let a = NDArray(zeros: [2, 3]), b = NDArray(zeros: [4, 2])
        expectTensorError("matmul", mentioning: ["cannot multiply (2, 3) by (4, 2)", "inner sizes 3 and 4 differ"]) { _ = try a.matmul(b) }
        expectTensorError("matmul", mentioning: ["(2, 3)ᵀ", "(4, 2)"]) { _ = try a.matmul(b, transposeSelf: true) }
        expectTensorError("matmul", mentioning: ["(2, 3)", "(4, 2)ᵀ", "inner sizes 3 and 2"]) { _ = try a.matmul(b, transposeOther: true) }
        expectTensorError("matmul", mentioning: ["(2, 2, 3)", "(3, 3, 2)", "batch axes differ"]) {
            _ = try NDArray(zeros: [2, 2, 3]).matmul(NDArray(zeros: [3, 3, 2]))
        }
        expectTensorError("matmul", mentioning: ["(2, 3)", "(2, 3, 4)", "both operands batched"]) {
            _ = try a.matmul(NDArray(zeros: [2, 3, 4]))
        }
        expectTensorError("matmul", mentioning: ["()", "(3,)", "scalars"]) { _ = try NDArray(scalar: Float(1)).matmul(NDArray(zeros: [3])) }
        expectTensorError("matmul", mentioning: ["(3,)ᵀ", "only matrices"]) { _ = try NDArray(zeros: [3]).matmul(NDArray(zeros: [3]), transposeSelf: true) }
        expectTensorError("matmul", mentioning: ["(2, 2, 3)ᵀ", "(3, 2)"]) {
            _ = try NDArray(zeros: [2, 2, 3]).matmul(NDArray(zeros: [3, 2]), transposeSelf: true)
        }
        expectTensorError("matmul", mentioning: ["(2, 3)", "(4,)"]) { _ = try a.matmul(NDArray(zeros: [4])) }
    }

    @Test func dtypeErrors() {
        expectTensorError("matmul", mentioning: ["float32", "float64"]) {
            _ = try NDArray(zeros: [2, 2]).matmul(NDArray(zeros: [2, 2], dtype: .float64))
        }
        expectTensorError("matmul", mentioning: ["int32"]) {
            _ = try NDArray(zeros: [2, 2], dtype: .int32).matmul(NDArray(zeros: [2, 2], dtype: .int32))
        }
    }

    @Test(arguments: [
        // (a, b, transposeA, transposeB) → (batch, m, n, k, result shape)
        ([2, 3], [3, 4], false, false, [1, 2, 4, 3], [2, 4]),
        ([3, 2], [3, 4], true, false, [1, 2, 4, 3], [2, 4]),
        ([2, 3], [4, 3], false, true, [1, 2, 4, 3], [2, 4]),
        ([5, 2, 3], [3, 4], false, false, [1, 10, 4, 3], [5, 2, 4]),
        ([5, 2, 3], [3], false, false, [1, 10, 1, 3], [5, 2]),
        ([3], [3, 4], false, false, [1, 1, 4, 3], [4]),
        ([3], [3], false, false, [1, 1, 1, 3], []),
        ([6, 2, 3], [6, 4, 3], false, true, [6, 2, 4, 3], [6, 2, 4]),
        ([2, 6, 3, 2], [2, 6, 3, 4], true, false, [12, 2, 4, 3], [2, 6, 2, 4]),
    ] as [([Int], [Int], Bool, Bool, [Int], [Int])])
    func shapeResolution(a: [Int], b: [Int], ta: Bool, tb: Bool, sizes: [Int], result: [Int]) throws {
        let s = try MatmulShape(a, b, transposeA: ta, transposeB: tb)
        #expect([s.batch, s.m, s.n, s.k] == sizes)
        #expect(s.resultShape == result)
    }
}
