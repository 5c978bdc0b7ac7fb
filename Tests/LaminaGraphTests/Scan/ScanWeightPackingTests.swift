import Foundation
import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// Weight packing: float32 loops multiply by their invariant matrices through
/// `packed_dot`, with the matrices packed once before the loop.
@Suite struct ScanWeightPackingTests {
    let steps = 6, inputs = 5, units = 20

    let unpacked = try! CompileOptions().switchingOff(["packLoopWeights"])

    func data(batch: Int, dtype: DType = .float32) -> (x: NDArray, h0: NDArray, W: NDArray, U: NDArray, b: NDArray) {
        var rng = RandomGenerator(seed: 11)
        return (rng.normal(shape: [steps, batch, inputs], dtype: dtype), rng.normal(shape: [batch, units], dtype: dtype),
                rng.normal(shape: [inputs, units], std: 0.4, dtype: dtype), rng.normal(shape: [units, units], std: 0.3, dtype: dtype),
                rng.normal(shape: [units], dtype: dtype))
    }

    /// h_t = tanh(x_t·W + h_{t−1}·U + b), all steps, and the loss Σ h_T² with its gradients.
    func rnn(batch: Int, dtype: DType = .float32, options: CompileOptions = .default) throws -> (Function, [NDArray]) {
        let v = data(batch: batch, dtype: dtype)
        let x = Expr.input("x", dtype: dtype, shape: [steps, batch, inputs]), h0 = Expr.input("h0", dtype: dtype, shape: [batch, units])
        let W = Shared(v.W, name: "W"), U = Shared(v.U, name: "U"), b = Shared(v.b, name: "b")
        let result = try scan(sequences: [x], initialStates: [h0]) { xs, hs, _ in
            (states: [try (xs[0].dot(W) + hs[0].dot(U) + b).tanh()], outputs: [])
        }
        let loss = try result.finalStates[0].square().sum()
        let gradients = try grad(loss, wrt: [W, U, b, h0])
        let f = try function(inputs: [x, h0], outputs: [result.states[0], loss] + gradients, options: options)
        return (f, [v.x, v.h0])
    }

    @Test func theLoopMultipliesByPackedWeightsAndMatchesAnExplicitLoop() throws {
        let batch = 17
        let (f, feed) = try rnn(batch: batch)
        #expect(f.steps.contains("pack"), "\(f.steps)")        // U for the forward loop
        #expect(f.steps.contains("pack{T}"), "\(f.steps)")     // Uᵀ for the backward loop
        #expect(f.loopBodySteps.allSatisfy { $0.contains { $0.hasPrefix("packed_dot") } }, "\(f.loopBodySteps)")
        #expect(!f.loopBodySteps.joined().contains { $0.hasPrefix("gemm") || $0.hasPrefix("dot") })
        let out = try f(feed[0], feed[1])
        let v = data(batch: batch)
        let expected = referenceRNN(x: v.x.doubles, h0: v.h0.doubles, W: v.W.doubles, U: v.U.doubles, b: v.b.doubles,
                                    steps: steps, batch: batch, inputs: inputs, units: units)
        expectClose(out[0], expected.flatMap { $0 }, shape: [steps, batch, units], absolute: 2e-5, relative: 2e-5)
    }

    @Test func valuesAndGradientsAgreeWithBLASProducts() throws {
        for batch in [3, 17, 40] {
            let (packed, feed) = try rnn(batch: batch)
            let (plain, _) = try rnn(batch: batch, options: unpacked)
            #expect(!plain.steps.contains { $0.hasPrefix("pack") })
            let a = try packed(feed[0], feed[1]), p = try plain(feed[0], feed[1])
            for k in a.indices {
                expectClose(a[k].doubles, p[k].doubles, absolute: 1e-4, relative: 1e-4, "batch \(batch), output \(k)")
            }
        }
    }

    @Test func fewRowsKeepTheInputProjectionHoisted() throws {
        // 3 rows per step: x·W runs once over all steps before the loop; U is still packed.
        let (f, _) = try rnn(batch: 3)
        #expect(f.steps.contains { $0.hasPrefix("dot") || $0.hasPrefix("gemm") }, "\(f.steps)")
        #expect(f.loopBodySteps[0].filter { $0.hasPrefix("packed_dot") }.count == 1, "\(f.loopBodySteps)")
        // 17 rows: both products stay in the loop, against packed W and U.
        let (g, _) = try rnn(batch: 17)
        #expect(g.loopBodySteps[0].filter { $0.hasPrefix("packed_dot") }.count == 2, "\(g.loopBodySteps)")
    }

    /// An LSTM-style loop whose gate pre-activations are used only through
    /// column slices (three gates of `h` units): its input, last output,
    /// parameters (W, U, b) and input value.
    /// With `batchKnown` false, the graph leaves the batch size unknown (as
    /// layers do), initial states included.
    func gatedLoopGraph(h: Int, batch: Int, batchKnown: Bool = true) throws -> (x: Expr, last: Expr, parameters: [Shared], xv: NDArray) {
        var rng = RandomGenerator(seed: 5)
        let xv = rng.normal(shape: [steps, batch, inputs])
        let W = Shared(rng.normal(shape: [inputs, 3 * h], std: 0.4), name: "W")
        let U = Shared(rng.normal(shape: [h, 3 * h], std: 0.3), name: "U"), b = Shared(rng.normal(shape: [3 * h]), name: "b")
        let x = Expr.input("x", shape: [steps, batchKnown ? batch : nil, inputs])
        let zeros = batchKnown ? Expr.constant(NDArray(zeros: [batch, h]))
            : try x.subtensor([.index(0)]).dot(Expr.constant(NDArray(zeros: [inputs, h])))
        let result = try scan(sequences: [x], initialStates: [zeros, zeros]) { xs, s, _ in
            (states: try GatedLoopFixture.step(gates: try xs[0].dot(W) + b + s[1].dot(U), states: s, units: h), outputs: [])
        }
        return (x, result.finalStates[1], [W, U, b], xv)
    }

    /// ``gatedLoopGraph(h:batch:)``'s last output, compiled with `options`.
    func gatedLoop(h: Int, batch: Int, options: CompileOptions) throws -> (Function, NDArray) {
        let g = try gatedLoopGraph(h: h, batch: batch)
        return (try function(inputs: [g.x], outputs: [g.last], options: options), g.xv)
    }

    @Test func gateSlicesBecomeProductsOfTheirColumnWindows() throws {
        let (windowed, xv) = try gatedLoop(h: 16, batch: 18, options: .default)
        let (plain, _) = try gatedLoop(h: 16, batch: 18, options: unpacked)
        let body = windowed.loopBodySteps[0]
        #expect(body.contains("packed_dot{48, [0:16]}") && body.contains("packed_dot{48, [16:32]}") && body.contains("packed_dot{48, [32:48]}"), "\(body)")
        #expect(!body.contains { $0.hasPrefix("subtensor") }, "\(body)")
        expectClose(try windowed(xv)[0].doubles, try plain(xv)[0].doubles, absolute: 1e-5, relative: 1e-5)
        // Gates of 10 units do not start at panels (multiples of 16): the whole product is kept and sliced.
        let (unaligned, xs) = try gatedLoop(h: 10, batch: 18, options: .default)
        let (unalignedPlain, _) = try gatedLoop(h: 10, batch: 18, options: unpacked)
        #expect(unaligned.loopBodySteps[0].filter { $0.hasPrefix("subtensor") }.count == 3, "\(unaligned.loopBodySteps)")
        expectClose(try unaligned(xs)[0].doubles, try unalignedPlain(xs)[0].doubles, absolute: 1e-5, relative: 1e-5)
    }

    /// The gradient of a gate slice starts from zeros of the pre-activations'
    /// shape; with a known shape those are a constant, so the forward loop of a
    /// training step does not stack the pre-activations (only the activations
    /// the backward step reads) and keeps its column windows.
    @Test(arguments: [true, false])
    func trainingKeepsColumnWindowsAndStacksNoPreActivations(batchKnown: Bool) throws {
        func training(options: CompileOptions) throws -> (Function, NDArray) {
            let g = try gatedLoopGraph(h: 16, batch: 18, batchKnown: batchKnown)
            let loss = try g.last.square().sum()
            return (try function(inputs: [g.x], outputs: [loss] + grad(loss, wrt: g.parameters), options: options), g.xv)
        }
        let (f, xv) = try training(options: .default)
        let (plain, _) = try training(options: unpacked)
        let forwardBody = f.loopBodySteps[0]
        // With an unknown batch the input projection is hoisted, then fused back as [x_t, h]·[W; U] + b (a row).
        let suffix = batchKnown ? "}" : ", row}"
        #expect(forwardBody.contains("packed_dot{48, [0:16]" + suffix) && forwardBody.contains("packed_dot{48, [32:48]" + suffix),
                "\(forwardBody)")
        #expect(!forwardBody.contains { $0.hasPrefix("subtensor") }, "\(forwardBody)")
        let forwardLoops = f.programDescription.split(separator: "\n").filter { $0.contains("scan{") && !$0.contains("reverse") }
        #expect(!forwardLoops.isEmpty && !forwardLoops.contains { $0.contains("48)") }, "\(forwardLoops)")
        let a = try f(xv), p = try plain(xv)
        for k in a.indices { expectClose(a[k].doubles, p[k].doubles, absolute: 1e-4, relative: 1e-4, "output \(k)") }
    }

    @Test func deepInputProjectionsStayHoisted() throws {
        // 300 inputs per step (more than 256): x·W runs once over all steps; only U is packed.
        let (batch, depth) = (17, 300)
        var rng = RandomGenerator(seed: 4)
        let x = Expr.input("x", shape: [steps, batch, depth]), h0 = Expr.input("h0", shape: [batch, units])
        let W = Shared(rng.normal(shape: [depth, units], std: 0.05), name: "W"), U = Shared(rng.normal(shape: [units, units], std: 0.3), name: "U")
        let result = try scan(sequences: [x], initialStates: [h0]) { xs, hs, _ in
            (states: [try (xs[0].dot(W) + hs[0].dot(U)).tanh()], outputs: [])
        }
        let f = try function(inputs: [x, h0], outputs: [result.finalStates[0]])
        #expect(f.steps.contains { $0.hasPrefix("dot") || $0.hasPrefix("gemm") }, "\(f.steps)")
        #expect(f.loopBodySteps[0].filter { $0.hasPrefix("packed_dot") }.count == 1, "\(f.loopBodySteps)")
        let xv = rng.normal(shape: [steps, batch, depth]), hv = rng.normal(shape: [batch, units])
        let plain = try function(inputs: [x, h0], outputs: [result.finalStates[0]], options: unpacked)
        expectClose(try f(xv, hv)[0].doubles, try plain(xv, hv)[0].doubles, absolute: 1e-5, relative: 1e-5)
    }

    @Test func float64LoopsUseBLAS() throws {
        let (f, _) = try rnn(batch: 17, dtype: .float64)
        #expect(!f.steps.contains { $0.hasPrefix("pack") }, "\(f.steps)")
    }

    @Test func packedOpsCheckTheirOperandsAndHaveNoGradient() throws {
        let m = Expr.input("m", shape: [4, 5]), m64 = Expr.input("m", dtype: .float64, shape: [4, 5])
        #expect(throws: GraphError.self) { try Expr.apply(PackMatrixOp(transposed: false), [m64]) }
        let packed = try Expr.apply(PackMatrixOp(transposed: false), [m])
        #expect(packed.shape == [1, 4, 16])
        #expect(try Expr.apply(PackMatrixOp(transposed: true), [m]).shape == [1, 5, 16])
        let a = Expr.input("a", shape: [3, 4])
        let product = try Expr.apply(PackedMatmulOp(columns: 5), [a, packed])
        #expect(product.shape == [3, 5])
        // inner sizes differ; an addend that is neither the result's shape nor a row
        #expect(throws: GraphError.self) { try Expr.apply(PackedMatmulOp(columns: 5), [Expr.input("a", shape: [3, 7]), packed]) }
        #expect(throws: GraphError.self) { try Expr.apply(PackedMatmulOp(columns: 5), [a, packed, Expr.input("d", shape: [3, 1])]) }
        #expect(throws: GraphError.self) { try Expr.apply(PackedMatmulOp(columns: 5), [a, packed, Expr.input("d", shape: [1, 5])]) }
        #expect(throws: GraphError.self) { try Expr.apply(PackedMatmulOp(columns: 5, addsRow: true), [a, packed, Expr.input("d", shape: [3, 5])]) }
        #expect(try Expr.apply(PackedMatmulOp(columns: 5, addsRow: true), [a, packed, Expr.input("d", shape: [1, 5])]).shape == [3, 5])
        #expect(try Expr.apply(PackedMatmulOp(columns: 5), [a, packed, Expr.input("d", shape: [3, 5])]).shape == [3, 5])
        #expect(throws: GraphError.self) { try grad(product.sum(), wrt: [a]) }
        // and the value, against the plain product plus a bias row
        let bias = Expr.input("d", shape: [5])
        let f = try function(inputs: [a, m, bias], outputs: [try Expr.apply(PackedMatmulOp(columns: 5, addsRow: true), [a, packed, bias]), try a.dot(m) + bias])
        var rng = RandomGenerator(seed: 2)
        let r = try f(rng.normal(shape: [3, 4]), rng.normal(shape: [4, 5]), rng.normal(shape: [5]))
        expectClose(r[0].doubles, r[1].doubles, absolute: 1e-5, relative: 1e-5)
    }

    /// Theano's broadcasting rule holds through the rewrite: an addend declared
    /// with an unknown first axis that turns out to be 1 does not broadcast.
    @Test func aFullAddendDoesNotBroadcastAtRunTime() throws {
        let batch = 17
        let x = Expr.input("x", shape: [steps, batch, inputs]), h0 = Expr.input("h0", shape: [batch, units])
        let extra = Expr.input("extra", shape: [nil, units])
        let v = data(batch: batch)
        let W = Shared(v.W, name: "W"), U = Shared(v.U, name: "U")
        let result = try scan(sequences: [x], initialStates: [h0], nonSequences: [extra]) { xs, hs, ns in
            (states: [try (hs[0].dot(U) + ns[0] + xs[0].dot(W)).tanh()], outputs: [])
        }
        let f = try function(inputs: [x, h0, extra], outputs: [result.finalStates[0]])
        #expect(f.loopBodySteps[0].contains { $0.hasPrefix("packed_dot") }, "\(f.loopBodySteps)")
        _ = try f(v.x, v.h0, NDArray(zeros: [batch, units]))
        #expect(throws: GraphError.self) { try f(v.x, v.h0, NDArray(zeros: [1, units])) }
    }
}
