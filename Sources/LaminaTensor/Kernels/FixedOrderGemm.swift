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
/// the order of its two factors. A product of at most 3 rows is computed as it
/// is (transposed, it would fill one 16-column panel with 2 or 3 columns), and
/// a float32 right operand stored row-major and narrow is read in place rather
/// than packed (see ``plan(m:n:transposeA:transposeB:dtype:)``).
package enum FixedOrderGemm {
    /// See ``MatrixProducts/gemm(dtype:transposeA:transposeB:m:n:k:alpha:a:lda:b:ldb:beta:c:ldc:)``.
    ///
    /// With `addend` (only where ``startsFromSeparateAddend(m:n:k:alpha:beta:)`` holds), each
    /// element starts from D[i][j] = `addend`[i·`addendRowStride` + j] instead of from C (a row
    /// stride of 0 repeats one row, like a bias): the same sums as copying D into C first.
    /// `readsInPlace`, when given, overrides the plan's choice between packing the right operand and
    /// reading it in place, where it can be read in place; `packingDepth`, the depth of the blocks of
    /// a packed right operand (see ``packingDepth(panels:panelWidth:elementSize:)``). Both are for
    /// tests and benchmarks: the sums are the same.
    package static func gemm(dtype: DType, transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
                     alpha: Double, a: UnsafeRawPointer, lda: Int, b: UnsafeRawPointer, ldb: Int,
                     beta: Double, c: UnsafeMutableRawPointer, ldc: Int, addend: UnsafeRawPointer? = nil,
                     addendRowStride: Int = 0, threads: Int = Parallelism.threadCount, readsInPlace: Bool? = nil,
                     packingDepth: Int? = nil) {
        precondition(addend == nil || startsFromSeparateAddend(m: m, n: n, k: k, alpha: alpha, beta: beta),
                     "a separate addend needs alpha = beta = 1, k > 0 and m ≥ n")
        var plan = plan(m: m, n: n, transposeA: transposeA, transposeB: transposeB, dtype: dtype)
        if let readsInPlace { plan.readsInPlace = readsInPlace && plan.canReadInPlace }
        switch dtype {
        case .float32:
            run(Float.self, panelWidth: 16, pack: lamina_sgemm_pack, multiply: lamina_sgemm_packed_general, plan: plan, transposeA: transposeA,
                transposeB: transposeB, m: m, n: n, k: k, alpha: Float(alpha), a: a, lda: lda, b: b, ldb: ldb, beta: Float(beta),
                c: c, ldc: ldc, separateAddend: addend, addendRowStride: addendRowStride, threads: threads, packingDepth: packingDepth)
        case .float64:
            run(Double.self, panelWidth: 8, pack: lamina_dgemm_pack, multiply: lamina_dgemm_packed_general, plan: plan, transposeA: transposeA,
                transposeB: transposeB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta,
                c: c, ldc: ldc, separateAddend: addend, addendRowStride: addendRowStride, threads: threads, packingDepth: packingDepth)
        default:
            preconditionFailure("gemm on \(dtype)")
        }
    }

    /// Whether a product can start its elements from an addend stored apart from C: only when it
    /// is accumulated (alpha = beta = 1), has a depth, and is computed untransposed (m ≥ n).
    static func startsFromSeparateAddend(m: Int, n: Int, k: Int, alpha: Double, beta: Double) -> Bool {
        alpha == 1 && beta == 1 && k > 0 && m >= n
    }

    /// How a product is computed: transposed or not, and whether its right operand is read in place.
    struct Plan: Equatable {
        /// Computes Cᵀ = op(B)ᵀ·op(A)ᵀ (n×m) instead of C.
        var swapped: Bool
        /// The right operand of the product computed is row-major with whole 16-column panels, in float32.
        var canReadInPlace: Bool
        /// Reads that operand where it lies (no packing).
        var readsInPlace: Bool
    }

    /// The plan for an m×n product. It is computed transposed when m < n, so that the smaller operand
    /// is packed, unless m ≤ 3 and op(B) can be read in place: then it stays thin, and the kernel
    /// takes two panels per tile. A right operand that can be read in place is when its rows are
    /// at most 64 floats apart (the weight gradients after a recurrent loop, k in the thousands,
    /// where packing cost more than the product) or the product has at most 3 rows; wider rows
    /// are packed, since a depth block of panels read at a large stride would not stay in L1.
    static func plan(m: Int, n: Int, transposeA: Bool, transposeB: Bool, dtype: DType) -> Plan {
        func rowMajor(columns: Int) -> Bool { dtype == .float32 && columns % 16 == 0 }
        if m <= 3 && m < n && !transposeB && rowMajor(columns: n) {
            return Plan(swapped: false, canReadInPlace: true, readsInPlace: true)
        }
        let swapped = m < n
        let (rows, columns) = swapped ? (n, m) : (m, n)
        let canReadInPlace = (swapped ? transposeA : !transposeB) && rowMajor(columns: columns)
        return Plan(swapped: swapped, canReadInPlace: canReadInPlace, readsInPlace: canReadInPlace && (columns <= 64 || rows <= 3))
    }

    /// The depth of the blocks in which a packed right operand is packed and multiplied: as many
    /// rows of its panels as fill 256 KB (a quarter of a core's L2 here), in multiples of the kernel's
    /// 256-deep blocks. Packing a weight gradient's whole right operand at once (6,400 × 256 floats,
    /// 6.5 MB) wrote it out to memory and read it back; a block stays in L2 between the two. Every
    /// block after the first starts from the C the previous one left, which is what the kernel's own
    /// depth blocks do: the same sums.
    static func packingDepth(panels: Int, panelWidth: Int, elementSize: Int) -> Int {
        let rows = (256 * 1024) / max(panels * panelWidth * elementSize, 1)
        return max(256, rows / 256 * 256)
    }

    private typealias Pack<T> = (UnsafePointer<T>?, Int, Int32, Int, Int, UnsafeMutablePointer<T>?) -> Void
    private typealias Multiply<T> = (Int, Int, Int, UnsafePointer<T>?, Int, Int32, UnsafePointer<T>?, Int, Int,
                                     UnsafeMutablePointer<T>?, Int, Int, UnsafePointer<T>?, Int) -> Void

    private static func run<T: BinaryFloatingPoint>(
        _: T.Type, panelWidth: Int, pack: Pack<T>, multiply: Multiply<T>, plan: Plan, transposeA: Bool, transposeB: Bool,
        m: Int, n: Int, k: Int, alpha: T, a: UnsafeRawPointer, lda: Int, b: UnsafeRawPointer, ldb: Int,
        beta: T, c: UnsafeMutableRawPointer, ldc: Int, separateAddend: UnsafeRawPointer?, addendRowStride: Int, threads: Int,
        packingDepth: Int?
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
        let swapped = plan.swapped
        let (rows, columns) = swapped ? (n, m) : (m, n)
        // Its right operand (k×columns): op(B), or op(A)ᵀ (op(A)ᵀ[kk][i] is A[kk][i] when A is stored transposed),
        // packed, or read in place (row-major: op(B) = B, or op(A)ᵀ = A stored transposed) with row stride `rightStride`.
        let panels = (columns + panelWidth - 1) / panelWidth
        let (right, rightStride) = swapped ? (a, lda) : (b, ldb)
        // Packed in blocks of `depth` rows, each multiplied before the next is packed.
        let depth = plan.readsInPlace ? k
            : max(1, packingDepth ?? Self.packingDepth(panels: panels, panelWidth: panelWidth, elementSize: MemoryLayout<T>.size))
        let packed = plan.readsInPlace ? nil : UnsafeMutablePointer<T>.allocate(capacity: panels * panelWidth * min(k, depth))
        defer { packed?.deallocate() }
        // The right operand as stored: k×columns (its row kk at kk·rightStride), or transposed (column kk at kk).
        let rightTransposed = swapped ? !transposeA : transposeB
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
        let minimumPanels = max(1, (1 << 20) / max(rows * min(k, depth) * panelWidth, 1))
        if let packed {
            var k0 = 0
            while k0 < k {
                let kd = min(depth, k - k0)
                pack(right + (rightTransposed ? k0 : k0 * rightStride), rightStride, rightTransposed ? 1 : 0, kd, columns, packed)
                // The first block starts from the addend (or zero), every later one from the C so far.
                let (start, startStride) = k0 == 0 ? (addend, addendStride) : (UnsafePointer(target), targetStride)
                let blockLeft = left + (leftTransposed ? k0 * leftStride : k0)
                Parallelism.forEachChunk(count: panels, threads: threads, minimumPerThread: minimumPanels) { range in
                    multiply(rows, columns, kd, blockLeft, leftStride, leftTransposed ? 1 : 0, packed, range.lowerBound,
                             range.upperBound, target, targetStride, 0, start, startStride)
                }
                k0 += kd
            }
        } else {
            Parallelism.forEachChunk(count: panels, threads: threads, minimumPerThread: minimumPanels) { range in
                lamina_sgemm_strided(rows, columns, k, UnsafeRawPointer(left).assumingMemoryBound(to: Float.self), leftStride,
                                     leftTransposed ? 1 : 0, UnsafeRawPointer(right).assumingMemoryBound(to: Float.self),
                                     rightStride, panelWidth, range.lowerBound, range.upperBound,
                                     UnsafeMutableRawPointer(target).assumingMemoryBound(to: Float.self), targetStride, 0,
                                     addend.map { UnsafeRawPointer($0).assumingMemoryBound(to: Float.self) }, addendStride)
            }
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
