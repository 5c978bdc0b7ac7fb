import Foundation
import Testing
import LaminaTensor
@testable import LaminaGraph
import LaminaTestSupport

/// The plan runner infers shapes once per set of bound shapes and reuses each step's operand array:
/// a loop body's iterations after the first, and calls with the shapes of the last, allocate none.
@Suite struct PlanRunnerReuseTests {
    /// The address of each step's operand array (nil for a step without one).
    func operandStorage(_ runner: PlanRunner) -> [UnsafeRawPointer?] {
        runner.stepOperands.map { $0.isEmpty ? nil : $0.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) } }
    }

    /// e = exp(x) and e·2 + 1 in one step with two results: shapes inferred at the first call and at
    /// a call of another size only, the values right at every size.
    @Test func aMultiOutputStepInfersItsShapesOncePerSize() throws {
        let x = Expr.input("x", dtype: .float64, shape: [nil])
        let e = try x.exp()
        let f = try function(inputs: [x], outputs: [e * 2 + 1, e])
        try #require(f.plan.steps.count == 1 && f.plan.steps[0].multi != nil, "\(f.steps)")
        let first = try f(Feed.f64([0, 1]))
        #expect(first[0].doubles == [3, 2 * 2.718281828459045 + 1]) // 2·e⁰ + 1, 2·e¹ + 1
        #expect(f.runner.shapeInferences == 1)
        let storage = operandStorage(f.runner)
        let second = try f(Feed.f64([1, 0]))
        #expect(second[1].doubles == [2.718281828459045, 1]) // e¹, e⁰
        #expect(f.runner.shapeInferences == 1)
        #expect(operandStorage(f.runner) == storage)
        let third = try f(Feed.f64([0, 0, 1]))
        #expect(third[0].doubles == [3, 3, 2 * 2.718281828459045 + 1])
        #expect(third[0].shape == [3] && third[1].shape == [3])
        #expect(f.runner.shapeInferences == 2)
    }

    /// s_t = tanh(s_{t−1} + x_t) over 5 steps: the body's shapes are inferred at the first iteration
    /// of the first call only, and its steps keep their operand arrays through both calls.
    @Test func aLoopBodyInfersShapesAtItsFirstIterationOnly() throws {
        let x = Expr.input("x", dtype: .float64, shape: [5, 2])
        let zeros = Expr.constant(NDArray([0, 0] as [Double]))
        let result = try scan(sequences: [x], initialStates: [zeros]) { xs, s, _ in
            (states: [try (s[0] + xs[0]).tanh()], outputs: [])
        }
        let f = try function(inputs: [x], outputs: [result.states[0]])
        let loop = try #require(f.plan.steps.compactMap { $0.op as? ScanOp }.first, "\(f.steps)")
        let values: [Double] = [0.5, -1, 0.25, 2, -0.75, 0.5, 1, 1, -2, 0.125]
        let out = try f(NDArray(values, shape: [5, 2]))
        // The recurrence in plain Swift.
        var s = [0.0, 0.0], expected: [Double] = []
        for t in 0..<5 {
            s = (0..<2).map { Foundation.tanh(s[$0] + values[t * 2 + $0]) }
            expected += s
        }
        expectClose(out[0], expected, shape: [5, 2], absolute: 1e-15, relative: 1e-15)
        let compiled = try #require(loop.compiled)
        // The pool holds the one runner the calls use: borrowed here, then given back.
        let runner = compiled.borrowRunner()
        let bodySteps = compiled.plan.steps.count
        try #require(bodySteps > 0)
        #expect(runner.shapeInferences == bodySteps, "one inference per body step, not per iteration")
        let storage = operandStorage(runner)
        compiled.release(runner)
        let again = try f(NDArray(values, shape: [5, 2]))
        expectClose(again[0], expected, shape: [5, 2], absolute: 1e-15, relative: 1e-15)
        let same = compiled.borrowRunner()
        defer { compiled.release(same) }
        #expect(same === runner)
        #expect(same.shapeInferences == bodySteps)
        #expect(operandStorage(same) == storage)
    }
}
