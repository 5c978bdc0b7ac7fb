import CKernels
import Testing
@testable import LaminaTensor
import LaminaTestSupport

/// Lamina's fixed-order products: every element equals its start value plus
/// the products a[i][kk]·b[kk][j] added for kk = 0, 1, … one fused multiply-add
/// at a time, whatever the shape, transposes, blocking or thread count.
@Suite struct FixedOrderGemmTests {
    /// (m, n, k): partial tiles and panels, a depth over one 256 block, more
    /// rows than one row block (16 tiles of 6 rows), and an empty depth; then
    /// shapes whose right operand can be read in place (whole 16-column panels):
    /// thin products of 1–3 rows (two panels per tile), (40, 32, 270) untransposed
    /// and (32, 64, 600) transposed (the weight gradients' form, k over two blocks).
    static let shapes: [(Int, Int, Int)] = [(1, 1, 1), (5, 17, 15), (7, 9, 33), (13, 40, 300), (101, 20, 7), (4, 3, 0),
                                            (2, 48, 300), (1, 32, 5), (3, 80, 17), (40, 32, 270), (32, 64, 600)]

    /// C = alpha·op(A)·op(B) + beta·C computed element by element in the documented order,
    /// with `addingProduct` (one rounding per step, as a fused multiply-add).
    static func reference<T: BinaryFloatingPoint>(_ a: [T], _ b: [T], _ c: [T], m: Int, n: Int, k: Int,
                                                  transposeA: Bool, transposeB: Bool, alpha: T, beta: T) -> [T] {
        var out = c
        for i in 0..<m {
            for j in 0..<n {
                let scaledC = beta == 0 ? 0 : (beta == 1 ? c[i * n + j] : c[i * n + j] * beta)
                var sum: T = alpha == 1 ? scaledC : 0
                for kk in 0..<k {
                    let av = transposeA ? a[kk * m + i] : a[i * k + kk], bv = transposeB ? b[j * k + kk] : b[kk * n + j]
                    sum = sum.addingProduct(av, bv)
                }
                out[i * n + j] = alpha == 1 ? sum : alpha * sum + scaledC
            }
        }
        return out
    }

    func check(_ dtype: DType, shape: (Int, Int, Int), transposeA: Bool, transposeB: Bool, alpha: Double, beta: Double, threads: Int,
               readsInPlace: Bool? = nil, packingDepth: Int? = nil) {
        let (m, n, k) = shape
        var rng = RandomGenerator(seed: UInt64(m * 10_000 + n * 100 + k))
        let a = rng.uniform(shape: transposeA ? [k, m] : [m, k], low: -1, high: 1, dtype: dtype)
        let b = rng.uniform(shape: transposeB ? [n, k] : [k, n], low: -1, high: 1, dtype: dtype)
        let c = rng.uniform(shape: [m, n], low: -1, high: 1, dtype: dtype)
        let before = c.doubles
        FixedOrderGemm.gemm(dtype: dtype, transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                            a: a.buffer.pointer, lda: transposeA ? m : k, b: b.buffer.pointer, ldb: transposeB ? k : n,
                            beta: beta, c: c.buffer.pointer, ldc: n, threads: threads, readsInPlace: readsInPlace,
                            packingDepth: packingDepth)
        // Within rounding of the exact (Double) result.
        let exact = Self.reference(a.doubles, b.doubles, before, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB,
                                   alpha: alpha, beta: beta)
        let tolerance = (dtype == .float32 ? 1e-6 : 1e-14) * Double(k + 2)
        expectClose(c.doubles, exact, absolute: tolerance, relative: tolerance)
        // Bit for bit the documented order (on CPUs with FMA, the kernels' guaranteed path).
        guard lamina_has_avx2_fma() != 0 else { return }
        if dtype == .float32 {
            let ordered = Self.reference(a.scalars(as: Float.self), b.scalars(as: Float.self), before.map { Float($0) }, m: m, n: n, k: k,
                                         transposeA: transposeA, transposeB: transposeB, alpha: Float(alpha), beta: Float(beta))
            #expect(c.scalars(as: Float.self) == ordered,
                    "\(shape) \(transposeA) \(transposeB) α=\(alpha) β=\(beta) threads \(threads) in place \(String(describing: readsInPlace)) depth \(String(describing: packingDepth))")
        } else {
            let ordered = Self.reference(a.doubles, b.doubles, before, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB,
                                         alpha: alpha, beta: beta)
            #expect(c.doubles == ordered, "\(shape) \(transposeA) \(transposeB) α=\(alpha) β=\(beta) threads \(threads)")
        }
    }

    @Test(arguments: shapes, [DType.float32, .float64])
    func everyElementIsSummedInTheDocumentedOrder(shape: (Int, Int, Int), dtype: DType) {
        for (transposeA, transposeB) in [(false, false), (true, false), (false, true), (true, true)] {
            for (alpha, beta) in [(1.0, 0.0), (1.0, 1.0), (0.5, 0.0), (-2.0, 1.0), (1.0, 0.25)] {
                for threads in [1, 2] {
                    // The default plan, then (where the right operand can be read in place) packed and in place forced.
                    check(dtype, shape: shape, transposeA: transposeA, transposeB: transposeB, alpha: alpha, beta: beta, threads: threads)
                    let (m, n, _) = shape
                    guard FixedOrderGemm.plan(m: m, n: n, transposeA: transposeA, transposeB: transposeB, dtype: dtype).canReadInPlace
                    else { continue }
                    for readsInPlace in [false, true] {
                        check(dtype, shape: shape, transposeA: transposeA, transposeB: transposeB, alpha: alpha, beta: beta,
                              threads: threads, readsInPlace: readsInPlace)
                    }
                }
            }
        }
    }

    /// A packed right operand packed and multiplied in depth blocks (1, 7 and 100 rows; 100 also
    /// meets the kernel's own 256-deep blocks out of step) gives the sums of one block, bit for bit.
    @Test(arguments: [(5, 17, 15), (7, 9, 33), (13, 40, 300), (101, 20, 7), (32, 64, 600)], [DType.float32, .float64])
    func packedDepthBlocksKeepTheDocumentedOrder(shape: (Int, Int, Int), dtype: DType) {
        for packingDepth in [1, 7, 100] {
            for (transposeA, transposeB) in [(false, false), (true, false), (false, true), (true, true)] {
                for (alpha, beta) in [(1.0, 0.0), (1.0, 1.0), (0.5, 0.0), (-2.0, 1.0)] {
                    check(dtype, shape: shape, transposeA: transposeA, transposeB: transposeB, alpha: alpha, beta: beta,
                          threads: 2, readsInPlace: false, packingDepth: packingDepth)
                }
            }
        }
    }

    /// The default depth blocks fill 256 KB of panels in multiples of 256 rows, at least one such block.
    @Test func packingDepthFillsAQuarterMegabyte() {
        #expect(FixedOrderGemm.packingDepth(panels: 16, panelWidth: 16, elementSize: 4) == 256)   // 256 columns: 1 KB a row
        #expect(FixedOrderGemm.packingDepth(panels: 2, panelWidth: 16, elementSize: 4) == 2048)   // 32 columns: 128 B a row
        #expect(FixedOrderGemm.packingDepth(panels: 3, panelWidth: 8, elementSize: 8) == 1280)    // 24 doubles: 192 B a row → 1365
        #expect(FixedOrderGemm.packingDepth(panels: 64, panelWidth: 16, elementSize: 4) == 256)   // 1,024 columns: never below 256
    }

    /// The plans of the harness's products (adding problem: batch 50 × T 100 = 5,000 rows, 2 inputs, 32 units).
    @Test func plansReadNarrowRowMajorOperandsInPlaceAndKeepThinProductsUntransposed() {
        typealias Plan = FixedOrderGemm.Plan
        // ∂W = Xᵀ·G (2×128, k = 5,000): thin, G (row stride 128) read in place, two panels per tile.
        #expect(FixedOrderGemm.plan(m: 2, n: 128, transposeA: true, transposeB: false, dtype: .float32)
                == Plan(swapped: false, canReadInPlace: true, readsInPlace: true))
        // ∂U = Hᵀ·G (32×128): computed as Gᵀ·H, H (k×32, row stride 32) read in place.
        #expect(FixedOrderGemm.plan(m: 32, n: 128, transposeA: true, transposeB: false, dtype: .float32)
                == Plan(swapped: true, canReadInPlace: true, readsInPlace: true))
        // The input projection X·W (5,000×2 · 2×128): W's rows are 128 apart, so it is packed.
        #expect(FixedOrderGemm.plan(m: 5000, n: 128, transposeA: false, transposeB: false, dtype: .float32)
                == Plan(swapped: false, canReadInPlace: true, readsInPlace: false))
        // A transposed B, a width that is not whole panels, and float64 are always packed.
        #expect(FixedOrderGemm.plan(m: 2, n: 128, transposeA: true, transposeB: true, dtype: .float32)
                == Plan(swapped: true, canReadInPlace: false, readsInPlace: false))
        #expect(FixedOrderGemm.plan(m: 40, n: 20, transposeA: false, transposeB: false, dtype: .float32)
                == Plan(swapped: false, canReadInPlace: false, readsInPlace: false))
        #expect(FixedOrderGemm.plan(m: 2, n: 128, transposeA: true, transposeB: false, dtype: .float64)
                == Plan(swapped: true, canReadInPlace: false, readsInPlace: false))
    }

    /// A separate addend (the input projection's bias row, or a whole matrix), read in place, bit for bit.
    @Test(arguments: [(101, 32, 2), (130, 128, 32), (7, 5, 300)], [AddendLayout.row, .whole])
    func separateAddendsStartEveryElement(shape: (Int, Int, Int), layout: AddendLayout) {
        for packingDepth in [nil, 13] { checkSeparateAddend(shape: shape, layout: layout, packingDepth: packingDepth) }
    }

    /// With `packingDepth` 13, a packed right operand's later depth blocks start from C, not from the addend.
    func checkSeparateAddend(shape: (Int, Int, Int), layout: AddendLayout, packingDepth: Int?) {
        let (m, n, k) = shape
        var rng = RandomGenerator(seed: UInt64(m + n + k))
        let a = rng.uniform(shape: [m, k], low: -1, high: 1), b = rng.uniform(shape: [k, n], low: -1, high: 1)
        let d = rng.uniform(shape: layout == .row ? [n] : [m, n], low: -1, high: 1)
        let c = NDArray(zeros: [m, n])
        FixedOrderGemm.gemm(dtype: .float32, transposeA: false, transposeB: false, m: m, n: n, k: k, alpha: 1, a: a.buffer.pointer,
                            lda: k, b: b.buffer.pointer, ldb: n, beta: 1, c: c.buffer.pointer, ldc: n, addend: d.buffer.pointer,
                            addendRowStride: layout.rowStride(columns: n), packingDepth: packingDepth)
        let start = (0..<m).flatMap { i in (0..<n).map { d.scalars(as: Float.self)[layout == .row ? $0 : i * n + $0] } }
        let expected = Self.reference(a.scalars(as: Float.self), b.scalars(as: Float.self), start, m: m, n: n, k: k,
                                      transposeA: false, transposeB: false, alpha: 1, beta: 1)
        // Within float32 rounding of the exact sum (Double), and bit for bit the documented order where FMA is guaranteed.
        let exact = Self.reference(a.doubles, b.doubles, start.map(Double.init), m: m, n: n, k: k, transposeA: false, transposeB: false,
                                   alpha: 1, beta: 1)
        expectClose(c.doubles, exact, absolute: 1e-6 * Double(k + 2), relative: 1e-6 * Double(k + 2))
        if lamina_has_avx2_fma() != 0 {
            #expect(c.scalars(as: Float.self) == expected, "\(shape) \(layout) depth \(String(describing: packingDepth))")
        }
    }

    @Test func productsGoThroughTheFixedOrderKernelByDefault() throws {
        #expect(MatrixProducts.kernel == .fixedOrder)
        // Added to 1 one at a time, each 4e-8 (below half of float32's ulp at 1, 5.96e-8) is lost: the sum is 1.
        // Any order that first adds the three small products (1.2e-7) gives 1 + 2⁻²³ instead.
        let a = NDArray.floats([1, 4e-8, 4e-8, 4e-8], shape: [1, 4], dtype: .float32)
        let b = NDArray.floats([1, 1, 1, 1], shape: [4, 1], dtype: .float32)
        #expect(try a.matmul(b).doubles == [1])
    }
}
