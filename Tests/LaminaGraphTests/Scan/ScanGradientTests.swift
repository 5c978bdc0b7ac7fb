import Foundation
import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// Finite-difference checks in Float64 of backpropagation through loops.
@Suite struct ScanGradientTests {
    static let steps = 4, batch = 2, inputs = 3, units = 3

    static func point(_ shape: [Int], seed: UInt64, std: Double = 0.5) -> NDArray {
        var rng = RandomGenerator(seed: seed)
        return rng.normal(shape: shape, std: std, dtype: .float64)
    }

    /// Points: x (T, B, D), h0 (B, H), W (D, H), U (H, H), b (H).
    static var rnnPoints: [NDArray] {
        [point([steps, batch, inputs], seed: 1), point([batch, units], seed: 2), point([inputs, units], seed: 3),
         point([units, units], seed: 4), point([units], seed: 5)]
    }

    /// h_t = tanh(x_t·W + h_{t−1}·U + b) over the points `v` of ``rnnPoints``.
    static func rnnLoop(_ v: [Expr], backwards: Bool = false) throws -> ScanResult {
        try scan(sequences: [v[0]], initialStates: [v[1]], nonSequences: [v[2], v[3], v[4]], goBackwards: backwards) { xs, hs, p in
            (states: [try (xs[0].dot(p[0]) + hs[0].dot(p[1]) + p[2]).tanh()], outputs: [])
        }
    }

    @Test(arguments: [false, true])
    func tanhRNN(backwards: Bool) throws {
        try checkGradient({ v in
            let r = try Self.rnnLoop(v, backwards: backwards)
            // Weight each step differently so every position matters.
            let weights = Expr.constant(NDArray((1...Self.steps).map { Double($0) }, shape: [Self.steps, 1, 1]))
            return try (r.states[0] * weights).sum() + r.finalStates[0].square().sum()
        }, at: Self.rnnPoints)
    }

    /// A cost of the last state only (a readout of the last hidden state):
    /// its gradient starts the backward carry, and the state the backward
    /// step needs (tanh' from h itself) is read from the state's own stack.
    @Test(arguments: [false, true])
    func costOfTheLastStateOnly(backwards: Bool) throws {
        try checkGradient({ v in
            let r = try Self.rnnLoop(v, backwards: backwards)
            return try r.finalStates[0].dot(Expr.constant(NDArray([1.0, -2.0, 0.5], shape: [3, 1]))).square().sum()
        }, at: Self.rnnPoints)
    }

    /// The training program of that cost: one forward loop with one stacked
    /// result (the states), and no sequence of zero cotangents.
    /// The cost of the last state and its gradients, with the batch size B of
    /// x (T, B, D) and h0 (B, H) unknown or not.
    static func lastStateProgram(batchKnown: Bool) throws -> Function {
        let v = rnnPoints.enumerated().map { k, point in
            Expr.input("v", dtype: .float64, shape: point.shape.enumerated().map { axis, size in
                !batchKnown && ((k, axis) == (0, 1) || (k, axis) == (1, 0)) ? nil : size
            })
        }
        let cost = try rnnLoop(v).finalStates[0].square().sum()
        return try function(inputs: v, outputs: [cost] + grad(cost, wrt: v))
    }

    @Test(arguments: [true, false])
    func lastStateCostStacksOnceAndCarriesItsGradient(batchKnown: Bool) throws {
        let f = try Self.lastStateProgram(batchKnown: batchKnown)
        let loops = f.programDescription.split(separator: "\n").filter { $0.contains("scan{") }
        #expect(loops.contains { $0.contains("1 states, 0 extra}") && !$0.contains("reverse") }, "\(loops)")
        #expect(!f.steps.contains { $0.hasPrefix("inc_subtensor") || $0.hasPrefix("set_subtensor") }, "\(f.steps)")
        // The same values as the program with every shape known (finite-difference checked above).
        let reference = try Self.lastStateProgram(batchKnown: true)
        let points = Self.rnnPoints
        for (a, e) in zip(try f.call(points), try reference.call(points)) { expectClose(a.doubles, e.doubles, absolute: 1e-12, relative: 1e-12) }
    }

    @Test func capturedParametersAndExtraOutputs() throws {
        // The body uses W, U and b from outside (captured, not passed), and returns an extra output.
        try checkGradient({ v in
            let r = try scan(sequences: [v[0]], initialStates: [v[1]]) { xs, hs, _ in
                let h = try (xs[0].dot(v[2]) + hs[0].dot(v[3]) + v[4]).tanh()
                return (states: [h], outputs: [try h.square().sum(axes: [1])])
            }
            return try r.outputs[0].sum() + r.states[0].mean()
        }, at: Self.rnnPoints)
    }

    @Test func gruLikeBody() throws {
        // z = σ(x·Wz + h·Uz), r = σ(x·Wr + h·Ur), c = tanh(x·Wc + (r⊙h)·Uc), h' = z⊙h + (1 − z)⊙c
        let H = Self.units, D = Self.inputs
        try checkGradient({ v in
            let (x, h0, W, U) = (v[0], v[1], v[2], v[3])
            let r = try scan(sequences: [x], initialStates: [h0]) { xs, hs, _ in
                let h = hs[0]
                let gx = try xs[0].dot(W), gh = try h.dot(U.subtensor([.all, .range(nil, 2 * H)]))
                let z = try (gx.subtensor([.all, .range(nil, H)]) + gh.subtensor([.all, .range(nil, H)])).sigmoid()
                let rr = try (gx.subtensor([.all, .range(H, 2 * H)]) + gh.subtensor([.all, .range(H, 2 * H)])).sigmoid()
                let c = try (gx.subtensor([.all, .range(2 * H, nil)]) + (rr * h).dot(U.subtensor([.all, .range(2 * H, nil)]))).tanh()
                return (states: [try z * h + (1 - z) * c], outputs: [])
            }
            return try r.states[0].sum()
        }, at: [Self.point([Self.steps, Self.batch, D], seed: 11), Self.point([Self.batch, H], seed: 12),
                Self.point([D, 3 * H], seed: 13), Self.point([H, 3 * H], seed: 14)])
    }

    /// An LSTM-like body with a mask: padded steps carry both states forward (`where`).
    @Test(arguments: [false, true])
    func maskedLSTMLikeBody(backwards: Bool) throws {
        let H = Self.units, D = Self.inputs, T = Self.steps, B = Self.batch
        // Example 0 has all 4 steps, example 1 only the first 2.
        let maskValues = NDArray([1, 1, 1, 0, 1, 0, 1, 0] as [Double], shape: [T, B, 1])
        try checkGradient({ v in
            let (x, h0, c0, W, U, b) = (v[0], v[1], v[2], v[3], v[4], v[5])
            let r = try scan(sequences: [x, Expr.constant(maskValues)], initialStates: [c0, h0], goBackwards: backwards) { xs, s, _ in
                let (c, h) = (s[0], s[1])
                let gates = try xs[0].dot(W) + h.dot(U) + b
                func gate(_ k: Int) throws -> Expr { try gates.subtensor([.all, .range(k * H, (k + 1) * H)]) }
                let i = try gate(0).sigmoid(), f = try gate(1).sigmoid(), g = try gate(2).tanh(), o = try gate(3).sigmoid()
                let cNew = try f * c + i * g
                let hNew = try o * cNew.tanh()
                let m = try xs[1].isGreater(than: xs[1].literal(0))
                return (states: [try Expr.select(m, cNew, c), try Expr.select(m, hNew, h)], outputs: [])
            }
            return try r.states[1].sum() + r.finalStates[0].sum()
        }, at: [Self.point([T, B, D], seed: 21), Self.point([B, H], seed: 22), Self.point([B, H], seed: 23),
                Self.point([D, 4 * H], seed: 24), Self.point([H, 4 * H], seed: 25), Self.point([4 * H], seed: 26)])
    }

    @Test(arguments: [false, true])
    func truncatedGradientMatchesAHandTruncatedUnroll(backwards: Bool) throws {
        // With truncateGradient = 2 the gradient equals that of an unrolled loop in
        // which every state older than the last two iterations is cut off from the graph.
        let v = Self.rnnPoints
        let x = Expr.input("x", dtype: .float64, shape: [Self.steps, Self.batch, Self.inputs])
        let h0 = Expr.input("h0", dtype: .float64, shape: [Self.batch, Self.units])
        let W = Shared(v[2], name: "W"), U = Shared(v[3], name: "U"), b = Shared(v[4], name: "b")
        func cell(_ xt: Expr, _ h: Expr) throws -> Expr { try (xt.dot(W) + h.dot(U) + b).tanh() }
        let r = try scan(sequences: [x], initialStates: [h0], goBackwards: backwards, truncateGradient: 2) { xs, hs, _ in
            (states: [try cell(xs[0], hs[0])], outputs: [])
        }
        let cost = try r.finalStates[0].sum()
        // Hand truncation: iterate in the same order; the state entering the last two
        // iterations is a fresh input whose value equals the true state.
        let order = backwards ? Array((0..<Self.steps).reversed()) : Array(0..<Self.steps)
        var h = h0
        var cut: Expr? = nil
        for (i, t) in order.enumerated() {
            if i == Self.steps - 2 { cut = Expr.input("cut", dtype: .float64, shape: [Self.batch, Self.units]); h = cut! }
            h = try cell(x.subtensor([.index(t)]), h)
        }
        let handCost = try h.sum()
        let prefix = try scan(sequences: [backwards ? x.subtensor([.range(2, nil)]) : x.subtensor([.range(nil, 2)])],
                              initialStates: [h0], goBackwards: backwards) { xs, hs, _ in
            (states: [try cell(xs[0], hs[0])], outputs: [])
        }
        let params: [Expr] = [W, U, b, x, h0]
        let scanGrads = try function(inputs: [x, h0], outputs: try grad(cost, wrt: params))(v[0], v[1])
        let cutValue = try function(inputs: [x, h0], outputs: [prefix.finalStates[0]])(v[0], v[1])[0]
        let handGrads = try function(inputs: [x, h0, cut!], outputs: try grad(handCost, wrt: params, disconnected: .zero))(v[0], v[1], cutValue)
        for (k, name) in ["W", "U", "b", "x", "h0"].enumerated() {
            expectClose(scanGrads[k].doubles, handGrads[k].doubles, absolute: 1e-12, relative: 1e-9, "\(name)")
        }
        // The gradient did not reach the initial state or the early inputs.
        #expect(scanGrads[4].doubles.allSatisfy { $0 == 0 })
    }
}

