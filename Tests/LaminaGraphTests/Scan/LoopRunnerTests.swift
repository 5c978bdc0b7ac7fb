import Testing
import LaminaTensor
@testable import LaminaGraph
import LaminaTestSupport

/// The loop runner (``ScanOp``'s `evaluate`): where each result goes at each iteration, and
/// sequences read in place.
@Suite struct LoopRunnerTests {
    /// x (4×2) = [[1, 2], [3, 4], [5, 6], [7, 8]].
    let xValue = NDArray([1, 2, 3, 4, 5, 6, 7, 8] as [Double], shape: [4, 2])

    /// A loop with a result of every route: s_t = s_{t−1} + x_t (also an extra output, so a value
    /// that is two results), r_t = 2·r_{t−1} from [1, 1] (only its last step used), u_t = u_{t−1} + 2·x_t
    /// (every step used, its own step), and s_t as a 1×2 row (a view of s_t).
    func loop() throws -> (Function, ScanOp) {
        let x = Expr.input("x", dtype: .float64, shape: [4, 2])
        let zeros = Expr.constant(NDArray([0, 0] as [Double])), ones = Expr.constant(NDArray([1, 1] as [Double]))
        let result = try scan(sequences: [x], initialStates: [zeros, ones, zeros]) { xs, s, _ in
            let next = try s[0] + xs[0]
            return (states: [next, try s[1] * 2, try s[2] + xs[0] * 2], outputs: [next, try next.reshape([1, 2])])
        }
        let f = try function(inputs: [x], outputs: [result.states[0], result.finalStates[1], result.states[2],
                                                    result.outputs[0], result.outputs[1]])
        let loops = f.plan.steps.compactMap { $0.op as? ScanOp }
        try #require(loops.count == 1, "steps: \(f.steps)")
        return (f, loops[0])
    }

    @Test func everyRouteGivesTheRecurrence() throws {
        let (f, _) = try loop()
        let out = try f(xValue)
        // Running sums of the rows: [1, 2], [1+3, 2+4] = [4, 6], [9, 12], [16, 20].
        expectClose(out[0], [1, 2, 4, 6, 9, 12, 16, 20], shape: [4, 2], absolute: 0, relative: 0)
        expectClose(out[1], [16, 16], shape: [2], absolute: 0, relative: 0) // 2⁴
        expectClose(out[2], [2, 4, 8, 12, 18, 24, 32, 40], shape: [4, 2], absolute: 0, relative: 0) // twice the sums
        expectClose(out[3], [1, 2, 4, 6, 9, 12, 16, 20], shape: [4, 2], absolute: 0, relative: 0)
        expectClose(out[4], [1, 2, 4, 6, 9, 12, 16, 20], shape: [4, 1, 2], absolute: 0, relative: 0)
        // A second call reuses the runner and its scratch buffers: the same values.
        expectClose(try f(xValue)[1], [16, 16], shape: [2], absolute: 0, relative: 0)
    }

    @Test func routesFollowTheBodyPlan() throws {
        let (_, scanOp) = try loop()
        let compiled = try #require(scanOp.compiled)
        #expect(scanOp.keepSteps == [true, false, true, true, true], "\(scanOp)")
        let routes = LoopResultRoute.routes(compiled.plan, of: scanOp, bytes: [16, 16, 16, 16, 16])
        func name(_ r: LoopResultRoute) -> String {
            switch r {
            case .direct: return "direct"
            case .alternating(let buffers): return "alternating \(buffers.count)"
            case .copied: return "copied"
            }
        }
        // s_t is two results (state and extra): copied; r keeps its last step: two scratch buffers;
        // u is computed by its own step: written in place; the row is a view of s_t: copied.
        #expect(routes.states.map(name) == ["copied", "alternating 2", "direct"])
        #expect(routes.extras.map(name) == ["copied", "copied"])
    }

    /// Each iteration binds the body's sequence placeholder to the row of the operand itself:
    /// after a call, the pooled runner still points at the last row of the caller's array.
    @Test func sequencesAreReadInPlace() throws {
        let (f, scanOp) = try loop()
        _ = try f(xValue)
        let compiled = try #require(scanOp.compiled)
        let runner = compiled.borrowRunner()
        defer { compiled.release(runner) }
        let slot = scanOp.placeholderValues(compiled).sequences[0]
        try #require(slot >= 0)
        #expect(runner.pointers[slot] == UnsafeRawPointer(xValue.buffer.pointer) + 3 * 2 * 8) // row 3 of 2 doubles
        #expect(runner.shapes[slot] == [2])
        // No destination outlives the call.
        #expect(compiled.plan.outputValues.allSatisfy { runner.destinations[$0] == nil })
    }
}
