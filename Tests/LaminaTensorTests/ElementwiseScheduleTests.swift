import Foundation
import Testing
@testable import LaminaTensor
import LaminaTestSupport

/// The register allocation remembered between calls must follow the call's
/// signature: operand modes, dtypes and in-place outputs.
@Suite struct ElementwiseScheduleTests {
    /// out = in0 · 2 + in1
    static var program: ElementwiseProgram {
        var p = ElementwiseProgram()
        let a = p.append(.input(0)), b = p.append(.input(1))
        let twice = p.append(.binary(.multiply, a, p.append(.constant(2))))
        p.outputs = [p.append(.binary(.add, twice, b))]
        return p
    }

    static func run(_ cache: ElementwiseScheduleCache, _ a: NDArray, _ b: NDArray, into out: NDArray) {
        withExtendedLifetime((a, b, out)) {
            ElementwiseKernel.run(program, operands: [a, b].map { RawOperand(pointer: UnsafeRawPointer($0.buffer.pointer), dtype: $0.dtype, shape: $0.shape) },
                                  outputs: [RawOutput(pointer: out.buffer.pointer, dtype: out.dtype)], shape: out.shape, schedules: cache)
        }
    }

    @Test func oneCacheServesEverySignature() {
        let cache = ElementwiseScheduleCache()
        let rows = 3, columns = 300
        let a = NDArray((0..<(rows * columns)).map { Float($0) }, shape: [rows, columns])
        let full = NDArray((0..<(rows * columns)).map { Float($0 % 7) }, shape: [rows, columns])
        let row = NDArray((0..<columns).map { Float($0) * 0.5 }, shape: [1, columns])   // tiled
        let column = NDArray((0..<rows).map { Float($0) - 1 }, shape: [rows, 1])          // general broadcast
        let scalar = NDArray(scalar: Float(4))
        let wide = NDArray((0..<columns).map { Double($0) * 0.25 }, shape: [columns])    // float64 tiled operand
        let cases: [(NDArray, (Int, Int) -> Double)] = [
            (full, { i, j in Double((i * columns + j) % 7) }),
            (row, { _, j in Double(j) * 0.5 }),
            (column, { i, _ in Double(i) - 1 }),
            (scalar, { _, _ in 4 }),
            (wide, { _, j in Double(j) * 0.25 }),
            (full, { i, j in Double((i * columns + j) % 7) }),   // the first signature again, from the cache
        ]
        for (b, expected) in cases {
            let out = NDArray(zeros: [rows, columns], dtype: b.dtype == .float64 ? .float64 : .float32)
            Self.run(cache, a, b, into: out)
            let want: [Double] = (0..<rows).flatMap { (i: Int) -> [Double] in
                (0..<columns).map { (j: Int) -> Double in Double(i * columns + j) * 2 + expected(i, j) }
            }
            #expect(out.doubles == want)
        }
    }

    @Test func inPlaceAfterOutOfPlaceWithTheSameCache() {
        let cache = ElementwiseScheduleCache()
        let a = NDArray((0..<600).map { Float($0) }, shape: [600])
        let b = NDArray((0..<600).map { Float(600 - $0) }, shape: [600])
        let expected: [Double] = (0..<600).map { (i: Int) -> Double in Double(i) * 2 + Double(600 - i) }
        let separate = NDArray(zeros: [600], dtype: .float32)
        Self.run(cache, a, b, into: separate)
        #expect(separate.doubles == expected)
        // writing over operand 0 itself: every element read before it is written
        Self.run(cache, a, b, into: a)
        #expect(a.doubles == expected)
    }

    @Test func tiledOperandWithLeadingOnesWrapsAcrossChunks() {
        // a (1, 1, 7) row tiled over (2, 50, 7): 700 elements, chunk boundaries fall mid-row
        let cache = ElementwiseScheduleCache()
        let a = NDArray(zeros: [2, 50, 7], dtype: .float32)
        let b = NDArray((0..<7).map { Float($0 + 1) }, shape: [1, 1, 7])
        let out = NDArray(zeros: [2, 50, 7], dtype: .float32)
        Self.run(cache, a, b, into: out)
        let expected: [Double] = (0..<700).map { (i: Int) -> Double in Double(i % 7 + 1) }
        #expect(out.doubles == expected)
    }

    @Test func rowValuesRepeatAcrossChunkBoundaries() {
        // a (100, 1) column (one value per row, a mask) against (100, 7): 700 elements, chunks end mid-row
        let cache = ElementwiseScheduleCache()
        let a = NDArray((0..<700).map { Float($0) }, shape: [100, 7])
        let b = NDArray((0..<100).map { Float($0 * 3) }, shape: [100, 1])
        let out = NDArray(zeros: [100, 7], dtype: .float32)
        Self.run(cache, a, b, into: out)
        let expected: [Double] = (0..<700).map { (i: Int) -> Double in Double(2 * i + i / 7 * 3) }   // 2·a + b[row]
        #expect(out.doubles == expected)
    }

    @Test func operandModes() {
        #expect(OperandMode.of([], to: [3, 4], total: 12) == .scalar)
        #expect(OperandMode.of([1, 1], to: [3, 4], total: 12) == .scalar)
        #expect(OperandMode.of([3, 4], to: [3, 4], total: 12) == .contiguous)
        #expect(OperandMode.of([4], to: [3, 4], total: 12) == .tiled)
        #expect(OperandMode.of([1, 4], to: [3, 4], total: 12) == .tiled)
        #expect(OperandMode.of([3, 1], to: [3, 4], total: 12) == .rowValues)
        #expect(OperandMode.of([2, 3, 1], to: [2, 3, 4], total: 24) == .rowValues)
        #expect(OperandMode.of([3, 1], to: [2, 3, 4], total: 24) == .general)
        #expect(OperandMode.of([1, 3, 1], to: [2, 3, 4], total: 24) == .general)
        #expect(OperandMode.of([2, 1, 4], to: [2, 3, 4], total: 24) == .general)
        #expect(OperandMode.of([3, 4], to: [2, 3, 4], total: 24) == .tiled)
    }
}

/// A loop split over threads computes what one thread does: element i depends
/// only on element i, and every thread has its own registers.
@Suite struct ElementwiseThreadsTests {
    @Test(arguments: [ElementwiseKernel.minimumElementsPerThread * 2 + 77, ElementwiseKernel.minimumElementsPerThread * 5])
    func splitLoopsMatchOneThreadAndTheFormula(count: Int) {
        // out0 = tanh(x)·y + 0.5, out1 = x·x, with y a repeated row of 3 (tiled).
        var program = ElementwiseProgram()
        let x = program.append(.input(0)), y = program.append(.input(1))
        let t = program.append(.unary(.tanh, x))
        let out0 = program.append(.binary(.add, program.append(.binary(.multiply, t, y)), program.append(.constant(0.5))))
        program.outputs = [out0, program.append(.binary(.multiply, x, x))]
        var rng = RandomGenerator(seed: 9)
        let xs = rng.normal(shape: [count / 3, 3]), ys = rng.normal(shape: [3])
        let shape = [count / 3, 3]
        func run(threads: Int) -> [[Double]] {
            let a = NDArray(zeros: shape), b = NDArray(zeros: shape)
            ElementwiseKernel.run(program, operands: [RawOperand(pointer: UnsafeRawPointer(xs.buffer.pointer), dtype: .float32, shape: shape),
                                                      RawOperand(pointer: UnsafeRawPointer(ys.buffer.pointer), dtype: .float32, shape: [3])],
                                  outputs: [RawOutput(pointer: a.buffer.pointer, dtype: .float32), RawOutput(pointer: b.buffer.pointer, dtype: .float32)],
                                  shape: shape, threads: threads)
            return [a.doubles, b.doubles]
        }
        let one = run(threads: 1), two = run(threads: 2)
        #expect(one == two)
        let xd = xs.doubles, yd = ys.doubles
        let expected0 = xd.indices.map { Foundation.tanh(xd[$0]) * yd[$0 % 3] + 0.5 }
        expectClose(two[0], expected0, absolute: 1e-6, relative: 1e-6)
        expectClose(two[1], xd.map { $0 * $0 }, absolute: 1e-6, relative: 1e-6)
    }
}
