import CKernels
import Testing
@testable import LaminaTensor

/// The float32 arithmetic and select loops of CKernels (`lamina_add_f32` and the others,
/// AVX2 on this processor when it has it) give the bits of one scalar IEEE operation (or
/// of a scalar select) per element, in place or not, at every length (vector bodies and
/// remainders).
@Suite struct ElementwiseArithmeticTests {
    typealias Kernel = (UnsafePointer<Float>?, UnsafePointer<Float>?, UnsafeMutablePointer<Float>?, Int) -> Void

    static var kernels: [(String, Kernel, (Float, Float) -> Float)] { [
        ("add", lamina_add_f32, { $0 + $1 }), ("subtract", lamina_subtract_f32, { $0 - $1 }),
        ("multiply", lamina_multiply_f32, { $0 * $1 }), ("divide", lamina_divide_f32, { $0 / $1 }),
    ] }

    /// Random floats of every magnitude (bit patterns), with zeros, infinities, NaN and subnormals mixed in.
    static func operands(_ count: Int, seed: UInt64) -> [Float] {
        var state = seed
        let specials: [Float] = [0, -0.0, .infinity, -.infinity, .nan, .leastNonzeroMagnitude, -.leastNormalMagnitude,
                                 .greatestFiniteMagnitude, 1, -1, 0.1]
        return (0..<count).map { i in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            if i % 7 == 3 { return specials[Int(state >> 33) % specials.count] }
            return Float(bitPattern: UInt32(truncatingIfNeeded: state >> 32))
        }
    }

    static func sameBits(_ x: Float, _ y: Float) -> Bool { x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN) }

    @Test(arguments: [0, 1, 7, 8, 9, 31, 256, 1001])
    func matchesScalarOperations(length: Int) {
        let a = Self.operands(length, seed: 1), b = Self.operands(length, seed: 2)
        for (name, kernel, scalar) in Self.kernels {
            var y = [Float](repeating: 42, count: length)
            kernel(a, b, &y, length)
            for i in 0..<length where !Self.sameBits(y[i], scalar(a[i], b[i])) {
                Issue.record("\(name)(\(a[i]), \(b[i])) = \(y[i]), scalar \(scalar(a[i], b[i])) at \(i) of \(length)")
                break
            }
            // In place, over the first operand (the interpreter reuses an operand's register).
            var inPlace = a
            inPlace.withUnsafeMutableBufferPointer { kernel($0.baseAddress, b, $0.baseAddress, length) }
            #expect(zip(inPlace, y).allSatisfy { Self.sameBits($0, $1) }, "\(name) in place, length \(length)")
        }
    }

    @Test(arguments: [0, 1, 7, 8, 9, 31, 256, 1001])
    func selectMatchesScalarSelect(length: Int) {
        // Conditions: zeros of both signs, NaN and other specials among random bit patterns.
        let c = Self.operands(length, seed: 5).enumerated().map { $0.offset % 3 == 0 ? ($0.offset % 2 == 0 ? 0 : -0.0) : $0.element }
        let a = Self.operands(length, seed: 6), b = Self.operands(length, seed: 7)
        var y = [Float](repeating: 42, count: length)
        lamina_select_f32(c, a, b, &y, length)
        for i in 0..<length {
            let expected = c[i] != 0 ? a[i] : b[i] // NaN != 0 is true: a NaN condition picks a
            #expect(y[i].bitPattern == expected.bitPattern, "select at \(i) of \(length): condition \(c[i])")
        }
        var inPlace = c
        inPlace.withUnsafeMutableBufferPointer { lamina_select_f32($0.baseAddress, a, b, $0.baseAddress, length) }
        #expect(zip(inPlace, y).allSatisfy { $0.bitPattern == $1.bitPattern }, "select in place over the condition, length \(length)")
    }

    /// Values worked out with NumPy float32 (the expression beside each).
    @Test func knownValues() {
        func run(_ kernel: Kernel, _ a: Float, _ b: Float) -> UInt32 {
            var y: Float = 0
            kernel([a], [b], &y, 1)
            return y.bitPattern
        }
        #expect(run(lamina_add_f32, 0.1, 0.2) == 0x3E99_999A) // np.float32(0.1) + np.float32(0.2) → 0x3e99999a
        #expect(run(lamina_divide_f32, 1, 3) == 0x3EAA_AAAB) // np.float32(1) / np.float32(3) → 0x3eaaaaab
        #expect(run(lamina_multiply_f32, 1e-38, 0.5) == 0x0036_71F7) // np.float32(1e-38) * np.float32(0.5) → 0x3671f7 (subnormal)
        #expect(run(lamina_add_f32, 3.4e38, 3.4e38) == 0x7F80_0000) // np.float32(3.4e38) + np.float32(3.4e38) → inf
        #expect(run(lamina_subtract_f32, 1.5, 1e-8) == 0x3FC0_0000) // np.float32(1.5) - np.float32(1e-8) → 1.5
        var y: [Float] = [0, 0, 0]
        lamina_select_f32([.nan, -0.0, 2], [1, 1, 1], [-1, -1, -1], &y, 3)
        #expect(y == [1, -1, 1]) // np.where(np.array([nan, -0.0, 2], np.float32) != 0, 1, -1) → [1, -1, 1]
    }

    /// The interpreter sends float32 arithmetic through these kernels: a fused program's
    /// result equals the scalar operations (a·b − a) / b + b, element by element.
    @Test func fusedProgramUsesThem() throws {
        let n = 1000
        let a = Self.operands(n, seed: 3).map { $0.isFinite ? $0 : 2 }, b = Self.operands(n, seed: 4).map { $0.isFinite ? $0 : 3 }
        var program = ElementwiseProgram()
        let x = program.append(.input(0)), w = program.append(.input(1))
        let product = program.append(.binary(.multiply, x, w)), difference = program.append(.binary(.subtract, product, x))
        let quotient = program.append(.binary(.divide, difference, w))
        program.outputs = [program.append(.binary(.add, quotient, w))]
        var y = [Float](repeating: 0, count: n)
        a.withUnsafeBytes { pa in b.withUnsafeBytes { pb in y.withUnsafeMutableBytes { py in
            ElementwiseKernel.run(program, operands: [RawOperand(pointer: pa.baseAddress!, dtype: .float32, shape: [n]),
                                                      RawOperand(pointer: pb.baseAddress!, dtype: .float32, shape: [n])],
                                  outputs: [RawOutput(pointer: py.baseAddress!, dtype: .float32)], shape: [n])
        } } }
        for i in 0..<n {
            let expected = (a[i] * b[i] - a[i]) / b[i] + b[i]
            #expect(Self.sameBits(y[i], expected), "element \(i): \(y[i]) against \(expected)")
        }
    }
}
