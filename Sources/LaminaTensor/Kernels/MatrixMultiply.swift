import CBLAS
import Synchronization

/// Which kernel computes general matrix products.
package enum ProductKernel: String, Sendable, CaseIterable {
    /// Lamina's packed kernel, which sums every element in one fixed order, so
    /// results are the same on every x86-64 CPU with AVX2 and FMA and at every
    /// thread count (see `FixedOrderGemm`). The default.
    case fixedOrder = "fixed"
    /// OpenBLAS's `sgemm`/`dgemm`: its kernel, and so the rounding of a sum,
    /// depends on the processor it finds (or on `OPENBLAS_CORETYPE`).
    case openBLAS = "openblas"
}

/// General matrix products C = alpha·op(A)·op(B) + beta·C, through the
/// kernel chosen by ``kernel``. Every product of the engine goes through here.
package enum MatrixProducts {
    private static let storedKernel = Atomic<Int>(
        ProcessInfoShim.environment("LAMINA_PRODUCTS").flatMap(ProductKernel.init(rawValue:)) == .openBLAS ? 1 : 0)

    /// The kernel used from now on: ``ProductKernel/fixedOrder`` unless the
    /// environment variable `LAMINA_PRODUCTS` is `openblas` at start-up.
    public static var kernel: ProductKernel {
        get { storedKernel.load(ordering: .relaxed) == 1 ? .openBLAS : .fixedOrder }
        set { storedKernel.store(newValue == .openBLAS ? 1 : 0, ordering: .relaxed) }
    }

    /// C = alpha·op(A)·op(B) + beta·C for row-major matrices, where op(A) is
    /// m×k and op(B) is k×n. `lda`, `ldb`, `ldc` are the row strides of A, B
    /// and C as stored. `dtype` must be float32 or float64.
    public static func gemm(dtype: DType, transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
                            alpha: Double, a: UnsafeRawPointer, lda: Int, b: UnsafeRawPointer, ldb: Int,
                            beta: Double, c: UnsafeMutableRawPointer, ldc: Int) {
        switch kernel {
        case .fixedOrder:
            FixedOrderGemm.gemm(dtype: dtype, transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                                a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
        case .openBLAS:
            BLAS.gemm(dtype: dtype, transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                      a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
        }
    }
}

/// Matrix products through OpenBLAS (`cblas_sgemm` / `cblas_dgemm`), used
/// when ``MatrixProducts/kernel`` is ``ProductKernel/openBLAS``.
///
/// Transposed operands are passed to BLAS as transposes, never copied.
package enum BLAS {
    /// The number of threads OpenBLAS uses. Lamina sets 1 at start-up
    /// (RNN-sized products gain little from more and can lose a lot; see
    /// ARCHITECTURE.md, "Platform notes", 1); raise it for large products.
    public static var threadCount: Int {
        get { _ = configureDefaultThreads; return Int(openblas_get_num_threads()) }
        set { _ = configureDefaultThreads; openblas_set_num_threads(Int32(newValue)) }
    }

    /// OpenBLAS's build configuration, including the kernel it chose (for example "Cooperlake").
    public static var configuration: String { String(cString: openblas_get_config()) }

    /// Sets one BLAS thread unless `LAMINA_BLAS_THREADS` asks for more. Called once by the engine.
    public static let configureDefaultThreads: Void = {
        openblas_set_num_threads(Int32(requestedThreadCount(ProcessInfoShim.environment("LAMINA_BLAS_THREADS"))))
    }()

    /// The BLAS threads a `LAMINA_BLAS_THREADS` value asks for: the number, at least 1; 1 when unset or not a number.
    package static func requestedThreadCount(_ value: String?) -> Int {
        max(value.flatMap(Int.init) ?? 1, 1)
    }

    /// C = alpha·op(A)·op(B) + beta·C for row-major matrices, where op(A) is
    /// m×k and op(B) is k×n. `lda`, `ldb`, `ldc` are the row strides of A, B
    /// and C as stored. `dtype` must be float32 or float64.
    public static func gemm(dtype: DType, transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
                            alpha: Double, a: UnsafeRawPointer, lda: Int, b: UnsafeRawPointer, ldb: Int,
                            beta: Double, c: UnsafeMutableRawPointer, ldc: Int) {
        _ = configureDefaultThreads
        if m == 0 || n == 0 { return }
        if k == 0 {
            // BLAS leaves C scaled by beta only when k = 0; do the same explicitly.
            for i in 0..<m { for j in 0..<n { scale(c, dtype, i * ldc + j, beta) } }
            return
        }
        let ta = transposeA ? CblasTrans : CblasNoTrans, tb = transposeB ? CblasTrans : CblasNoTrans
        switch dtype {
        case .float32:
            cblas_sgemm(CblasRowMajor, ta, tb, Int32(m), Int32(n), Int32(k), Float(alpha),
                        a.assumingMemoryBound(to: Float.self), Int32(lda),
                        b.assumingMemoryBound(to: Float.self), Int32(ldb), Float(beta),
                        c.assumingMemoryBound(to: Float.self), Int32(ldc))
        case .float64:
            cblas_dgemm(CblasRowMajor, ta, tb, Int32(m), Int32(n), Int32(k), alpha,
                        a.assumingMemoryBound(to: Double.self), Int32(lda),
                        b.assumingMemoryBound(to: Double.self), Int32(ldb), beta,
                        c.assumingMemoryBound(to: Double.self), Int32(ldc))
        default:
            preconditionFailure("gemm on \(dtype)")
        }
    }

    private static func scale(_ c: UnsafeMutableRawPointer, _ dtype: DType, _ i: Int, _ beta: Double) {
        if dtype == .float32 {
            let p = c.assumingMemoryBound(to: Float.self)
            p[i] = beta == 0 ? 0 : p[i] * Float(beta)
        } else {
            let p = c.assumingMemoryBound(to: Double.self)
            p[i] = beta == 0 ? 0 : p[i] * beta
        }
    }
}

/// The shapes of a matrix product, resolved.
package struct MatmulShape: Equatable, Sendable {
    /// Number of independent products (1 unless batched).
    public var batch: Int
    /// Rows of op(A), columns of op(B), and the shared inner size.
    public var m: Int, n: Int, k: Int
    /// The result's shape.
    public var resultShape: [Int]

    /// Resolves `a · b` with optional transposes of the last two axes, by
    /// ``MatmulShapeRule`` (which lists the supported forms).
    /// - Throws: ``TensorError`` naming both shapes when they do not fit.
    public init(_ a: [Int], _ b: [Int], transposeA: Bool = false, transposeB: Bool = false) throws {
        let sizes: MatmulShapeRule.Sizes
        do throws(MatmulShapeRule.Mismatch) {
            sizes = try MatmulShapeRule.resolve(a.map { $0 }, b.map { $0 }, transposeA: transposeA, transposeB: transposeB)
        } catch {
            throw TensorError("matmul", "cannot multiply \(formatShape(a))\(transposeA ? "ᵀ" : "") by \(formatShape(b))\(transposeB ? "ᵀ" : ""): \(error.reason)")
        }
        // Every size is known here, so every resolved size is too.
        batch = sizes.batchAxes.reduce(1) { $0 * $1! }
        m = sizes.m!
        n = sizes.n!
        k = sizes.k!
        resultShape = sizes.resultShape.map { $0! }
    }
}

/// Runs a resolved matrix product on contiguous operands through
/// ``MatrixProducts``. Row strides follow from the stored shapes, so
/// transposes go to the kernel as flags.
package func runMatmul(_ s: MatmulShape, dtype: DType, a: UnsafeRawPointer, transposeA: Bool, b: UnsafeRawPointer,
                      transposeB: Bool, c: UnsafeMutableRawPointer, alpha: Double = 1, beta: Double = 0) {
    let lda = transposeA ? s.m : s.k
    let ldb = transposeB ? s.k : s.n
    let size = dtype.byteSize
    for i in 0..<s.batch {
        MatrixProducts.gemm(dtype: dtype, transposeA: transposeA, transposeB: transposeB, m: s.m, n: s.n, k: s.k,
                  alpha: alpha, a: a + i * s.m * s.k * size, lda: lda, b: b + i * s.k * s.n * size, ldb: ldb,
                  beta: beta, c: c + i * s.m * s.n * size, ldc: s.n)
    }
}

extension NDArray {
    /// The matrix product `op(self) · op(other)`; see ``MatmulShape`` for the
    /// supported ranks. Both operands must be float32 or both float64.
    public func matmul(_ other: NDArray, transposeSelf: Bool = false, transposeOther: Bool = false) throws -> NDArray {
        guard dtype == other.dtype, dtype.isFloatingPoint else {
            throw TensorError("matmul", "operands must both be float32 or both float64, not \(dtype) and \(other.dtype)")
        }
        let s = try MatmulShape(shape, other.shape, transposeA: transposeSelf, transposeB: transposeOther)
        let result = NDArray(zeros: s.resultShape, dtype: dtype)
        runMatmul(s, dtype: dtype, a: buffer.pointer, transposeA: transposeSelf, b: other.buffer.pointer,
                  transposeB: transposeOther, c: result.buffer.pointer)
        return result
    }
}
