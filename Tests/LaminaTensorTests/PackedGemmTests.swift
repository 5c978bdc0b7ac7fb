import CKernels
import Testing
@testable import LaminaTensor
import LaminaTestSupport

/// The packed matrix product against a plain triple loop in Double, over
/// shapes that exercise every partial tile (rows not a multiple of 6, columns
/// not a multiple of 16, depth over one 256 block), transposed operands,
/// both addend forms, column windows and a split over threads; on CPUs with
/// AVX2 and FMA also bit for bit against the documented order of summation.
@Suite struct PackedGemmTests {
    enum Addend: CaseIterable { case none, full, row }

    /// op(B)[kk, j] for B stored row-major, transposed or not.
    static func element(_ b: [Double], transposed: Bool, depth: Int, columns: Int, _ kk: Int, _ j: Int) -> Double {
        transposed ? b[j * depth + kk] : b[kk * columns + j]
    }

    /// (rows, depth, columns). Products of at most 3 rows take two panels per tile: (2, 300, 40)
    /// ends on a partial second panel after a depth block, (3, 7, 70) on a lone partial panel.
    @Test(arguments: [(1, 1, 1), (5, 17, 15), (6, 16, 16), (7, 3, 33), (13, 256, 40), (20, 300, 64), (64, 520, 17), (3, 0, 5),
                      (2, 300, 40), (3, 7, 70), (1, 33, 32), (50, 32, 128)],
          [false, true])
    func matchesATripleLoop(shape: (Int, Int, Int), transposed: Bool) {
        let (rows, depth, columns) = shape
        var rng = RandomGenerator(seed: UInt64(rows * 1000 + depth * 10 + columns))
        let a = rng.uniform(shape: [rows, depth], low: -1, high: 1)
        let b = rng.uniform(shape: transposed ? [columns, depth] : [depth, columns], low: -1, high: 1)
        let full = rng.uniform(shape: [rows, columns], low: -1, high: 1), row = rng.uniform(shape: [columns], low: -1, high: 1)
        let packed = NDArray(zeros: PackedGemm.packedShape(depth: depth, columns: columns))
        PackedGemm.pack(b.buffer.pointer.assumingMemoryBound(to: Float.self), transposed: transposed, depth: depth,
                        columns: columns, into: packed.buffer.pointer.assumingMemoryBound(to: Float.self))
        let (ad, bd) = (a.doubles, b.doubles)
        for addend in Addend.allCases {
            var oneThread: [Double] = []
            for threads in [1, 2] {
                let c = NDArray(zeros: [rows, columns])
                let d: NDArray? = addend == .none ? nil : (addend == .full ? full : row)
                PackedGemm.multiply(rows: rows, columns: columns, depth: depth, a: a.buffer.pointer.assumingMemoryBound(to: Float.self),
                                    packed: packed.buffer.pointer.assumingMemoryBound(to: Float.self),
                                    into: c.buffer.pointer.assumingMemoryBound(to: Float.self),
                                    addend: d?.buffer.pointer.assumingMemoryBound(to: Float.self),
                                    addendRowStride: addend == .full ? columns : 0, threads: threads, minimumWorkPerThread: 1)
                var expected = [Double](repeating: 0, count: rows * columns)
                for i in 0..<rows {
                    for j in 0..<columns {
                        var s = addend == .full ? full.doubles[i * columns + j] : (addend == .row ? row.doubles[j] : 0)
                        for kk in 0..<depth {
                            s += ad[i * depth + kk] * Self.element(bd, transposed: transposed, depth: depth, columns: columns, kk, j)
                        }
                        expected[i * columns + j] = s
                    }
                }
                // float32 sums of `depth` products of values in [-1, 1]
                expectClose(c.doubles, expected, absolute: 1e-6 * Double(depth + 1), relative: 1e-6 * Double(depth + 1))
                // Bit for bit: each element's addend, then one fused multiply-add per kk in order.
                let ordered = Self.orderedProduct(a.scalars(as: Float.self), b.scalars(as: Float.self), d?.scalars(as: Float.self),
                                                  addend: addend, rows: rows, depth: depth, columns: columns, transposed: transposed)
                if lamina_has_avx2_fma() != 0 { #expect(c.scalars(as: Float.self) == ordered, "\(shape) \(addend) threads \(threads)") }
                // Each thread computes whole columns in the same order: bit for bit the one-thread result.
                if threads == 1 { oneThread = c.doubles } else { #expect(c.doubles == oneThread) }
                // The columns from 16 on alone, into a buffer of that width.
                if columns > 16 {
                    let window = 16..<columns
                    let part = NDArray(zeros: [rows, window.count])
                    PackedGemm.multiply(rows: rows, columns: columns, window: window, depth: depth,
                                        a: a.buffer.pointer.assumingMemoryBound(to: Float.self),
                                        packed: packed.buffer.pointer.assumingMemoryBound(to: Float.self),
                                        into: part.buffer.pointer.assumingMemoryBound(to: Float.self),
                                        addend: d?.buffer.pointer.assumingMemoryBound(to: Float.self),
                                        addendRowStride: addend == .full ? columns : 0, threads: threads, minimumWorkPerThread: 1)
                    let expectedPart = (0..<rows).flatMap { i in window.map { expected[i * columns + $0] } }
                    expectClose(part.doubles, expectedPart, absolute: 1e-6 * Double(depth + 1), relative: 1e-6 * Double(depth + 1))
                    let orderedPart = (0..<rows).flatMap { i in window.map { ordered[i * columns + $0] } }
                    if lamina_has_avx2_fma() != 0 { #expect(part.scalars(as: Float.self) == orderedPart, "\(shape) window") }
                }
            }
        }
    }

    /// A·op(B) + D in Float, element by element: D[i][j] (or 0), then `addingProduct` (one rounding,
    /// as a fused multiply-add) for kk = 0, 1, …, depth − 1.
    static func orderedProduct(_ a: [Float], _ b: [Float], _ d: [Float]?, addend: Addend, rows: Int, depth: Int, columns: Int,
                               transposed: Bool) -> [Float] {
        var out = [Float](repeating: 0, count: rows * columns)
        for i in 0..<rows {
            for j in 0..<columns {
                var s: Float = addend == .none ? 0 : d![addend == .full ? i * columns + j : j]
                for kk in 0..<depth { s = s.addingProduct(a[i * depth + kk], transposed ? b[j * depth + kk] : b[kk * columns + j]) }
                out[i * columns + j] = s
            }
        }
        return out
    }

    @Test func packedPanelsHoldSixteenColumnsOfEveryRowZeroPadded() {
        // B (2×3) = [[1, 2, 3], [4, 5, 6]] packs into one panel of 2 rows of 16 floats.
        let b = NDArray.floats([1, 2, 3, 4, 5, 6], shape: [2, 3], dtype: .float32)
        #expect(PackedGemm.packedShape(depth: 2, columns: 3) == [1, 2, 16])
        #expect(PackedGemm.packedShape(depth: 7, columns: 33) == [3, 7, 16])
        let packed = NDArray(zeros: [1, 2, 16]), packedT = NDArray(zeros: [1, 3, 16])
        PackedGemm.pack(b.buffer.pointer.assumingMemoryBound(to: Float.self), transposed: false, depth: 2, columns: 3,
                        into: packed.buffer.pointer.assumingMemoryBound(to: Float.self))
        #expect(packed.doubles == [1, 2, 3] + Array(repeating: 0, count: 13) + [4, 5, 6] + Array(repeating: 0, count: 13))
        // Bᵀ (3×2) packs its rows [1, 4], [2, 5], [3, 6].
        PackedGemm.pack(b.buffer.pointer.assumingMemoryBound(to: Float.self), transposed: true, depth: 3, columns: 2,
                        into: packedT.buffer.pointer.assumingMemoryBound(to: Float.self))
        let zeros = [Double](repeating: 0, count: 14)
        #expect(packedT.doubles == [1, 4] + zeros + [2, 5] + zeros + [3, 6] + zeros)
    }
}
