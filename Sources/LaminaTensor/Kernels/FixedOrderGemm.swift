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
///
/// The kernel packs its right-hand operand (k×n) into column panels and reads
/// the left one in place, row-major or transposed. When C has fewer rows than
/// columns it computes Cᵀ = op(B)ᵀ·op(A)ᵀ instead, packing the smaller
/// operand (the weight gradient Xᵀ·G of a recurrent layer packs X, not the
/// 4·units-wide G): each element is still its start value plus the same
/// products in the same order, since a fused multiply-add does not depend on
/// the order of its two factors.
enum FixedOrderGemm {
    /// See ``MatrixProducts/gemm(dtype:transposeA:transposeB:m:n:k:alpha:a:lda:b:ldb:beta:c:ldc:)``.
    ///
    /// With `addend` (only where ``startsFromSeparateAddend(m:n:k:alpha:beta:)`` holds), each
    /// element starts from D[i][j] = `addend`[i·`addendRowStride` + j] instead of from C (a row
    /// stride of 0 repeats one row, like a bias): the same sums as copying D into C first.
    static func gemm(dtype: DType, transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
                     alpha: Double, a: UnsafeRawPointer, lda: Int, b: UnsafeRawPointer, ldb: Int,
                     beta: Double, c: UnsafeMutableRawPointer, ldc: Int, addend: UnsafeRawPointer? = nil,
                     addendRowStride: Int = 0, threads: Int = Parallelism.threadCount) {
        precondition(addend == nil || startsFromSeparateAddend(m: m, n: n, k: k, alpha: alpha, beta: beta),
                     "a separate addend needs alpha = beta = 1, k > 0 and m ≥ n")
        switch dtype {
        case .float32:
            run(Float.self, panelWidth: 16, pack: lamina_sgemm_pack, multiply: lamina_sgemm_packed_general, transposeA: transposeA,
                transposeB: transposeB, m: m, n: n, k: k, alpha: Float(alpha), a: a, lda: lda, b: b, ldb: ldb, beta: Float(beta),
                c: c, ldc: ldc, separateAddend: addend, addendRowStride: addendRowStride, threads: threads)
        case .float64:
            run(Double.self, panelWidth: 8, pack: lamina_dgemm_pack, multiply: lamina_dgemm_packed_general, transposeA: transposeA,
                transposeB: transposeB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta,
                c: c, ldc: ldc, separateAddend: addend, addendRowStride: addendRowStride, threads: threads)
        default:
            preconditionFailure("gemm on \(dtype)")
        }
    }

    /// Whether a product can start its elements from an addend stored apart from C: only when it
    /// is accumulated (alpha = beta = 1), has a depth, and is computed untransposed (m ≥ n).
    static func startsFromSeparateAddend(m: Int, n: Int, k: Int, alpha: Double, beta: Double) -> Bool {
        alpha == 1 && beta == 1 && k > 0 && m >= n
    }

    private typealias Pack<T> = (UnsafePointer<T>?, Int, Int32, Int, Int, UnsafeMutablePointer<T>?) -> Void
    private typealias Multiply<T> = (Int, Int, Int, UnsafePointer<T>?, Int, Int32, UnsafePointer<T>?, Int, Int,
                                     UnsafeMutablePointer<T>?, Int, Int, UnsafePointer<T>?, Int) -> Void

    private static func run<T: BinaryFloatingPoint>(
        _: T.Type, panelWidth: Int, pack: Pack<T>, multiply: Multiply<T>, transposeA: Bool, transposeB: Bool,
        m: Int, n: Int, k: Int, alpha: T, a: UnsafeRawPointer, lda: Int, b: UnsafeRawPointer, ldb: Int,
        beta: T, c: UnsafeMutableRawPointer, ldc: Int, separateAddend: UnsafeRawPointer?, addendRowStride: Int, threads: Int
    ) {
        let c = c.assumingMemoryBound(to: T.self)
        let (a, b) = (a.assumingMemoryBound(to: T.self), b.assumingMemoryBound(to: T.self))
        func forEachElement(_ body: (Int) -> Void) { for i in 0..<m { for j in 0..<n { body(i * ldc + j) } } }
        if m == 0 || n == 0 { return }
        if beta != 0 && beta != 1 { forEachElement { c[$0] *= beta } }
        if k == 0 {
            if beta == 0 { forEachElement { c[$0] = 0 } }
            return
        }
        // The product computed: rows×columns = m×n, or its transpose n×m.
        let swapped = m < n
        let (rows, columns) = swapped ? (n, m) : (m, n)
        // Its right operand (k×columns), packed: op(B), or op(A)ᵀ (op(A)ᵀ[kk][i] is A[kk][i] when A is stored transposed).
        let panels = (columns + panelWidth - 1) / panelWidth
        let packed = UnsafeMutablePointer<T>.allocate(capacity: panels * panelWidth * k)
        defer { packed.deallocate() }
        if swapped { pack(a, lda, transposeA ? 0 : 1, k, m, packed) } else { pack(b, ldb, transposeB ? 1 : 0, k, n, packed) }
        // Its left operand (rows×k), read in place: op(A), or op(B)ᵀ (row-major exactly when B is stored transposed).
        let (left, leftStride, leftTransposed) = swapped ? (b, ldb, !transposeB) : (a, lda, transposeA)
        // The product goes straight into C (starting from C when beta = 1) unless alpha scales it or it is transposed.
        let direct = alpha == 1 && !swapped
        let target = direct ? c : UnsafeMutablePointer<T>.allocate(capacity: rows * columns)
        defer { if !direct { target.deallocate() } }
        let targetStride = direct ? ldc : columns
        var addend: UnsafePointer<T>? = nil
        var addendStride = targetStride
        if let separateAddend {
            addend = separateAddend.assumingMemoryBound(to: T.self)
            addendStride = addendRowStride
        } else if alpha == 1 && beta != 0 {
            if swapped { for i in 0..<m { for j in 0..<n { target[j * m + i] = c[i * ldc + j] } } }
            addend = UnsafePointer(target)
        }
        let minimumPanels = max(1, (1 << 20) / max(rows * k * panelWidth, 1))
        Parallelism.forEachChunk(count: panels, threads: threads, minimumPerThread: minimumPanels) { range in
            multiply(rows, columns, k, left, leftStride, leftTransposed ? 1 : 0, packed, range.lowerBound, range.upperBound,
                     target, targetStride, 0, addend, addendStride)
        }
        if !direct {
            for i in 0..<m {
                for j in 0..<n {
                    let p = swapped ? target[j * m + i] : target[i * n + j]
                    c[i * ldc + j] = alpha == 1 ? p : alpha * p + (beta == 0 ? 0 : c[i * ldc + j])
                }
            }
        }
    }
}
