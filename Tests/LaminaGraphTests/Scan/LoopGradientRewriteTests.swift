import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// The loop rewrites that make backpropagation through time fast, each seen
/// in the compiled program, and switched off by name without changing the
/// values (float64, to 1e-12).
@Suite struct LoopGradientRewriteTests {
    let steps = 4, batch = 3, inputs = 2, units = 4

    /// A float64 gated loop (three gates of `units` sliced out of one
    /// product), c_t = σ(g₀)·c_{t−1} + tanh(g₁), h_t = σ(g₂)·tanh(c_t) with
    /// g = x_t·W + b + h_{t−1}·U, and the loss Σ h_T² + mean(c): the loss, the
    /// gradients of W, U, b and, with `inputGradient`, of x.
    func gated(inputGradient: Bool = false, off: [String] = []) throws -> (Function, [NDArray]) {
        var rng = RandomGenerator(seed: 5)
        let xv = rng.normal(shape: [steps, batch, inputs], dtype: .float64)
        let W = Shared(rng.normal(shape: [inputs, 3 * units], std: 0.5, dtype: .float64), name: "W")
        let U = Shared(rng.normal(shape: [units, 3 * units], std: 0.5, dtype: .float64), name: "U")
        let b = Shared(rng.normal(shape: [3 * units], dtype: .float64), name: "b")
        let x = Expr.input("x", dtype: .float64, shape: [steps, batch, inputs])
        let zeros = Expr.constant(NDArray(zeros: [batch, units], dtype: .float64))
        let result = try scan(sequences: [x], initialStates: [zeros, zeros]) { xs, s, _ in
            let gates = try xs[0].dot(W) + b + s[1].dot(U)
            func gate(_ k: Int) throws -> Expr { try gates.subtensor([.all, .range(k * units, (k + 1) * units)]) }
            let c = try gate(0).sigmoid() * s[0] + gate(1).tanh()
            return (states: [c, try gate(2).sigmoid() * c.tanh()], outputs: [])
        }
        let loss = try result.finalStates[1].square().sum() + result.states[0].mean()
        let gradients = try grad(loss, wrt: [W, U, b] + (inputGradient ? [x] : []))
        let f = try function(inputs: [x], outputs: [loss] + gradients, options: try CompileOptions().switchingOff(off))
        return (f, [xv])
    }

    /// The forward loop's (`reverse: false`) or the backward loop's compiled step: its counts of sequences, states and extra outputs.
    func loopShape(_ f: Function, reverse: Bool) throws -> (sequences: Int, states: Int, extras: Int) {
        let step = try #require(f.steps.first { $0.hasPrefix("scan{") && $0.contains(", reverse") == reverse }, "\(f.steps)")
        func count(_ label: String) throws -> Int {
            let match = try #require(step.firstMatch(of: try Regex("(\\d+) " + label)), "\(step)")
            return try #require(Int(match.output[1].substring!))
        }
        return (try count("seq"), try count("states"), try count("extra"))
    }



    @Test func mergeLoopsRunsTheForwardPassOnce() throws {
        // Before the pass: the forward loop, the gradient's forward loop with more outputs, the backward loop.
        let (f, feed) = try gated()
        #expect(try traceEntry(f, "mergeLoops").changes["scan"] == -1, "\(f.compileTrace)")
        #expect(f.steps.filter { $0.hasPrefix("scan{") }.count == 2, "\(f.steps)")
        let (off, _) = try gated(off: ["mergeLoops"])
        #expect(try traceEntry(off, "mergeLoops").ran == false)
        #expect(off.steps.filter { $0.hasPrefix("scan{") }.count == 3, "\(off.steps)")
        try expectSameOutputs(f, off, feed: feed, absolute: 1e-12, relative: 1e-12, "mergeLoops off")
    }

    @Test func pushOutLoopSumsTurnsWeightAndBiasGradientsIntoOneOperationAfterTheLoop() throws {
        // ∂W = Σ x_tᵀ·g_t and ∂U = Σ h_{t−1}ᵀ·g_t become 2 products, ∂b = Σ_t Σ_rows g_t one sum;
        // the backward loop keeps only its 2 carries (∂c, ∂h) as states.
        let (f, feed) = try gated()
        let push = try traceEntry(f, "pushOutLoopSums")
        #expect(push.changes["dot"] == 2 && push.changes["sum"] == 1, "\(f.compileTrace)")
        #expect(try loopShape(f, reverse: true).states == 2)
        let (off, _) = try gated(off: ["pushOutLoopSums"])
        #expect(try traceEntry(off, "pushOutLoopSums").ran == false)
        #expect(try loopShape(off, reverse: true).states == 5, "\(off.steps)") // and 3 sums of W, U, b
        try expectSameOutputs(f, off, feed: feed, absolute: 1e-12, relative: 1e-12, "pushOutLoopSums off")
    }

    @Test func pushOutLoopProductsTurnsTheInputGradientIntoOneProductAfterTheLoop() throws {
        // ∂x_t = g_t·Wᵀ becomes one product of the stacked g (which the weight sums stack already).
        let (f, feed) = try gated(inputGradient: true)
        #expect(try traceEntry(f, "pushOutLoopProducts").changes["dot"] == 1, "\(f.compileTrace)")
        let on = try loopShape(f, reverse: true)
        let (off, _) = try gated(inputGradient: true, off: ["pushOutLoopProducts"])
        #expect(try traceEntry(off, "pushOutLoopProducts").ran == false)
        #expect(try loopShape(off, reverse: true).extras == on.extras + 1, "\(f.steps) vs \(off.steps)") // ∂x_t per step
        try expectSameOutputs(f, off, feed: feed, absolute: 1e-12, relative: 1e-12, "pushOutLoopProducts off")
    }

    @Test func mergeLoopSliceGradientsKeepsTheGatePreactivationsOutOfBothLoops() throws {
        // The gate gradients become one concatenation in the backward body, which then reads
        // no zeros shaped like the pre-activations: neither loop carries them.
        let (f, feed) = try gated()
        let (off, _) = try gated(off: ["mergeLoopSliceGradients"])
        #expect(try traceEntry(off, "mergeLoopSliceGradients").ran == false)
        let forwardOn = try loopShape(f, reverse: false), forwardOff = try loopShape(off, reverse: false)
        #expect(forwardOff.extras == forwardOn.extras + 1, "\(f.steps) vs \(off.steps)")
        #expect(try loopShape(off, reverse: true).sequences == loopShape(f, reverse: true).sequences + 1)
        try expectSameOutputs(f, off, feed: feed, absolute: 1e-12, relative: 1e-12, "mergeLoopSliceGradients off")
    }

    @Test func pruneLoopsRemovesUnusedOutputsAndOperands() throws {
        // y_t = x_t·V is an extra output nobody uses, and V is read only by it.
        var rng = RandomGenerator(seed: 8)
        let xv = rng.normal(shape: [steps, batch, inputs], dtype: .float64)
        let U = Shared(rng.normal(shape: [inputs, inputs], std: 0.5, dtype: .float64), name: "U")
        let V = Shared(rng.normal(shape: [inputs, 3], dtype: .float64), name: "V")
        let x = Expr.input("x", dtype: .float64, shape: [steps, batch, inputs])
        let h0 = Expr.constant(NDArray(zeros: [batch, inputs], dtype: .float64))
        let result = try scan(sequences: [x], initialStates: [h0]) { xs, hs, _ in
            (states: [try (xs[0] + hs[0].dot(U)).tanh()], outputs: [try xs[0].dot(V)])
        }
        func compiled(_ off: [String]) throws -> Function {
            try function(inputs: [x], outputs: [result.states[0]], options: try CompileOptions().switchingOff(off))
        }
        let f = try compiled([]), off = try compiled(["pruneLoops"])
        #expect(try loopShape(f, reverse: false) == (1, 1, 0), "\(f.steps)")
        #expect(try loopShape(off, reverse: false).extras == 1, "\(off.steps)")
        #expect(f.loopBodySteps[0].filter { $0.hasPrefix("dot") || $0.hasPrefix("gemm") }.count == 1, "\(f.loopBodySteps)")
        try expectSameOutputs(f, off, feed: [xv], absolute: 1e-12, relative: 1e-12, "pruneLoops off")
    }

    /// Every switch off alone gives the values of every rewrite on, to 1e-12
    /// in float64, on the gated loop's gradients (the float32 version with
    /// updates: ``CompileOptionsEquivalenceTests``).
    @Test(arguments: CompilePipeline.switchNames)
    func eachSwitchOffKeepsTheGradients(name: String) throws {
        let (f, feed) = try gated(inputGradient: true)
        let (off, _) = try gated(inputGradient: true, off: [name])
        try expectSameOutputs(f, off, feed: feed, absolute: 1e-12, relative: 1e-12, "\(name) off")
    }
}
