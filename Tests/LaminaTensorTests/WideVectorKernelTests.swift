import CKernels
import Testing
@testable import LaminaTensor

/// The AVX-512 kernels (16 floats per vector) give the bits of the AVX2 ones
/// (8 floats), as the processor-independence of the harness's numbers needs.
///
/// - The 16-lane product tiles (`PackedGemmAVX512.c`) run on every processor
///   with AVX2 + FMA through their AVX2 build, `lamina_sgemm_strided_lanes16_avx2`,
///   and must equal, bit for bit, the documented order of summation and the
///   default kernel, over shapes that exercise every tile height, one to four
///   panels per tile, partial column edges, two depth blocks, transposed and
///   in-place operands, both addend forms and column windows.
/// - Where the processor has AVX-512F, the native kernels run by default, so
///   the first test's check of the default kernel covers the native AVX-512
///   product too; and the products (with infinities, zeros of both signs and
///   the float range's extremes), the transcendentals, the arithmetic and every
///   step of the elementwise programs are compared with themselves at
///   `widthLimit` 8 (AVX2), over random bit patterns and special values. NaN
///   results are compared as NaN, not by payload (see ``VectorInstructions``).
///
/// Serialized: the second part switches the process-wide width limit (the
/// switch changes no result, so other suites running meanwhile are unaffected).
@Suite(.serialized) struct WideVectorKernelTests {
    /// (rows, depth, columns): tile heights 1–6 and splits of 7–64 rows; 1–4 panels per tile with
    /// partial last panels (15, 17, 33, 40, 70, 100), whole ones (16, 64, 112, 128) and five panels (80);
    /// depths of zero, one, one block (256) and over it (300, 513, 520).
    static let shapes = [(1, 1, 1), (5, 17, 15), (6, 16, 16), (7, 3, 33), (13, 256, 40), (20, 300, 64), (64, 520, 17),
                         (3, 0, 5), (2, 300, 40), (3, 7, 70), (1, 33, 32), (50, 34, 128), (12, 40, 80), (6, 20, 112),
                         (9, 513, 100), (4, 5, 48)]

    enum Addend: CaseIterable { case none, full, row }

    /// C = A·B + D element by element in Float: D (or 0), then one fused multiply-add per kk in order.
    /// A is rows×depth, or stored transposed (depth×rows); B is depth×columns.
    static func ordered(_ a: [Float], transposed: Bool, _ b: [Float], _ d: [Float]?, addend: Addend,
                        rows: Int, depth: Int, columns: Int) -> [Float] {
        var out = [Float](repeating: 0, count: rows * columns)
        for i in 0..<rows {
            for j in 0..<columns {
                var s: Float = addend == .none ? 0 : d![addend == .full ? i * columns + j : j]
                for kk in 0..<depth { s = s.addingProduct(transposed ? a[kk * rows + i] : a[i * depth + kk], b[kk * columns + j]) }
                out[i * columns + j] = s
            }
        }
        return out
    }

    /// Random floats in [-1, 1).
    static func uniform(_ count: Int, seed: UInt64) -> [Float] {
        var rng = RandomGenerator(seed: seed)
        return rng.uniform(shape: [count], low: -1, high: 1).scalars(as: Float.self)
    }

    typealias Product = (Int, Int, Int, UnsafePointer<Float>, Int, Int32, UnsafePointer<Float>, Int, Int, Int, Int,
                         UnsafeMutablePointer<Float>, Int, Int, UnsafePointer<Float>?, Int) -> Void

    /// Runs `product` (lamina_sgemm_strided's arguments) over panels `panels` of B, packed or
    /// (`inPlace`) read as stored, and returns C (rows × the window's columns).
    static func run(_ product: Product, a: [Float], transposed: Bool, b: [Float], d: [Float]?, addend: Addend,
                    rows: Int, depth: Int, columns: Int, panels: Range<Int>, inPlace: Bool) -> [Float] {
        let first = panels.lowerBound * 16, width = min(columns, panels.upperBound * 16) - first
        var c = [Float](repeating: .nan, count: rows * width)
        var packed = [Float](repeating: 0, count: max(1, (columns + 15) / 16 * 16 * depth))
        if !inPlace { lamina_sgemm_pack(b, columns, 0, depth, columns, &packed) }
        let source = inPlace ? b : packed
        let (rowStride, panelStride) = inPlace ? (columns, 16) : (16, 16 * depth)
        let addendValues = d ?? [0]
        c.withUnsafeMutableBufferPointer { cp in
            a.withUnsafeBufferPointer { ap in
                source.withUnsafeBufferPointer { bp in
                    addendValues.withUnsafeBufferPointer { dp in
                        product(rows, columns, depth, ap.baseAddress!, transposed ? rows : depth, transposed ? 1 : 0,
                                bp.baseAddress!, rowStride, panelStride, panels.lowerBound, panels.upperBound, cp.baseAddress!,
                                width, first, d == nil ? nil : dp.baseAddress!, addend == .full ? columns : 0)
                    }
                }
            }
        }
        return c
    }

    /// The panel ranges and operand forms a shape is run with: every panel; from panel 1 on (a
    /// window, C narrower than B); in place where B's panels are whole.
    static func cases(columns: Int) -> [(panels: Range<Int>, inPlace: Bool)] {
        let panelCount = (columns + 15) / 16
        var cases: [(Range<Int>, Bool)] = [(0..<panelCount, false)]
        if panelCount > 1 { cases.append((1..<panelCount, false)) }
        if columns % 16 == 0 { cases.append((0..<panelCount, true)) }
        return cases
    }

    @Test(.enabled(if: lamina_has_avx2_fma() != 0, "needs a processor with AVX2 and FMA"), arguments: shapes)
    func sixteenLaneTilesSumInTheDocumentedOrder(shape: (Int, Int, Int)) {
        let (rows, depth, columns) = shape
        let seed = UInt64(rows * 1_000_000 + depth * 1000 + columns)
        let b = Self.uniform(depth * columns, seed: seed + 1)
        let full = Self.uniform(rows * columns, seed: seed + 2), row = Self.uniform(columns, seed: seed + 3)
        for transposed in [false, true] {
            let a = Self.uniform(rows * depth, seed: seed + (transposed ? 4 : 5))
            for addend in Addend.allCases {
                let d: [Float]? = addend == .none ? nil : (addend == .full ? full : row)
                let expected = Self.ordered(a, transposed: transposed, b, d, addend: addend, rows: rows, depth: depth, columns: columns)
                for (panels, inPlace) in Self.cases(columns: columns) {
                    let wide = Self.run(lamina_sgemm_strided_lanes16_avx2, a: a, transposed: transposed, b: b, d: d, addend: addend,
                                        rows: rows, depth: depth, columns: columns, panels: panels, inPlace: inPlace)
                    let standard = Self.run(lamina_sgemm_strided, a: a, transposed: transposed, b: b, d: d, addend: addend,
                                            rows: rows, depth: depth, columns: columns, panels: panels, inPlace: inPlace)
                    let first = panels.lowerBound * 16, width = columns - first
                    let window = (0..<rows).flatMap { i in (first..<columns).map { expected[i * columns + $0] } }
                    let label = "\(shape) transposed \(transposed) \(addend) panels \(panels) in place \(inPlace)"
                    #expect(wide.map(\.bitPattern) == window.map(\.bitPattern), "16 lanes: \(label)")
                    #expect(standard.map(\.bitPattern) == window.map(\.bitPattern), "default kernel: \(label)")
                    #expect(wide.count == rows * width)
                }
            }
        }
    }

    /// Floats of every kind: random bit patterns, ordinary magnitudes and the special values.
    static func mixed(_ count: Int, seed: UInt64) -> [Float] { ElementwiseStepsTests.floats(count, seed: seed) }

    /// `body` at the widest width and at width 8, restoring the limit.
    static func atBothWidths<T>(_ body: () -> T) -> (wide: T, narrow: T) {
        let before = VectorInstructions.widthLimit
        defer { VectorInstructions.widthLimit = before }
        VectorInstructions.widthLimit = 16
        let wide = body()
        VectorInstructions.widthLimit = 8
        return (wide, body())
    }

    /// The same values, NaN matching NaN whatever its payload.
    static func same(_ x: [Float], _ y: [Float]) -> Bool {
        x.count == y.count && zip(x, y).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) }
    }

    /// Random floats in [-1, 1) with every seventh a special value.
    static func withSpecials(_ count: Int, seed: UInt64) -> [Float] {
        let specials: [Float] = [0, -0.0, .infinity, -.infinity, .greatestFiniteMagnitude, -.leastNonzeroMagnitude,
                                 .leastNormalMagnitude, 1e30, -1e-30]
        return uniform(count, seed: seed).enumerated().map { $0.offset % 7 == 3 ? specials[$0.offset / 7 % specials.count] : $0.element }
    }

    @Test(.enabled(if: VectorInstructions.processorHasAVX512, "needs a processor with AVX-512F"))
    func productsAreTheSameAtBothWidths() {
        #expect(VectorInstructions.inUse == "AVX-512F")
        for (rows, depth, columns) in Self.shapes {
            let b = Self.withSpecials(depth * columns, seed: 8)
            let full = Self.withSpecials(rows * columns, seed: 9), row = Self.withSpecials(columns, seed: 10)
            for transposed in [false, true] {
                let a = Self.withSpecials(rows * depth, seed: transposed ? 11 : 12)
                for addend in Addend.allCases {
                    let d: [Float]? = addend == .none ? nil : (addend == .full ? full : row)
                    for (panels, inPlace) in Self.cases(columns: columns) {
                        let (wide, narrow) = Self.atBothWidths {
                            Self.run(lamina_sgemm_strided, a: a, transposed: transposed, b: b, d: d, addend: addend, rows: rows,
                                     depth: depth, columns: columns, panels: panels, inPlace: inPlace)
                        }
                        #expect(Self.same(wide, narrow),
                                "\((rows, depth, columns)) transposed \(transposed) \(addend) panels \(panels) in place \(inPlace)")
                    }
                }
            }
        }
    }

    @Test(.enabled(if: VectorInstructions.processorHasAVX512, "needs a processor with AVX-512F"))
    func elementwiseKernelsAreTheSameAtBothWidths() {
        // Odd lengths leave remainders after the 16- and 32-float loops.
        for count in [1, 15, 17, 33, 1000, 4099] {
            let x = Self.mixed(count, seed: UInt64(count)), w = Self.mixed(count, seed: UInt64(count) + 1)
            let z = Self.mixed(count, seed: UInt64(count) + 2)
            let unary: [(String, (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void)] =
                [("exp", lamina_exp_f32), ("sigmoid", lamina_sigmoid_f32), ("tanh", lamina_tanh_f32)]
            for (name, function) in unary {
                let (wide, narrow) = Self.atBothWidths { () -> [Float] in
                    var y = [Float](repeating: 0, count: count)
                    function(x, &y, count)
                    return y
                }
                #expect(Self.same(wide, narrow), "\(name), \(count) elements")
            }
            let binary: [(String, (UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void)] =
                [("add", lamina_add_f32), ("subtract", lamina_subtract_f32), ("multiply", lamina_multiply_f32),
                 ("divide", lamina_divide_f32)]
            for (name, function) in binary {
                let (wide, narrow) = Self.atBothWidths { () -> [Float] in
                    var y = [Float](repeating: 0, count: count)
                    function(x, w, &y, count)
                    return y
                }
                #expect(Self.same(wide, narrow), "\(name), \(count) elements")
            }
            let (wide, narrow) = Self.atBothWidths { () -> [UInt32] in
                var y = [Float](repeating: 0, count: count)
                lamina_select_f32(z, x, w, &y, count)
                return y.map(\.bitPattern)
            }
            #expect(wide == narrow, "select (a copy: every bit), \(count) elements")
            // Every program step, one at a time, over four registers (y is register 4).
            let operands = [x, w, z, Self.mixed(count, seed: 99)]
            for op in Int32(0)..<Int32(LAMINA_EW_OPERATION_COUNT) {
                let (wide, narrow) = Self.atBothWidths { () -> [Float] in
                    let registers = (operands + [[Float](repeating: 0, count: count)]).map { values in
                        let buffer = UnsafeMutableBufferPointer<Float>.allocate(capacity: count)
                        _ = buffer.initialize(from: values)
                        return buffer
                    }
                    defer { registers.forEach { $0.deallocate() } }
                    var step = lamina_ew_step(op: op, y: 4, a: 0, b: 1, c: 2, d: 3)
                    lamina_ew_run_f32(&step, 1, registers.map { Optional($0.baseAddress!) }, count)
                    return Array(registers[4])
                }
                #expect(Self.same(wide, narrow), "step \(op), \(count) elements")
            }
        }
    }
}
