import Foundation
import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// Elementwise fusion: chains of elementwise ops become one step (one loop).
@Suite struct CompileFusionTests {
    @Test func fiveChainedOpsBecomeOneFusedStep() throws {
        let x = Expr.input("x", shape: [nil])
        let y = try (x.exp() * 2 + 1).tanh() - x
        let fused = try function(inputs: [x], outputs: [y])
        #expect(fused.steps.count == 1, "\(fused.steps)")
        #expect(fused.steps.first?.hasPrefix("fused") == true)
        #expect(fused.steps == ["fused{exp,multiply,add,tanh,subtract}"])
        #expect(fused.bufferCount == 1)

        let plain = try function(inputs: [x], outputs: [y], options: .none)
        #expect(plain.steps == ["exp", "multiply", "add", "tanh", "subtract"])

        // One million elements spread over [-2, 2].
        let n = 1_000_000
        let values = (0..<n).map { Float($0 % 2001 - 1000) / 500 }
        let input = Feed.f32(values)
        let a = try fused(input)[0].scalars(as: Float.self)
        let b = try plain(input)[0].scalars(as: Float.self)
        #expect(a.count == n)
        var worstVsPlain: Float = 0, worstVsDouble: Double = 0
        for i in 0..<n {
            worstVsPlain = Swift.max(worstVsPlain, Swift.abs(a[i] - b[i]))
            let v = Double(values[i])
            worstVsDouble = Swift.max(worstVsDouble, Swift.abs(Double(a[i]) - (tanh(exp(v) * 2 + 1) - v)))
        }
        // The same float32 kernels run in both; fusing changes no rounding.
        #expect(worstVsPlain == 0)
        // And both agree with the formula in float64 to float32 accuracy.
        #expect(worstVsDouble < 5e-6)
    }

    @Test func aValueWithSeveralUsesIsNotAbsorbed() throws {
        let x = Expr.input("x", dtype: .float64, shape: [nil])
        let e = try x.exp()
        var singleOutputOnly = CompileOptions()
        singleOutputOnly.fuseMultipleOutputs = false // (which would then merge both into one step with two results)
        let f = try function(inputs: [x], outputs: [e * 2 + 1, e], options: singleOutputOnly)
        #expect(f.steps == ["exp", "fused{multiply,add}"])
        let r = try f(Feed.f64([0, 1]))
        #expect(r[0].doubles == [3, 2 * 2.718281828459045 + 1])
        #expect(r[1].doubles == [1, 2.718281828459045])
    }

    @Test func aBroadcastOperandIsNotFusedIntoTheBiggerLoop() throws {
        // exp(b) has shape (3,), the sum (?, 3): fusing would compute exp once per row.
        let x = Expr.input("x", dtype: .float64, shape: [nil, 3])
        let b = Expr.input("b", dtype: .float64, shape: [3])
        let f = try function(inputs: [x, b], outputs: [(b.exp() + x).tanh()])
        #expect(f.steps == ["exp", "fused{add,tanh}"])
        let r = try f(Feed.f64([0, 0, 0, 1, 1, 1], [2, 3]), Feed.f64([0, 0, 0]))
        expectClose(r[0].doubles, [0.7615941559557649, 0.7615941559557649, 0.7615941559557649,
                                   0.9640275800758169, 0.9640275800758169, 0.9640275800758169], absolute: 1e-12, relative: 1e-12) // tanh(1), tanh(2)
    }

    @Test func aCastToFloat32InsideAFloat64ChainStillRounds() throws {
        let x = Expr.input("x", dtype: .float64, shape: [nil])
        let y = try (x.cast(to: .float32) * 3).cast(to: .float64) + 1
        let input = Feed.f64([0.1, 1.0 / 3])
        // numpy: (np.float32([0.1, 1/3]) * np.float32(3)).astype(np.float64) + 1
        let expected = [1.300000011920929, 2.0]
        for options in [CompileOptions.default, .none] {
            let f = try function(inputs: [x], outputs: [y], options: options)
            #expect(try f(input)[0].doubles == expected, "\(f.steps)")
        }
    }

    @Test func float32OpsFeedingAFloat64OpKeepFloat32Results() throws {
        let x = Expr.input("x", dtype: .float32, shape: [nil])
        let y = Expr.input("y", dtype: .float64, shape: [nil])
        let z = try x.exp().tanh() + y
        let xs = Feed.f32([0.1, 0.7, -1.3]), ys = Feed.f64([0, 0, 0])
        let fused = try function(inputs: [x, y], outputs: [z])
        let plain = try function(inputs: [x, y], outputs: [z], options: .none)
        // tanh(exp(x)) is a float32 value; adding a float64 0 must not make it more precise.
        let a = try fused(xs, ys)[0].doubles, b = try plain(xs, ys)[0].doubles
        #expect(a == b, "\(fused.steps): \(a) vs \(b)")
        #expect(a.allSatisfy { Double(Float($0)) == $0 })
        // The float32 chain itself is still fused.
        #expect(fused.steps == ["fused{exp,tanh}", "add"])
    }

    @Test func aFloat64StepInsideAFloat32ChainIsComputedInFloat64() throws {
        // Only float32 operands and a float32 result, but x² is computed in float64:
        // 4097² = 16785409 needs 25 bits, so in float32 it would round to 16785408.
        let x = Expr.input("x", dtype: .float32, shape: [nil])
        let wide = try x.cast(to: .float64)
        let y = try (wide * wide - Expr.scalar(16_785_408, dtype: .float32)).cast(to: .float32)
        for options in [CompileOptions.default, .none] {
            let f = try function(inputs: [x], outputs: [y], options: options)
            // numpy: (np.float32([4097, 2]).astype(np.float64) ** 2 - np.float32(16785408)).astype(np.float32)
            #expect(try f(Feed.f32([4097, 2]))[0].doubles == [1, -16_785_404], "\(f.steps)")
        }
    }

    @Test func int32ArithmeticInsideAFusedChainSaturatesAsUnfused() throws {
        let n = Expr.input("n", dtype: .int32, shape: [nil])
        let z = try (n * n).cast(to: .float64) + 0.5
        let input = Feed.i32([100_000, 3])
        let a = try function(inputs: [n], outputs: [z])(input)[0].doubles
        let b = try function(inputs: [n], outputs: [z], options: .none)(input)[0].doubles
        #expect(a == b)
        #expect(a[1] == 9.5)
    }

    @Test func fusionOffKeepsOneStepPerOp() throws {
        var options = CompileOptions.default
        options.fuseElementwise = false
        let x = Expr.input("x", shape: [nil])
        let f = try function(inputs: [x], outputs: [(x.exp() * 2 + 1).tanh() - x], options: options)
        #expect(f.steps == ["exp", "multiply", "add", "tanh", "subtract"])
    }
}
