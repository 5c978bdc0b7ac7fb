import CKernels
import Testing
@testable import LaminaTensor

/// Products that start every element from an addend read where it lies (a bias row or a whole
/// matrix), instead of from a copy of it in C.
@Suite struct ProductWithAddendTests {
    /// A 3×2 by 2×2 product plus the bias row [10, 20], by hand: rows of A·B are
    /// [1·1+2·3, 1·2+2·4] = [7, 10], [3·1+4·3, 3·2+4·4] = [15, 22], [5·1+6·3, 5·2+6·4] = [23, 34].
    @Test func biasRowByHand() throws {
        let a: [Float] = [1, 2, 3, 4, 5, 6], b: [Float] = [1, 2, 3, 4], bias: [Float] = [10, 20]
        var c = [Float](repeating: .nan, count: 6) // never read: the product starts from the bias
        let s = try MatmulShape([3, 2], [2, 2])
        let done = c.withUnsafeMutableBytes { cp in
            runMatmul(s, dtype: .float32, a: a, transposeA: false, b: b, transposeB: false, c: cp.baseAddress!, addend: bias, layout: .row)
        }
        #expect(done)
        #expect(c == [17, 30, 25, 42, 33, 54]) // [7, 10] + [10, 20], [15, 22] + [10, 20], [23, 34] + [10, 20]
    }

    /// Random shapes and layouts, bit for bit against the documented order (start value, then one
    /// fused multiply-add per k) computed by ``FixedOrderGemmTests/reference(_:_:_:m:n:k:transposeA:transposeB:alpha:beta:)``
    /// from the addend broadcast to m×n: the same bits as copying the addend into C and accumulating.
    @Test(arguments: [(5, 3, 4), (40, 17, 33), (101, 20, 7), (13, 13, 300)])
    func matchesTheDocumentedOrder(shape: (Int, Int, Int)) throws {
        guard lamina_has_avx2_fma() != 0 else { return }
        let (m, n, k) = shape
        var rng = RandomGenerator(seed: UInt64(m * 1000 + n * 10 + k))
        for (transposeA, transposeB) in [(false, false), (true, false), (false, true)] {
            let a = rng.uniform(shape: transposeA ? [k, m] : [m, k], low: -1, high: 1, dtype: .float32)
            let b = rng.uniform(shape: transposeB ? [n, k] : [k, n], low: -1, high: 1, dtype: .float32)
            for layout in [AddendLayout.whole, .row] {
                let addend = rng.uniform(shape: layout == .whole ? [m, n] : [n], low: -1, high: 1, dtype: .float32)
                let d = addend.scalars(as: Float.self)
                let start = (0..<(m * n)).map { layout == .whole ? d[$0] : d[$0 % n] }
                let c = NDArray(zeros: [m, n], dtype: .float32)
                let s = try MatmulShape(a.shape, b.shape, transposeA: transposeA, transposeB: transposeB)
                #expect(runMatmul(s, dtype: .float32, a: a.buffer.pointer, transposeA: transposeA, b: b.buffer.pointer,
                                  transposeB: transposeB, c: c.buffer.pointer, addend: addend.buffer.pointer, layout: layout))
                let expected = FixedOrderGemmTests.reference(a.scalars(as: Float.self), b.scalars(as: Float.self), start, m: m, n: n, k: k,
                                                             transposeA: transposeA, transposeB: transposeB, alpha: 1, beta: 1)
                #expect(c.scalars(as: Float.self) == expected, "\(shape) \(transposeA) \(transposeB) \(layout)")
                #expect(addend.scalars(as: Float.self) == d) // the addend is read, not written
            }
        }
    }

    /// Products the kernel computes transposed (m < n) or without a depth leave the addend to the caller.
    @Test func transposedOrEmptyProductsDecline() throws {
        let wide = try MatmulShape([2, 3], [3, 5]), empty = try MatmulShape([4, 0], [0, 2]), tall = try MatmulShape([5, 3], [3, 2])
        #expect(!MatrixProducts.readsAddendInPlace(wide))
        #expect(!MatrixProducts.readsAddendInPlace(empty))
        #expect(MatrixProducts.readsAddendInPlace(tall) == (MatrixProducts.kernel == .fixedOrder))
        var c = [Float](repeating: 7, count: 10)
        let done = c.withUnsafeMutableBytes { cp in
            runMatmul(wide, dtype: .float32, a: [Float](repeating: 1, count: 6), transposeA: false, b: [Float](repeating: 1, count: 15),
                      transposeB: false, c: cp.baseAddress!, addend: [Float](repeating: 1, count: 5), layout: .row)
        }
        #expect(!done)
        #expect(c == [Float](repeating: 7, count: 10)) // untouched
    }
}
