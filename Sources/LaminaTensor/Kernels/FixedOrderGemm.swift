import CKernels

/// General matrix products C = alpha·op(A)·op(B) + beta·C computed by
/// Lamina's own packed kernel (`CKernels/PackedGemm.c`), in which every
/// element of C is summed in one fixed order: its start value, then
/// a[i][kk]·b[kk][j] for kk = 0, 1, …, k − 1, one fused multiply-add each.
///
/// OpenBLAS chooses its kernel by processor (Haswell, SkylakeX, Zen, …) and
/// each kernel adds the products in a different order, so the same program
/// gave different float32 results on different machines. With this kernel a
/// product's result depends only on its operands: it is the same on every
/// x86-64 CPU with AVX2 and FMA, whatever OpenBLAS build is installed, and at
/// every thread count (threads split the columns, never an element's sum).
///
/// The start value is C itself when beta = 1 and alpha = 1 (the graph's
/// `gemm` op, which accumulates into its addend), zero when beta = 0, and
/// otherwise the product is formed first and combined as alpha·P + beta·C.
enum FixedOrderGemm {
    /// Columns per packed panel: 16 for float32, 8 for float64.
    static func panelWidth(_ dtype: DType) -> Int { dtype == .float32 ? 16 : 8 }

    /// See ``MatrixProducts/gemm(dtype:transposeA:transposeB:m:n:k:alpha:a:lda:b:ldb:beta:c:ldc:)``.
    static func gemm(dtype: DType, transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
                     alpha: Double, a: UnsafeRawPointer, lda: Int, b: UnsafeRawPointer, ldb: Int,
                     beta: Double, c: UnsafeMutableRawPointer, ldc: Int, threads: Int = Parallelism.threadCount) {
        switch dtype {
        case .float32:
            run(Float.self, panelWidth: 16, pack: lamina_sgemm_pack, multiply: lamina_sgemm_packed, transposeA: transposeA,
                transposeB: transposeB, m: m, n: n, k: k, alpha: Float(alpha), a: a, lda: lda, b: b, ldb: ldb, beta: Float(beta),
                c: c, ldc: ldc, threads: threads)
        case .float64:
            run(Double.self, panelWidth: 8, pack: lamina_dgemm_pack, multiply: lamina_dgemm_packed, transposeA: transposeA,
                transposeB: transposeB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta,
                c: c, ldc: ldc, threads: threads)
        default:
            preconditionFailure("gemm on \(dtype)")
        }
    }

    private typealias Pack<T> = (UnsafePointer<T>?, Int, Int32, Int, Int, UnsafeMutablePointer<T>?) -> Void
    private typealias Multiply<T> = (Int, Int, Int, UnsafePointer<T>?, Int, UnsafePointer<T>?, Int, Int,
                                     UnsafeMutablePointer<T>?, Int, Int, UnsafePointer<T>?, Int) -> Void

    private static func run<T: BinaryFloatingPoint>(
        _: T.Type, panelWidth: Int, pack: Pack<T>, multiply: Multiply<T>, transposeA: Bool, transposeB: Bool,
        m: Int, n: Int, k: Int, alpha: T, a: UnsafeRawPointer, lda: Int, b: UnsafeRawPointer, ldb: Int,
        beta: T, c: UnsafeMutableRawPointer, ldc: Int, threads: Int
    ) {
        let c = c.assumingMemoryBound(to: T.self)
        func forEachElement(_ body: (Int) -> Void) { for i in 0..<m { for j in 0..<n { body(i * ldc + j) } } }
        if m == 0 || n == 0 { return }
        if beta != 0 && beta != 1 { forEachElement { c[$0] *= beta } }
        if k == 0 {
            if beta == 0 { forEachElement { c[$0] = 0 } }
            return
        }
        // op(B), packed into column panels.
        let panels = (n + panelWidth - 1) / panelWidth
        let packed = UnsafeMutablePointer<T>.allocate(capacity: panels * panelWidth * k)
        defer { packed.deallocate() }
        pack(b.assumingMemoryBound(to: T.self), ldb, transposeB ? 1 : 0, k, n, packed)
        // op(A), row-major m×k.
        var rowsOfA = a.assumingMemoryBound(to: T.self), strideOfA = lda
        var transposedA: UnsafeMutablePointer<T>? = nil
        defer { transposedA?.deallocate() }
        if transposeA {
            let copy = UnsafeMutablePointer<T>.allocate(capacity: m * k)
            for kk in 0..<k { for i in 0..<m { copy[i * k + kk] = rowsOfA[kk * lda + i] } }
            transposedA = copy
            (rowsOfA, strideOfA) = (UnsafePointer(copy), k)
        }
        // The product goes straight into C (starting from C when beta = 1) unless alpha scales it.
        let direct = alpha == 1
        let target = direct ? c : UnsafeMutablePointer<T>.allocate(capacity: m * n)
        defer { if !direct { target.deallocate() } }
        let targetStride = direct ? ldc : n
        let addend: UnsafePointer<T>? = direct && beta != 0 ? UnsafePointer(c) : nil
        let minimumPanels = max(1, (1 << 20) / max(m * k * panelWidth, 1))
        let (a, lda) = (rowsOfA, strideOfA)
        Parallelism.forEachChunk(count: panels, threads: threads, minimumPerThread: minimumPanels) { range in
            multiply(m, n, k, a, lda, packed, range.lowerBound, range.upperBound, target, targetStride, 0, addend, ldc)
        }
        if !direct {
            for i in 0..<m {
                for j in 0..<n { c[i * ldc + j] = alpha * target[i * n + j] + (beta == 0 ? 0 : c[i * ldc + j]) }
            }
        }
    }
}
