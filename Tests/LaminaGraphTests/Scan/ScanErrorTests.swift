import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// Clear errors from loops, and loops inside larger functions.
@Suite struct ScanErrorTests {
    let x = Expr.input("x", shape: [nil, 3])
    let h0 = Expr.input("h0", shape: [3])

    func message(_ body: () throws -> Void) -> String {
        do { try body(); return "" } catch { return "\(error)" }
    }

    @Test func wrongNumberOfStates() {
        let m = message {
            _ = try scan(sequences: [x], initialStates: [h0]) { xs, hs, _ in (states: [xs[0], hs[0]], outputs: []) }
        }
        #expect(m.contains("returns 2 state(s) for 1 initial state(s)"), "\(m)")
    }

    @Test func wrongStateDtype() {
        let m = message {
            _ = try scan(sequences: [x], initialStates: [h0]) { xs, _, _ in (states: [try xs[0].cast(to: .float64)], outputs: []) }
        }
        #expect(m.contains("state 0") && m.contains("float64") && m.contains("float32"), "\(m)")
    }

    @Test func wrongStateShape() {
        let m = message {
            _ = try scan(sequences: [x], initialStates: [h0]) { xs, _, _ in (states: [try xs[0].sum(axes: [0], keepDims: true)], outputs: []) }
        }
        #expect(m.contains("state 0"), "\(m)")
    }

    @Test func stateShapeChangingAtRunTimeIsCaught() throws {
        // Static sizes unknown: the body turns (n,) into (n+1,) and the loop reports it when run.
        let s0 = Expr.input("s0", shape: [nil])
        let r = try scan(initialStates: [s0], steps: 2) { _, s, _ in
            (states: [try Expr.concatenate([s[0], s[0].subtensor([.range(nil, 1)])], axis: 0)], outputs: [])
        }
        let f = try function(inputs: [s0], outputs: [r.states[0]])
        let m = message { _ = try f(NDArray([1, 2] as [Float])) }
        #expect(m.contains("state 0") && m.contains("(2,)") && m.contains("(3,)"), "\(m)")
    }

    @Test func sequencesOfDifferentLengths() throws {
        let y = Expr.input("y", shape: [nil, 3])
        let r = try scan(sequences: [x, y], initialStates: [h0]) { xs, hs, _ in (states: [try hs[0] + xs[0] + xs[1]], outputs: []) }
        let f = try function(inputs: [x, y, h0], outputs: [r.states[0]])
        let m = message { _ = try f(NDArray(zeros: [2, 3]), NDArray(zeros: [4, 3]), NDArray(zeros: [3])) }
        #expect(m.contains("2") && m.contains("4") && m.contains("same length"), "\(m)")
    }

    @Test func stepsNeededWithoutSequences() {
        let m = message { _ = try scan(initialStates: [h0]) { _, hs, _ in (states: hs, outputs: []) } }
        #expect(m.contains("number of steps"), "\(m)")
    }

    @Test func loopInsideAFunctionWithOtherOutputsAndUpdates() throws {
        // cumulative sum by a loop, plus an ordinary output, plus an update that uses the loop result.
        let total = Shared(NDArray(scalar: Float(0)), name: "total")
        let xs = Expr.input("xs", shape: [nil])
        let r = try scan(sequences: [xs], initialStates: [Expr.scalar(0)]) { s, st, _ in (states: [try st[0] + s[0]], outputs: []) }
        let f = try function(inputs: [xs], outputs: [r.states[0], try xs.max()],
                             updates: [(total, try total + r.finalStates[0])])
        let out = try f(NDArray([1, 2, 3] as [Float]))
        expectClose(out[0], [1, 3, 6], shape: [3], absolute: 1e-12, relative: 1e-12)
        expectClose(out[1], [3], shape: [], absolute: 1e-12, relative: 1e-12)
        expectClose(total.value.doubles, [6], absolute: 1e-12, relative: 1e-12)
        _ = try f(NDArray([4] as [Float]))
        expectClose(total.value.doubles, [10], absolute: 1e-12, relative: 1e-12)
    }
}
