import CKernels
import Testing
@testable import LaminaTensor

/// Float32 programs whose computing instructions run as CKernels steps, pairs
/// included (``ElementwiseSteps``), give the bits of the instruction-at-a-time
/// interpreter (`ElementwiseKernel.usesSteps` off) for random bit patterns,
/// NaN, ±inf, ±0 and subnormals, in every operand mode, at odd lengths and
/// chunk edges. Serialized: the suite switches the interpreter's mode.
@Suite(.serialized) struct ElementwiseStepsTests {
    /// An operand: its values (any dtype's bits), dtype and shape.
    struct Operand {
        var bytes: [UInt8]
        var dtype: DType
        var shape: [Int]
    }

    static func floats(_ count: Int, seed: UInt64) -> [Float] {
        var state = seed
        let specials: [Float] = [0, -0.0, .infinity, -.infinity, .nan, -.nan, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
                                 .leastNormalMagnitude, -.greatestFiniteMagnitude, 1, -1, 0.1, 0.3, -0.39, 20.5, -88.8, 104, 1e-20]
        return (0..<count).map { i in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            if i % 5 == 2 { return specials[Int(state >> 33) % specials.count] }
            if i % 3 == 0 { return Float(Int32(truncatingIfNeeded: state >> 40)) / 1_000_000 } // ordinary magnitudes
            return Float(bitPattern: UInt32(truncatingIfNeeded: state >> 32))
        }
    }

    static func floatOperand(_ shape: [Int], seed: UInt64) -> Operand {
        let values = floats(shape.reduce(1, *), seed: seed)
        return Operand(bytes: values.withUnsafeBytes { Array($0) }, dtype: .float32, shape: shape)
    }

    /// An int32 operand (converted to float32 chunk by chunk).
    static func intOperand(_ shape: [Int], seed: UInt64) -> Operand {
        let values = floats(shape.reduce(1, *), seed: seed).map { Int32(truncatingIfNeeded: $0.bitPattern) >> 8 }
        return Operand(bytes: values.withUnsafeBytes { Array($0) }, dtype: .int32, shape: shape)
    }

    /// Output k of `program` over `operands` at `shape`, as bit patterns, with steps on or off;
    /// with `cache`, through that op cache.
    static func run(_ program: ElementwiseProgram, _ operands: [Operand], shape: [Int], steps: Bool,
                    cache: ElementwiseScheduleCache? = nil) -> [[UInt32]] {
        let total = shape.reduce(1, *)
        let saved = ElementwiseKernel.usesSteps
        ElementwiseKernel.usesSteps = steps
        defer { ElementwiseKernel.usesSteps = saved }
        let buffers = operands.map { operand -> UnsafeMutableRawPointer in
            let p = UnsafeMutableRawPointer.allocate(byteCount: max(operand.bytes.count, 1), alignment: 64)
            operand.bytes.withUnsafeBytes { p.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
            return p
        }
        let outs = program.outputs.map { _ in UnsafeMutablePointer<Float>.allocate(capacity: max(total, 1)) }
        defer { buffers.forEach { $0.deallocate() }; outs.forEach { $0.deallocate() } }
        ElementwiseKernel.run(program, operands: zip(buffers, operands).map { RawOperand(pointer: $0, dtype: $1.dtype, shape: $1.shape) },
                              outputs: outs.map { RawOutput(pointer: $0, dtype: .float32) }, shape: shape, schedules: cache)
        return outs.map { out in (0..<total).map { out[$0].bitPattern } }
    }

    /// Every arithmetic pair a ∘ b then ∘' with the intermediate on either side, the select pairs,
    /// σ, tanh or x² then each arithmetic operation on either side, and the single steps.
    static var programs: [(String, ElementwiseProgram)] {
        var result: [(String, ElementwiseProgram)] = []
        let arithmetic: [BinaryFunction] = [.add, .subtract, .multiply, .divide]
        for f in arithmetic {
            for g in arithmetic {
                for side in 0..<2 {
                    var p = ElementwiseProgram()
                    let a = p.append(.input(0)), b = p.append(.input(1)), c = p.append(.input(2))
                    let t = p.append(.binary(f, a, b))
                    p.outputs = [p.append(side == 0 ? .binary(g, t, c) : .binary(g, c, t))]
                    result.append(("\(f)-\(g)-\(side)", p))
                }
            }
            for side in 0..<2 {
                var p = ElementwiseProgram()
                let a = p.append(.input(0)), b = p.append(.input(1)), m = p.append(.input(3)), c = p.append(.input(2))
                let t = p.append(.binary(f, a, b))
                p.outputs = [p.append(side == 0 ? .ternary(.select, m, t, c) : .ternary(.select, m, c, t))]
                result.append(("\(f)-select-\(side)", p))
            }
        }
        for function in [UnaryFunction.sigmoid, .tanh, .square] {
            for g in arithmetic {
                for side in 0..<2 {
                    var p = ElementwiseProgram()
                    let a = p.append(.input(0)), b = p.append(.input(1))
                    let t = p.append(.unary(function, a))
                    p.outputs = [p.append(side == 0 ? .binary(g, t, b) : .binary(g, b, t))]
                    result.append(("\(function.name)-\(g)-\(side)", p))
                }
            }
        }
        // Single steps, each an output of its own so that none pairs.
        var singles = ElementwiseProgram()
        let a = singles.append(.input(0)), b = singles.append(.input(1)), m = singles.append(.input(3))
        var outs: [Int] = []
        for f in [UnaryFunction.exp, .sigmoid, .tanh, .negate, .square, .identity, .rectify] { outs.append(singles.append(.unary(f, a))) }
        for g in arithmetic { outs.append(singles.append(.binary(g, a, b))) }
        outs.append(singles.append(.ternary(.select, m, a, b)))
        singles.outputs = outs
        result.append(("singles", singles))
        result.append(("lstm", lstmStep))
        return result
    }

    /// An LSTM step as the fusion rewrite makes it: gates in0…in3, mask in4 (one value per row), cell
    /// in5, hidden in6; outputs the gates, the masked cell and the masked hidden state. A constant 1
    /// and an operand loaded mid-program (the rewrite concatenates programs) exercise the reordering.
    static var lstmStep: ElementwiseProgram {
        var p = ElementwiseProgram()
        let gi = p.append(.input(0)), gf = p.append(.input(1)), gc = p.append(.input(2))
        let i = p.append(.unary(.sigmoid, gi)), f = p.append(.unary(.sigmoid, gf)), candidate = p.append(.unary(.tanh, gc))
        let cell = p.append(.input(5))
        let kept = p.append(.binary(.multiply, f, cell)), added = p.append(.binary(.multiply, i, candidate))
        let newCell = p.append(.binary(.add, kept, added))
        let mask = p.append(.input(4))
        let maskedCell = p.append(.ternary(.select, mask, newCell, cell))
        let go = p.append(.input(3))
        let o = p.append(.unary(.sigmoid, go))
        let hidden = p.append(.binary(.multiply, o, p.append(.unary(.tanh, maskedCell))))
        let one = p.append(.constant(1))
        let complement = p.append(.binary(.subtract, one, p.append(.unary(.square, hidden))))
        let maskedHidden = p.append(.ternary(.select, mask, hidden, p.append(.input(6))))
        p.outputs = [i, f, candidate, maskedCell, o, maskedHidden, complement]
        return p
    }

    /// The operands of `program` in one mode: every operand direct, or operand 1 in `mode`.
    static func operands(for program: ElementwiseProgram, mode: String, rows: Int, columns: Int, seed: UInt64) -> [Operand] {
        (0..<max(program.inputCount, 4)).map { k in
            let s = seed &* 31 &+ UInt64(k)
            if k == 1 || (program == lstmStep && k == 5) {
                switch mode {
                case "converted": return intOperand([rows, columns], seed: s)
                case "tiled": return floatOperand([columns], seed: s)
                case "rowValues": return floatOperand([rows, 1], seed: s)
                case "gathered": return floatOperand([rows, 1, 1], seed: s)
                case "filled": return floatOperand([1, 1], seed: s)
                default: break
                }
            }
            if program == lstmStep && k == 4 { return floatOperand([rows, 1], seed: s) } // the mask, a row value
            return floatOperand([rows, columns], seed: s)
        }
    }

    static let modes = ["direct", "converted", "tiled", "rowValues", "gathered", "filled"]

    @Test(arguments: [(1, 1), (1, 7), (1, 255), (1, 512), (1, 513), (3, 171), (50, 32), (1, 1025), (7, 1001)])
    func stepsGiveTheInterpretersBits(rows: Int, columns: Int) {
        for (name, program) in Self.programs {
            for mode in Self.modes {
                var operands = Self.operands(for: program, mode: mode, rows: rows, columns: columns, seed: UInt64(rows * 7919 + columns))
                var shape = [rows, columns]
                if mode == "gathered" { // (rows, 1, 1) against (rows, 1, columns): a general broadcast
                    shape = [rows, 1, columns]
                    operands = operands.map { $0.shape == [rows, columns] ? Operand(bytes: $0.bytes, dtype: $0.dtype, shape: [rows, 1, columns]) : $0 }
                    operands = operands.map { $0.shape == [rows, 1] ? Operand(bytes: $0.bytes, dtype: $0.dtype, shape: [rows, 1, 1]) : $0 }
                }
                let reference = Self.run(program, operands, shape: shape, steps: false)
                let stepped = Self.run(program, operands, shape: shape, steps: true)
                for k in reference.indices {
                    if let i = reference[k].indices.first(where: { reference[k][$0] != stepped[k][$0] }) {
                        Issue.record("\(name), \(mode), \(rows)×\(columns), output \(k), element \(i): \(stepped[k][i]) against \(reference[k][i])")
                    }
                }
            }
        }
    }

    /// The programs above do run as steps, and the pairs form (so the comparison tests the pair loops).
    @Test func pairsForm() {
        for (name, program) in Self.programs {
            let operands = Self.operands(for: program, mode: "direct", rows: 2, columns: 3, seed: 1)
            let buffers = operands.map { _ in UnsafeMutableRawPointer.allocate(byteCount: 64, alignment: 64) }
            let out = UnsafeMutableRawPointer.allocate(byteCount: 64, alignment: 64)
            defer { buffers.forEach { $0.deallocate() }; out.deallocate() }
            let plan = ElementwisePlan(program, operands: zip(buffers, operands).map { RawOperand(pointer: $0, dtype: .float32, shape: $1.shape) },
                                       outputs: program.outputs.map { _ in RawOutput(pointer: out, dtype: .float32) }, shape: [2, 3],
                                       computeType: .float32, cache: nil)
            let expectedPairs = name == "singles" ? 0 : name == "lstm" ? 3 : 1 // lstm: f·c + i·c̃, o·tanh(c), 1 − h²
            #expect(plan.steps?.pairs == expectedPairs, "\(name)")
        }
    }

    /// A pair step computes the two roundings: (a·b) + c in float32 against the same in Double
    /// rounded after each operation (independent of both kernels).
    @Test func multiplyAddRoundsTwice() {
        var p = ElementwiseProgram()
        let a = p.append(.input(0)), b = p.append(.input(1)), c = p.append(.input(2))
        p.outputs = [p.append(.binary(.add, p.append(.binary(.multiply, a, b)), c))]
        // 1 + 2^-12 squared is 1 + 2^-11 + 2^-24: rounded to float32 it is 1 + 2^-11 (ties to even),
        // so minus (1 + 2^-11) gives 0; one fused multiply-add would give 2^-24.
        let x = Float(1) + Float(0x1p-12)
        let operands = [x, x, -(Float(1) + Float(0x1p-11))].map { v in Operand(bytes: withUnsafeBytes(of: v) { Array($0) }, dtype: .float32, shape: [1]) }
        let y = Self.run(p, operands, shape: [1], steps: true)[0][0]
        let twice = Float(Float(Double(x) * Double(x)) + -(Float(1) + Float(0x1p-11)))
        #expect(Float(bitPattern: y) == 0 && twice == 0)
    }

    /// A cached op re-prepares when the shapes change and reuses its plan while they repeat,
    /// with the right values each time (a·b + c, in float32, from the operands).
    @Test func repeatedCallsReuseThePlanAndNewShapesRePrepare() {
        var p = ElementwiseProgram()
        let a = p.append(.input(0)), b = p.append(.input(1)), c = p.append(.input(2))
        p.outputs = [p.append(.binary(.add, p.append(.binary(.multiply, a, b)), c))]
        let cache = ElementwiseScheduleCache()
        for (step, shape) in [[50, 32], [50, 32], [50, 32], [20, 32], [20, 32], [50, 32], [3, 700]].enumerated() {
            let n = shape.reduce(1, *)
            let x = (0..<n).map { Float($0 % 13) * 0.5 }, w = (0..<n).map { Float($0 % 5) - 2 }, z = (0..<n).map { Float(step) + Float($0) }
            let operands = [x, w, z].map { v in Operand(bytes: v.withUnsafeBytes { Array($0) }, dtype: .float32, shape: shape) }
            let y = Self.run(p, operands, shape: shape, steps: true, cache: cache)[0]
            #expect(y == (0..<n).map { (x[$0] * w[$0] + z[$0]).bitPattern }, "call \(step), shape \(shape)")
        }
        // new plans at calls 0, 3, 5 and 6
        #expect(cache.plansMade == 4)
    }

    /// Chunks of equal length, whole vectors, at most `chunkSize`: ⌈total / 512⌉ chunks of ⌈total / chunks⌉ rounded up to 8.
    @Test func chunkLengths() {
        #expect(ElementwisePlan.chunkLength(total: 1) == 8)
        #expect(ElementwisePlan.chunkLength(total: 512) == 512)
        #expect(ElementwisePlan.chunkLength(total: 513) == 264)    // 2 chunks: ⌈513 / 2⌉ = 257 → 264
        #expect(ElementwisePlan.chunkLength(total: 1_600) == 400)  // 4 chunks of 400
        #expect(ElementwisePlan.chunkLength(total: 4_500) == 504)  // 9 chunks: ⌈4500 / 9⌉ = 500 → 504
        #expect(ElementwisePlan.chunkLength(total: 1_000_000) == 512)
    }

    @Test func loadsFirstKeepsTheProgram() {
        let p = Self.lstmStep, q = p.loadsFirst
        #expect(q.instructions.count == p.instructions.count)
        let firstCompute = q.instructions.firstIndex { !$0.isLoadInstruction }!
        #expect(q.instructions[firstCompute...].allSatisfy { !$0.isLoadInstruction })
        #expect(q.instructions.prefix(firstCompute).count == 8) // seven operands and the constant 1
        #expect(q.description.contains("sigmoid") && q.outputs.count == 7)
    }
}
