import Foundation
import Testing
@testable import LaminaTensor
import LaminaTestSupport

/// Hand-built multi-instruction elementwise programs, checked against the same arithmetic in a plain Double loop.
@Suite struct FusedProgramTests {
    /// Output row lengths (3 rows each) giving one chunk, and two or three chunks of equal
    /// length that end mid-row (`ElementwisePlan.chunkLength`: 513 elements are chunks of 264 and 249).
    static let columnCounts = [1, 85, 86, 255, 256, 257, 171, 342, 700]

    // Operand values, as functions of the position, so that the reference loop can recompute them.
    static func x0(_ i: Int, _ j: Int, _ c: Int) -> Double { Double(Float(Double((i * c + j) % 17) * 0.25 - 2)) }
    static func x1(_ j: Int) -> Double { Double(j % 11) * 0.1 - 0.5 }
    static let column: [Int32] = [1, -2, 3]
    static func mask(_ j: Int) -> Bool { j % 3 == 0 }

    /// A program over float32 (3, c), float64 (c,), int32 (3, 1), float64 scalar and bool (c,) operands:
    ///
    ///     r1 = tanh(in1); r4 = in0 * 0.5; r5 = r4 + r1; r7 = r5 * in2; r10 = max(r7, -1)
    ///     out0 = r12 = in4 ? r10 : in3;  out1 = r5 > in3;  out2 = r12;  out3 = in0;  out4 = sqrt(r4)
    static var mixedProgram: ElementwiseProgram {
        var p = ElementwiseProgram()
        let r0 = p.append(.input(1))
        let r1 = p.append(.unary(.tanh, r0))
        let r2 = p.append(.constant(0.5))    // defined after r0's last use, so its slot is free for reuse
        let r3 = p.append(.input(0))
        let r4 = p.append(.binary(.multiply, r3, r2))
        let r5 = p.append(.binary(.add, r4, r1))
        let r6 = p.append(.input(2))
        let r7 = p.append(.binary(.multiply, r5, r6))
        let r8 = p.append(.input(3))
        let r9 = p.append(.constant(-1))
        let r10 = p.append(.binary(.maximum, r7, r9))
        let r11 = p.append(.input(4))
        let r12 = p.append(.ternary(.select, r11, r10, r8))
        let r13 = p.append(.binary(.greater, r5, r8))
        let r14 = p.append(.unary(.sqrt, r4))
        p.outputs = [r12, r13, r12, r3, r14]
        return p
    }

    @Test(arguments: columnCounts)
    func mixedDTypesMultipleOutputs(columns c: Int) throws {
        let in0 = NDArray((0..<3).flatMap { i in (0..<c).map { j in Float(Self.x0(i, j, c)) } }, shape: [3, c])
        let in1 = NDArray((0..<c).map(Self.x1), shape: [c])
        let in2 = NDArray(Self.column, shape: [3, 1])
        let in3 = NDArray(scalar: 0.75)
        let in4 = NDArray((0..<c).map(Self.mask), shape: [c])
        let outs = try NDArray.elementwise(Self.mixedProgram, [in0, in1, in2, in3, in4],
                                           outputTypes: [.float64, .bool, .float32, .float32, .float64])
        var e12: [Double] = [], e13: [Double] = [], e3: [Double] = [], e14: [Double] = []
        for i in 0..<3 {
            for j in 0..<c {
                let r4 = Self.x0(i, j, c) * 0.5
                let r5 = r4 + Foundation.tanh(Self.x1(j))
                let r10 = Swift.max(r5 * Double(Self.column[i]), -1)
                e12.append(Self.mask(j) ? r10 : 0.75)
                e13.append(r5 > 0.75 ? 1 : 0)
                e3.append(Self.x0(i, j, c))
                e14.append(r4.squareRoot()) // NaN for negative r4
            }
        }
        #expect(outs.map(\.dtype) == [.float64, .bool, .float32, .float32, .float64])
        #expect(outs.allSatisfy { $0.shape == [3, c] })
        expectClose(outs[0].doubles, e12, absolute: 1e-14, relative: 1e-14)
        expectClose(outs[1].doubles, e13, absolute: 0, relative: 0)
        expectClose(outs[2].doubles, e12, absolute: 1e-7, relative: 1e-7)
        expectClose(outs[3].doubles, e3, absolute: 0, relative: 0)
        expectClose(outs[4].doubles, e14, absolute: 1e-14, relative: 1e-14)
        if c > 2 { #expect(e14.contains { $0.isNaN } && e12.contains(-1) && e12.contains(0.75)) } // the data reach every branch
    }

    @Test func mixedProgramDefaultOutputTypes() {
        // constants are float64, so anything computed from one is float64; comparisons are bool;
        // an input register keeps its operand's type
        let types = Self.mixedProgram.outputTypes(operandTypes: [.float32, .float64, .int32, .float64, .bool])
        #expect(types == [.float64, .bool, .float64, .float32, .float64])
        #expect(Self.mixedProgram.inputCount == 5)
        #expect(Self.mixedProgram.computeCount == 8)
    }

    /// An all-float32/bool program, which computes in Float with direct input and output registers:
    ///
    ///     r2 = in0 − in1; r4 = r2 · 0.25; r5 = exp(r4); r8 = in2 ? r5 : 2
    ///     out0 = r8 + sigmoid(r2);  out1 = r2 < 0.25;  out2 = r5
    static var floatProgram: ElementwiseProgram {
        var p = ElementwiseProgram()
        let r0 = p.append(.input(0))
        let r1 = p.append(.input(1))
        let r2 = p.append(.binary(.subtract, r0, r1))
        let r3 = p.append(.constant(0.25))   // after r1's last use
        let r4 = p.append(.binary(.multiply, r2, r3))
        let r5 = p.append(.unary(.exp, r4))
        let r6 = p.append(.constant(2))
        let r7 = p.append(.input(2))
        let r8 = p.append(.ternary(.select, r7, r5, r6))
        let r9 = p.append(.unary(.sigmoid, r2))
        let r10 = p.append(.binary(.add, r8, r9))
        let r11 = p.append(.binary(.less, r2, r3))
        p.outputs = [r10, r11, r5]
        return p
    }

    @Test(arguments: columnCounts)
    func float32ProgramWithConstantsAndBroadcasts(columns c: Int) throws {
        let in0 = NDArray((0..<3).flatMap { i in (0..<c).map { j in Float(Self.x0(i, j, c)) } }, shape: [3, c])
        let offsets: [Float] = [0.5, -1, 0.125]
        let in1 = NDArray(offsets, shape: [3, 1])
        let in2 = NDArray((0..<c).map(Self.mask), shape: [c])
        let outs = try NDArray.elementwise(Self.floatProgram, [in0, in1, in2], outputTypes: [.float32, .bool, .float32])
        var e10: [Double] = [], e11: [Double] = [], e5: [Double] = []
        for i in 0..<3 {
            for j in 0..<c {
                let r2 = Self.x0(i, j, c) - Double(offsets[i])
                let r5 = Foundation.exp(r2 * 0.25)
                e10.append((Self.mask(j) ? r5 : 2) + 1 / (1 + Foundation.exp(-r2)))
                e11.append(r2 < 0.25 ? 1 : 0)
                e5.append(r5)
            }
        }
        #expect(outs.map(\.dtype) == [.float32, .bool, .float32])
        expectClose(outs[0].doubles, e10, absolute: 2e-6, relative: 2e-6)
        expectClose(outs[1].doubles, e11, absolute: 0, relative: 0)
        expectClose(outs[2].doubles, e5, absolute: 2e-6, relative: 2e-6)
    }

    @Test(arguments: [1, 255, 256, 257, 1000])
    func constantOutputFillsEveryChunk(count: Int) throws {
        var p = ElementwiseProgram()
        let x = p.append(.input(0))
        let c = p.append(.constant(3))
        let y = p.append(.unary(.negate, x))
        p.outputs = [c, y, y, x]
        let input = NDArray((0..<count).map { Float($0) })
        // all float32: Float compute, y written directly into output 1 and copied to output 2
        let outs = try NDArray.elementwise(p, [input], outputTypes: [.float32, .float32, .float32, .float32])
        #expect(outs[0].doubles == [Double](repeating: 3, count: count))
        #expect(outs[1].doubles == (0..<count).map { -Double($0) })
        #expect(outs[2].doubles == (0..<count).map { -Double($0) })
        #expect(outs[3].doubles == (0..<count).map(Double.init))
    }

    @Test func unusedOperandStillSetsTheShape() throws {
        // in1 is never read, but it broadcasts the output to (2, 300)
        var p = ElementwiseProgram()
        let x = p.append(.input(0))
        _ = p.append(.input(1))
        p.outputs = [p.append(.binary(.add, x, p.append(.constant(0.5))))]
        let y = try NDArray.elementwise(p, [NDArray([1, 2] as [Float], shape: [2, 1]), NDArray(zeros: [300], dtype: .int32)],
                                        outputTypes: [.float32])[0]
        #expect(y.shape == [2, 300])
        #expect(y.doubles == [Double](repeating: 1.5, count: 300) + [Double](repeating: 2.5, count: 300))
    }

    @Test func inputRegistersAsOutputsCopyAndBroadcast() throws {
        var p = ElementwiseProgram()
        let a = p.append(.input(0)), b = p.append(.input(1))
        p.outputs = [a, b, a]
        let full = NDArray((0..<600).map { Float($0) }, shape: [2, 300])
        let row = NDArray((0..<300).map { Int32($0 * 2) }, shape: [300])
        let outs = try NDArray.elementwise(p, [full, row], outputTypes: [.float32, .int32, .float64])
        #expect(outs.map(\.shape) == [[2, 300], [2, 300], [2, 300]])
        #expect(outs[0].doubles == (0..<600).map(Double.init))
        #expect(outs[1].doubles == (0..<600).map { Double(($0 % 300) * 2) })
        #expect(outs[2].doubles == (0..<600).map(Double.init))
    }

    @Test func scalarOperandsGiveAScalar() throws {
        var p = ElementwiseProgram()
        let a = p.append(.input(0)), b = p.append(.input(1))
        let s = p.append(.binary(.power, a, b))
        p.outputs = [p.append(.binary(.subtract, s, p.append(.constant(1))))]
        let y = try NDArray.elementwise(p, [NDArray(scalar: 2.0), NDArray(scalar: Int32(10))])[0]
        #expect(y.shape == [])
        #expect(y.dtype == .float64)
        #expect(y.scalarValue == 1023)
    }

    @Test func longChainReusesRegistersCorrectly() throws {
        // x → ((((x+1)·2)+1)·2)… twenty times; each step's register is freed for the next.
        // Closed form: after n steps y = 2^n·x + (2^(n+1) − 2).
        var p = ElementwiseProgram()
        var r = p.append(.input(0))
        let one = p.append(.constant(1)), two = p.append(.constant(2))
        for _ in 0..<20 { r = p.append(.binary(.multiply, p.append(.binary(.add, r, one)), two)) }
        p.outputs = [r]
        let x = NDArray((0..<513).map { Double($0) - 256 })
        let y = try NDArray.elementwise(p, [x])[0]
        let scale = Double(1 << 20), shift = Double(1 << 21) - 2
        #expect(y.doubles == (0..<513).map { (Double($0) - 256) * scale + shift })
    }

    @Test func programDescriptionAndCounts() {
        var p = ElementwiseProgram()
        let x = p.append(.input(0)), k = p.append(.constant(2))
        let y = p.append(.binary(.multiply, x, k))
        p.outputs = [p.append(.unary(.exp, y)), y]
        #expect(p.description == "r0 = in0; r1 = 2.0; r2 = multiply(r0, r1); r3 = exp(r2); out = r3, r2")
        #expect(p.inputCount == 1)
        #expect(p.computeCount == 2)
        #expect(ElementwiseProgram.ternary(.clip).inputCount == 3)
        #expect(ElementwiseProgram().inputCount == 0)
        #expect(p.registerTypes(operandTypes: [.int32]) == [.int32, .float64, .float64, .float64])
    }
}
