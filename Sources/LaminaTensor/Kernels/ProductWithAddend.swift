/// How an addend D covers a product's result C (m×n) in
/// ``runMatmul(_:dtype:a:transposeA:b:transposeB:c:addend:layout:)``.
package enum AddendLayout: Equatable, Sendable {
    /// D has C's shape: D[i][j] at `i·n + j`.
    case whole
    /// D is one row of n elements, repeated for every row of C (a bias).
    case row

    /// The row stride of D for a product with `n` columns.
    func rowStride(columns n: Int) -> Int { self == .whole ? n : 0 }
}

extension MatrixProducts {
    /// Whether ``runMatmul(_:dtype:a:transposeA:b:transposeB:c:addend:layout:)`` reads the addend
    /// where it lies for a product of shape `s`: only the fixed-order kernel does, for products it
    /// computes untransposed (m ≥ n) with a depth (k > 0).
    package static func readsAddendInPlace(_ s: MatmulShape) -> Bool {
        kernel == .fixedOrder && FixedOrderGemm.startsFromSeparateAddend(m: s.m, n: s.n, k: s.k, alpha: 1, beta: 1)
    }
}

/// C = op(A)·op(B) + D for contiguous operands, where every element of C starts from its addend
/// D[i][j] and adds the products in the kernel's fixed order (``FixedOrderGemm``): bit for bit
/// what copying D into C and running ``runMatmul(_:dtype:a:transposeA:b:transposeB:c:alpha:beta:)``
/// with beta = 1 gives, without writing the copy. Batched products (s.batch > 1) take one
/// m×n block of a ``AddendLayout/whole`` addend each, or the same row.
/// - Returns: false, having computed nothing, when ``MatrixProducts/readsAddendInPlace(_:)`` does
///   not hold; the caller then copies D into C and accumulates.
package func runMatmul(_ s: MatmulShape, dtype: DType, a: UnsafeRawPointer, transposeA: Bool, b: UnsafeRawPointer,
                       transposeB: Bool, c: UnsafeMutableRawPointer, addend: UnsafeRawPointer, layout: AddendLayout) -> Bool {
    guard MatrixProducts.readsAddendInPlace(s) else { return false }
    let lda = transposeA ? s.m : s.k
    let ldb = transposeB ? s.k : s.n
    let size = dtype.byteSize
    for i in 0..<s.batch {
        FixedOrderGemm.gemm(dtype: dtype, transposeA: transposeA, transposeB: transposeB, m: s.m, n: s.n, k: s.k, alpha: 1,
                            a: a + i * s.m * s.k * size, lda: lda, b: b + i * s.k * s.n * size, ldb: ldb, beta: 1,
                            c: c + i * s.m * s.n * size, ldc: s.n,
                            addend: addend + (layout == .whole ? i * s.m * s.n * size : 0), addendRowStride: layout.rowStride(columns: s.n))
    }
    return true
}
