import Foundation
import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// Random streams: reproducible from the seed, fresh on each call and each loop step, distributed as claimed.
@Suite struct ScanRandomTests {
    @Test func drawsAreReproducibleFromTheSeedAndFreshOnEachCall() throws {
        func run(seed: UInt64) throws -> [[Double]] {
            let rng = RandomStream(seed: seed)
            let f = try function(inputs: [], outputs: [try rng.uniform(shape: [4])])
            return try (0..<3).map { _ in try f()[0].doubles }
        }
        let a = try run(seed: 5), b = try run(seed: 5), c = try run(seed: 6)
        #expect(a == b)                      // bit for bit
        #expect(a[0] != a[1] && a[1] != a[2]) // each call draws anew
        #expect(a[0] != c[0])
    }

    @Test func twoDrawsOfOneStreamDiffer() throws {
        let rng = RandomStream(seed: 1)
        let d1 = try rng.normal(shape: [8]), d2 = try rng.normal(shape: [8])
        let out = try function(inputs: [], outputs: [d1, d2])()
        #expect(out[0].doubles != out[1].doubles)
    }

    @Test func distributionsHaveTheirMoments() throws {
        let rng = RandomStream(seed: 2024)
        let n = 200_000
        let u = try rng.uniform(shape: [n], low: -1, high: 3, dtype: .float64)
        let g = try rng.normal(shape: [n], mean: 2, std: 0.5, dtype: .float64)
        let b = try rng.bernoulli(p: 0.3, shape: [n], dtype: .float64)
        let out = try function(inputs: [], outputs: [u, g, b])()
        func moments(_ v: [Double]) -> (Double, Double) {
            let m = v.reduce(0, +) / Double(v.count)
            return (m, v.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(v.count))
        }
        let (mu, vu) = moments(out[0].doubles), (mg, vg) = moments(out[1].doubles), (mb, _) = moments(out[2].doubles)
        // Uniform(−1, 3): mean 1, variance 16/12; Normal(2, 0.5): variance 0.25; Bernoulli(0.3): mean 0.3.
        // Tolerances are about 5 standard errors at n = 200k.
        #expect(Swift.abs(mu - 1) < 0.015 && Swift.abs(vu - 16.0 / 12) < 0.015)
        #expect(Swift.abs(mg - 2) < 0.006 && Swift.abs(vg - 0.25) < 0.004)
        #expect(Swift.abs(mb - 0.3) < 0.006)
        #expect(out[0].doubles.allSatisfy { $0 >= -1 && $0 < 3 })
        #expect(Set(out[2].doubles) == [0, 1])
    }

    @Test func drawsInsideALoopDifferPerStepAndMatchTheUnrolledLoop() throws {
        // A dropout-like body: s_t = s_{t−1} + mask_t, with a fresh Bernoulli mask each step.
        let T = 6
        func build(_ unroll: Bool) throws -> Function {
            let rng = RandomStream(seed: 77)
            let body: ([Expr], [Expr], [Expr]) throws -> (states: [Expr], outputs: [Expr]) = { _, s, _ in
                let m = try rng.bernoulli(p: 0.5, like: s[0])
                return (states: [try s[0] + m], outputs: [m])
            }
            let start = Expr.constant(NDArray(zeros: [32], dtype: .float64))
            let r = unroll ? try unrolledScan(initialStates: [start], steps: T, body: body)
                : try scan(initialStates: [start], steps: T, body: body)
            return try function(inputs: [], outputs: [r.outputs[0]])
        }
        let looped = try build(false), unrolled = try build(true)
        let first = try looped()[0], second = try looped()[0]
        let masks = first.doubles
        let rows = (0..<T).map { Array(masks[($0 * 32)..<(($0 + 1) * 32)]) }
        #expect(Set(rows.map { $0.description }).count == T, "every step must draw a different mask")
        #expect(first.doubles != second.doubles, "every call must draw anew")
        #expect(try unrolled()[0].doubles == masks, "the unrolled loop draws the same numbers")
    }

    @Test func drawMadeOutsideTheLoopIsTheSameAtEveryStep() throws {
        let rng = RandomStream(seed: 3)
        let shared = try rng.uniform(shape: [4], dtype: .float64)
        let r = try scan(initialStates: [Expr.constant(NDArray(zeros: [4], dtype: .float64))], steps: 3) { _, s, _ in
            (states: [try s[0] + shared], outputs: [shared])
        }
        let out = try function(inputs: [], outputs: [r.outputs[0]])()[0].doubles
        #expect(Array(out[0..<4]) == Array(out[4..<8]) && Array(out[4..<8]) == Array(out[8..<12]))
    }

    @Test func gradientThroughALoopWithDropoutRecomputesTheSameMasks() throws {
        // cost = Σ_t Σ (mask_t ⊙ x_t)·w; ∂cost/∂w_j = Σ_t Σ_b mask_t[b, j]·x_t[b, j] uses the forward masks.
        let rng = RandomStream(seed: 11)
        let x = Expr.input("x", dtype: .float64, shape: [3, 2, 4])
        let w = Shared(NDArray([1, 2, 3, 4] as [Double]), name: "w")
        let r = try scan(sequences: [x], initialStates: [Expr.constant(NDArray(zeros: [2, 4], dtype: .float64))]) { xs, s, _ in
            let m = try rng.bernoulli(p: 0.5, like: xs[0])
            return (states: [try s[0] + m * xs[0] * w], outputs: [m])
        }
        let cost = try r.finalStates[0].sum()
        let g = try grad(cost, wrt: [w])[0]
        var gen = RandomGenerator(seed: 4)
        let xv = gen.normal(shape: [3, 2, 4], dtype: .float64)
        let out = try function(inputs: [x], outputs: [g, r.outputs[0]])(xv)
        let masks = out[1].doubles, xs = xv.doubles
        let expected = (0..<4).map { j in (0..<6).reduce(0.0) { $0 + masks[$1 * 4 + j] * xs[$1 * 4 + j] } }
        expectClose(out[0].doubles, expected, absolute: 1e-12, relative: 1e-12)
    }
}
