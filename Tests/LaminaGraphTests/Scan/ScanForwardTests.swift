import Foundation
import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// A tanh RNN computed by an explicit Swift loop in Double: h_t = tanh(x_t·W + h_{t−1}·U + b).
func referenceRNN(x: [Double], h0: [Double], W: [Double], U: [Double], b: [Double],
                  steps: Int, batch: Int, inputs: Int, units: Int, backwards: Bool = false) -> [[Double]] {
    var h = h0
    var result = [[Double]](repeating: [], count: steps)
    for i in 0..<steps {
        let t = backwards ? steps - 1 - i : i
        var next = [Double](repeating: 0, count: batch * units)
        for r in 0..<batch {
            for u in 0..<units {
                var s = b[u]
                for d in 0..<inputs { s += x[(t * batch + r) * inputs + d] * W[d * units + u] }
                for v in 0..<units { s += h[r * units + v] * U[v * units + u] }
                next[r * units + u] = Foundation.tanh(s)
            }
        }
        h = next
        result[i] = next
    }
    return result
}

/// Values of loops against explicit Swift loops.
@Suite struct ScanForwardTests {
    let steps = 5, batch = 2, inputs = 3, units = 4

    func data(_ seed: UInt64) -> (NDArray, NDArray, NDArray, NDArray, NDArray) {
        var rng = RandomGenerator(seed: seed)
        return (rng.normal(shape: [steps, batch, inputs], dtype: .float64), rng.normal(shape: [batch, units], dtype: .float64),
                rng.normal(shape: [inputs, units], std: 0.5, dtype: .float64), rng.normal(shape: [units, units], std: 0.5, dtype: .float64),
                rng.normal(shape: [units], dtype: .float64))
    }

    @Test(arguments: [false, true])
    func tanhRNNMatchesExplicitLoop(backwards: Bool) throws {
        let (xv, hv, Wv, Uv, bv) = data(7)
        let x = Expr.input("x", dtype: .float64, shape: [nil, batch, inputs])
        let h0 = Expr.input("h0", dtype: .float64, shape: [batch, units])
        let W = Shared(Wv, name: "W"), U = Shared(Uv, name: "U"), b = Shared(bv, name: "b")
        let result = try scan(sequences: [x], initialStates: [h0], goBackwards: backwards) { xs, hs, _ in
            (states: [try (xs[0].dot(W) + hs[0].dot(U) + b).tanh()], outputs: [])
        }
        let f = try function(inputs: [x, h0], outputs: [result.states[0], result.finalStates[0]])
        let out = try f(xv, hv)
        let expected = referenceRNN(x: xv.doubles, h0: hv.doubles, W: Wv.doubles, U: Uv.doubles, b: bv.doubles,
                                    steps: steps, batch: batch, inputs: inputs, units: units, backwards: backwards)
        // Theano's order: entry i is iteration i.
        expectClose(out[0], expected.flatMap { $0 }, shape: [steps, batch, units], absolute: 1e-12, relative: 1e-10)
        expectClose(out[1], expected[steps - 1], shape: [batch, units], absolute: 1e-12, relative: 1e-10)
    }

    @Test func sequenceOrderAlignsBackwardsOutputsWithInputs() throws {
        let (xv, hv, Wv, Uv, bv) = data(8)
        let x = Expr.input("x", dtype: .float64, shape: [steps, batch, inputs])
        let h0 = Expr.constant(hv)
        let W = Shared(Wv, name: "W"), U = Shared(Uv, name: "U"), b = Shared(bv, name: "b")
        let result = try scan(sequences: [x], initialStates: [h0], goBackwards: true, outputOrder: .sequence) { xs, hs, _ in
            (states: [try (xs[0].dot(W) + hs[0].dot(U) + b).tanh()], outputs: [])
        }
        let out = try function(inputs: [x], outputs: [result.states[0]])(xv)[0]
        let expected = referenceRNN(x: xv.doubles, h0: hv.doubles, W: Wv.doubles, U: Uv.doubles, b: bv.doubles,
                                    steps: steps, batch: batch, inputs: inputs, units: units, backwards: true)
        expectClose(out, expected.reversed().flatMap { $0 }, shape: [steps, batch, units], absolute: 1e-12, relative: 1e-10)
    }

    @Test func severalStatesExtraOutputsAndNonSequences() throws {
        // Fibonacci-like pair (a, b) -> (b, a + b) with an extra output a·k for a non-sequence k.
        let k = Expr.input("k", dtype: .float64, shape: [])
        let result = try scan(initialStates: [Expr.scalar(0, dtype: .float64), Expr.scalar(1, dtype: .float64)],
                              nonSequences: [k], steps: 8) { _, s, ns in
            (states: [s[1], try s[0] + s[1]], outputs: [try s[0] * ns[0]])
        }
        let out = try function(inputs: [k], outputs: [result.states[0], result.states[1], result.outputs[0]])(NDArray(scalar: 2.0))
        expectClose(out[0], [1, 1, 2, 3, 5, 8, 13, 21], shape: [8], absolute: 1e-12, relative: 1e-12)
        expectClose(out[1], [1, 2, 3, 5, 8, 13, 21, 34], shape: [8], absolute: 1e-12, relative: 1e-12)
        expectClose(out[2], [0, 2, 2, 4, 6, 10, 16, 26], shape: [8], absolute: 1e-12, relative: 1e-12)
    }

    @Test func explicitStepsCutsSequences() throws {
        let x = Expr.input("x", dtype: .float64, shape: [nil])
        let result = try scan(sequences: [x], initialStates: [Expr.scalar(0, dtype: .float64)], steps: 3) { xs, s, _ in
            (states: [try s[0] + xs[0]], outputs: [])
        }
        let out = try function(inputs: [x], outputs: [result.states[0]])(NDArray([1, 2, 3, 4, 5] as [Double]))[0]
        expectClose(out, [1, 3, 6], shape: [3], absolute: 1e-12, relative: 1e-12)
    }

    @Test func onlyTheLastStepIsKeptWhenOnlyItIsAsked() throws {
        let x = Expr.input("x", dtype: .float64, shape: [nil, 2])
        let result = try scan(sequences: [x], initialStates: [Expr.constant(NDArray([0, 0] as [Double]))]) { xs, s, _ in
            (states: [try s[0] + xs[0]], outputs: [])
        }
        let f = try function(inputs: [x], outputs: [result.finalStates[0]])
        // The compiled loop keeps one step: no slice step remains and the result has no time axis.
        #expect(f.steps.count == 1, "steps: \(f.steps)")
        #expect(f.steps[0].contains("keep [\"last\"]"), "\(f.steps)")
        let out = try f(NDArray([1, 2, 3, 4, 5, 6] as [Double], shape: [3, 2]))[0]
        expectClose(out, [9, 12], shape: [2], absolute: 1e-12, relative: 1e-12)
        var noSaving = CompileOptions.default
        noSaving.saveLoopMemory = false
        let g = try function(inputs: [x], outputs: [result.finalStates[0]], options: noSaving)
        #expect(g.steps.count == 2)
        expectClose(try g(NDArray([1, 2, 3, 4, 5, 6] as [Double], shape: [3, 2]))[0], [9, 12], shape: [2], absolute: 1e-12, relative: 1e-12)
    }
}
