import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// Each loop rewrite, seen in the compiled program through the compile trace
/// (``Function/compileTrace``): what it adds and removes, outside the loop and
/// in the loop body, and that switching it off keeps the values.
@Suite struct LoopRewriteTests {
    let steps = 5, inputs = 4, units = 16

    /// h_t = tanh(x_t·W + h_{t−1}·U + b) over float32 `batch` rows; its
    /// stacked states (or only the last), and, with `training`, the loss Σ h_T² and its gradients.
    func rnn(batch: Int, training: Bool = false, lastOnly: Bool = false, options: CompileOptions = .default) throws -> (Function, [NDArray]) {
        var rng = RandomGenerator(seed: 3)
        let xv = rng.normal(shape: [steps, batch, inputs]), h0v = rng.normal(shape: [batch, units])
        let W = Shared(rng.normal(shape: [inputs, units], std: 0.4), name: "W")
        let U = Shared(rng.normal(shape: [units, units], std: 0.3), name: "U"), b = Shared(rng.normal(shape: [units]), name: "b")
        let x = Expr.input("x", shape: [steps, batch, inputs]), h0 = Expr.input("h0", shape: [batch, units])
        let result = try scan(sequences: [x], initialStates: [h0]) { xs, hs, _ in
            (states: [try (xs[0].dot(W) + hs[0].dot(U) + b).tanh()], outputs: [])
        }
        var outputs = [lastOnly ? result.finalStates[0] : result.states[0]]
        if training {
            let loss = try result.finalStates[0].square().sum()
            outputs = [loss] + (try grad(loss, wrt: [W, U, b, h0]))
        }
        return (try function(inputs: [x, h0], outputs: outputs, options: options), [xv, h0v])
    }



    @Test func loopBodiesAreCompiledWithTheFunction() throws {
        let (f, feed) = try rnn(batch: 3)
        let compile = try traceEntry(f, "compileLoopBodies")
        #expect(compile.loopBodies.count == 1)
        // The body's own trace lists every pass, and its plan exists before the first call.
        #expect(compile.loopBodies[0].entries.map(\.pass) == CompilePipeline.passes.map(\.name))
        #expect(f.loopBodySteps.count == 1 && !f.loopBodySteps[0].isEmpty, "\(f.loopBodySteps)")
        #expect("\(f.compileTrace)".contains("loop body 1:"), "\(f.compileTrace)")
        // A training step has two loops: the forward one (merged with the gradient's) and the backward one.
        let (g, _) = try rnn(batch: 3, training: true)
        #expect(try traceEntry(g, "compileLoopBodies").loopBodies.count == 2, "\(g.compileTrace)")
        _ = try f.call(feed)
    }

    @Test func hoistLoopInputsMovesTheInputProjectionOutOfTheLoop() throws {
        // 3 rows per step are too few for packed products: x_t·W becomes one product X·W before the loop.
        let (f, feed) = try rnn(batch: 3)
        let hoist = try traceEntry(f, "hoistLoopInputs")
        #expect(hoist.changes["dot"] == 1, "\(f.compileTrace)")
        let body = try traceEntry(f, "compileLoopBodies").loopBodies[0]
        // tanh((x_t·W + h·U) + b): dot, dot, add, add, tanh = 5 applications; hoisting leaves 4 (no x_t·W).
        #expect(body.entries.first?.nodesBefore == 4, "\(body)")
        let (off, _) = try rnn(batch: 3, options: try CompileOptions().switchingOff(["hoistLoopInputs"]))
        #expect(try traceEntry(off, "hoistLoopInputs").ran == false)
        #expect(try traceEntry(off, "compileLoopBodies").loopBodies[0].entries.first?.nodesBefore == 5)
        try expectSameOutputs(f, off, feed: feed, absolute: 1e-5, relative: 1e-5, "hoistLoopInputs off")
        // 16 rows: the product stays in the loop for weight packing, unless packing is off.
        #expect(try traceEntry(rnn(batch: 16).0, "hoistLoopInputs").changedGraph == false)
        var unpacked = CompileOptions()
        unpacked.packLoopWeights = false
        #expect(try traceEntry(rnn(batch: 16, options: unpacked).0, "hoistLoopInputs").changes["dot"] == 1)
    }

    @Test func packLoopWeightsPacksEachInvariantMatrixOnceBeforeTheLoop() throws {
        let (f, feed) = try rnn(batch: 16)
        #expect(try traceEntry(f, "packLoopWeights").changes == ["pack": 2], "\(f.compileTrace)") // W and U
        let body = try traceEntry(f, "compileLoopBodies").loopBodies[0]
        #expect(body.entries.allSatisfy { $0.changes["dot"] == nil }, "\(body)") // no dot left in the body to rewrite
        #expect(f.loopBodySteps[0].filter { $0.hasPrefix("packed_dot") }.count == 2, "\(f.loopBodySteps)")
        let (off, _) = try rnn(batch: 16, options: try CompileOptions().switchingOff(["packLoopWeights"]))
        #expect(!off.steps.contains { $0.hasPrefix("pack") }, "\(off.steps)")
        try expectSameOutputs(f, off, feed: feed, absolute: 1e-5, relative: 1e-5, "packLoopWeights off")
    }

    @Test func saveLoopMemoryKeepsOnlyTheLastStep() throws {
        let (f, feed) = try rnn(batch: 3, lastOnly: true)
        #expect(try traceEntry(f, "saveLoopMemory").changes == ["subtensor": -1], "\(f.compileTrace)") // h[-1] dropped
        #expect(f.steps.contains { $0.contains("keep [\"last\"]") }, "\(f.steps)")
        let (off, _) = try rnn(batch: 3, lastOnly: true, options: try CompileOptions().switchingOff(["saveLoopMemory"]))
        #expect(!off.steps.contains { $0.contains("keep") }, "\(off.steps)")
        try expectSameOutputs(f, off, feed: feed, absolute: 1e-5, relative: 1e-5, "saveLoopMemory off")
    }

    @Test func windowPackedProductsSplitsTheGateProductInTheLoopBody() throws {
        // Gates of 16 units, sliced out of one packed product: the 3 slices become 3 windowed products.
        var rng = RandomGenerator(seed: 9)
        let h = 16, batch = 16
        let xv = rng.normal(shape: [steps, batch, inputs])
        let W = Shared(rng.normal(shape: [inputs, 3 * h], std: 0.4), name: "W")
        let U = Shared(rng.normal(shape: [h, 3 * h], std: 0.3), name: "U")
        let x = Expr.input("x", shape: [steps, batch, inputs])
        let zeros = Expr.constant(NDArray(zeros: [batch, h]))
        let result = try scan(sequences: [x], initialStates: [zeros, zeros]) { xs, s, _ in
            let gates = try xs[0].dot(W) + s[1].dot(U)
            func gate(_ k: Int) throws -> Expr { try gates.subtensor([.all, .range(k * h, (k + 1) * h)]) }
            let c = try gate(0).sigmoid() * s[0] + gate(1).tanh()
            return (states: [c, try gate(2).sigmoid() * c.tanh()], outputs: [])
        }
        func compiled(_ options: CompileOptions) throws -> Function {
            try function(inputs: [x], outputs: [result.finalStates[1]], options: options)
        }
        let f = try compiled(.default)
        let body = try traceEntry(f, "compileLoopBodies").loopBodies[0]
        // gemm first folds x_t·W + h·U into packed products that add a row; the window
        // pass then replaces 3 slices of one such product (the other feeds them) by 3 windows.
        let window = try #require(body[pass: "windowPackedProducts"])
        #expect(window.changes["subtensor"] == -3, "\(body)")
        #expect(f.loopBodySteps[0].contains("packed_dot{48, [16:32]}") || f.loopBodySteps[0].contains { $0.hasPrefix("packed_dot{48, [16:32]") },
                "\(f.loopBodySteps)")
        let off = try compiled(try CompileOptions().switchingOff(["windowPackedProducts"]))
        #expect(try #require(traceEntry(off, "compileLoopBodies").loopBodies[0][pass: "windowPackedProducts"]).ran == false)
        #expect(off.loopBodySteps[0].filter { $0.hasPrefix("subtensor") }.count == 3, "\(off.loopBodySteps)")
        try expectSameOutputs(f, off, feed: [xv], absolute: 1e-5, relative: 1e-5, "windowPackedProducts off")
    }
}
