import CKernels

/// Float32 matrix products against a right-hand operand packed once and
/// reused: a recurrent loop multiplies each step's state by the same weight
/// matrix, and a general BLAS call would re-pack that matrix at every step.
///
/// The packed form holds op(B) (k×n) as ⌈n/16⌉ column panels, each storing
/// its k rows of 16 floats contiguously (zero-padded). ``multiply(rows:columns:depth:a:packed:into:addend:addendRowStride:threads:)``
/// then computes C = A·op(B) + D with a register-blocked kernel (6×16 tiles of
/// C, depth blocks of 256) in C (`CKernels/PackedGemm.c`; with AVX2 + FMA
/// intrinsics in `CKernels/PackedGemmAVX2.c` when the CPU has them).
package enum PackedGemm {
    /// Columns per packed panel.
    public static let panelWidth = 16

    /// The shape of the packed form of a depth×columns operand: [panels, depth, 16].
    public static func packedShape(depth: Int, columns: Int) -> [Int] {
        [(columns + panelWidth - 1) / panelWidth, depth, panelWidth]
    }

    /// Packs op(B), depth×columns, into `packed` (``packedShape(depth:columns:)``
    /// floats). B is row-major depth×columns, or columns×depth when `transposed`.
    public static func pack(_ b: UnsafePointer<Float>, transposed: Bool, depth: Int, columns: Int,
                            into packed: UnsafeMutablePointer<Float>) {
        lamina_sgemm_pack(b, transposed ? depth : columns, transposed ? 1 : 0, depth, columns, packed)
    }

    /// C = A·op(B) + D for row-major A (rows×depth), with op(B) (depth×columns)
    /// packed by ``pack(_:transposed:depth:columns:into:)``; C holds the columns
    /// `window` of the product (all by default; a window must start at a multiple
    /// of 16) with row stride `window.count`. D is `addend`, indexed by op(B)'s
    /// columns, with row stride `addendRowStride` (0 repeats one row, like a
    /// bias), or zero when `addend` is nil. With `threads` > 1, the column panels
    /// are split over threads when each gets at least `minimumWorkPerThread`
    /// multiply-adds. With the persistent workers of ``Parallelism`` a split
    /// pays off from about 1 million, the default (the measurement behind it
    /// is in BENCHMARKS.md, "Figures moved out of doc comments").
    public static func multiply(rows: Int, columns: Int, window: Range<Int>? = nil, depth: Int, a: UnsafePointer<Float>,
                                packed: UnsafePointer<Float>, into c: UnsafeMutablePointer<Float>,
                                addend: UnsafePointer<Float>?, addendRowStride: Int, threads: Int = Parallelism.threadCount,
                                minimumWorkPerThread: Int = 1 << 20) {
        let window = window ?? 0..<columns
        precondition(window.lowerBound % panelWidth == 0 && window.upperBound <= columns, "a window starts at a panel")
        let firstPanel = window.lowerBound / panelWidth
        let panels = (window.upperBound + panelWidth - 1) / panelWidth - firstPanel
        let panelWork = rows * depth * panelWidth
        let minimumPanels = max(1, minimumWorkPerThread / max(panelWork, 1))
        Parallelism.forEachChunk(count: panels, threads: threads, minimumPerThread: minimumPanels) { range in
            lamina_sgemm_packed(rows, window.upperBound, depth, a, depth, packed, firstPanel + range.lowerBound,
                                firstPanel + range.upperBound, c, window.count, window.lowerBound, addend, addendRowStride)
        }
    }
}
