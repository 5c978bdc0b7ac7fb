import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// Every rewrite preserves values: two graphs that exercise all of them (a
/// dense step, and a gated recurrent loop with its gradient) give the same
/// results with every pass on, all off, and each one off alone.
@Suite struct CompileOptionsEquivalenceTests {
    struct Configuration: Sendable, CustomTestStringConvertible {
        let name: String
        let options: CompileOptions
        var testDescription: String { name }
    }

    /// Every pass on, every pass off, and each pass (or buffer reuse) off alone.
    static let configurations: [Configuration] = {
        var list = [Configuration(name: "default", options: .default), Configuration(name: "none", options: .none)]
        for name in CompilePipeline.switchNames {
            list.append(Configuration(name: "default without \(name)", options: try! CompileOptions().switchingOff([name])))
        }
        return list
    }()

    /// A small network step: transposed input, dot + bias, fused activations,
    /// duplicated subexpressions, constant subexpressions, softmax cross-entropy
    /// and ln(1 + x), with a parameter update.
    static func build() throws -> (inputs: [Expr], outputs: [Expr], updates: [(Shared, Expr)], shared: [Shared]) {
        let xt = Expr.input("xt", dtype: .float64, shape: [3, nil])
        let labels = Expr.input("labels", dtype: .int32, shape: [nil])
        let w = Shared(Feed.f64([0.1, -0.2, 0.3, 0.4, 0.5, -0.6, 0.7, -0.8, 0.9, 1.0, -1.1, 1.2], [3, 4]), name: "W")
        let b = Shared(Feed.f64([0.01, -0.02, 0.03, -0.04]), name: "b")
        let scale = try Expr.scalar(1.5, dtype: .float64) * Expr.scalar(2, dtype: .float64) // folds to 3
        let z = try xt.transposed().dot(w) + b
        let h = try (z * scale).tanh() + z.tanh()
        let loss = try h.softmax().categoricalCrossEntropy(labels).mean()
        let extra = try (h.square() + 1).log().sum(axes: [1]) + (h.square() + 1).log().sum(axes: [1])
        let g = try grad(loss, wrt: [w])[0]
        return ([xt, labels], [loss, h, extra], [(w, try w - g * 0.5)], [w, b])
    }

    static let xtValue = Feed.f64([0.5, -1, 2, 0, 1.5, 0.25, -0.75, 1, -2, 0.3, 0.6, -0.9], [3, 4])
    static let labelsValue = Feed.i32([0, 3, 1, 2])

    /// Results (outputs, then the updated W) under `options`.
    static func results(_ options: CompileOptions) throws -> (steps: [String], values: [[Double]]) {
        let (inputs, outputs, updates, shared) = try build()
        let f = try function(inputs: inputs, outputs: outputs, updates: updates, options: options)
        var values: [[Double]] = []
        // Two calls: the second runs with the updated W and reused buffers.
        for _ in 0..<2 {
            values += try f(xtValue, labelsValue).map(\.doubles)
            values.append(shared[0].value.doubles)
        }
        return (f.steps, values)
    }

    @Test(arguments: configurations)
    func sameValuesAsEveryRewriteOn(configuration: Configuration) throws {
        let reference = try Self.results(.default)
        let candidate = try Self.results(configuration.options)
        #expect(candidate.values.count == reference.values.count)
        for (a, e) in zip(candidate.values, reference.values) {
            expectClose(a, e, absolute: 1e-14, relative: 1e-12, Comment(rawValue: configuration.name))
        }
    }

    /// An LSTM-like float32 loop (gates of 16 units sliced out of one product,
    /// 8 rows per step) trained one step by gradient descent: loop merging,
    /// hoisting, packing, windows, slice gradients, joins in place and saving
    /// loop memory all apply.
    static func loopResults(_ options: CompileOptions) throws -> (trace: CompileTrace, values: [[Double]]) {
        var rng = RandomGenerator(seed: 21)
        let (steps, batch, inputs, h) = (4, 8, 3, 16)
        let xv = rng.normal(shape: [steps, batch, inputs])
        let W = Shared(rng.normal(shape: [inputs, 3 * h], std: 0.4), name: "W")
        let U = Shared(rng.normal(shape: [h, 3 * h], std: 0.3), name: "U"), b = Shared(rng.normal(shape: [3 * h]), name: "b")
        let x = Expr.input("x", shape: [steps, batch, inputs])
        let zeros = Expr.constant(NDArray(zeros: [batch, h]))
        let result = try scan(sequences: [x], initialStates: [zeros, zeros]) { xs, s, _ in
            (states: try GatedLoopFixture.step(gates: try xs[0].dot(W) + b + s[1].dot(U), states: s, units: h), outputs: [])
        }
        let loss = try result.finalStates[1].square().sum() + result.states[0].mean()
        let (f, values) = try GatedLoopFixture.trainTwice(loss: loss, outputs: [result.states[1]], parameters: [W, U, b],
                                                          input: x, value: xv, options: options)
        return (f.compileTrace, values)
    }

    @Test(arguments: configurations)
    func loopsGiveTheSameValuesAsEveryRewriteOn(configuration: Configuration) throws {
        let reference = try Self.loopResults(.default)
        let candidate = try Self.loopResults(configuration.options)
        #expect(candidate.values.count == reference.values.count)
        for (a, e) in zip(candidate.values, reference.values) {
            expectClose(a, e, absolute: 2e-5, relative: 2e-5, Comment(rawValue: configuration.name))
        }
        // The switched-off pass did not run, in the function or in a loop body.
        for name in configuration.options.switchedOff where name != "reuseBuffers" {
            #expect(candidate.trace[pass: name]?.ran == false)
            #expect(candidate.trace[pass: "compileLoopBodies"]!.loopBodies.allSatisfy { $0[pass: name]?.ran == false })
        }
    }

    @Test func everyLoopRewriteChangesTheLoopGraph() throws {
        let trace = try Self.loopResults(.default).trace
        let bodies = trace[pass: "compileLoopBodies"]!.loopBodies
        #expect(bodies.count == 2, "\(trace)")
        func changed(_ name: String, in trace: CompileTrace) -> Bool {
            trace[pass: name]!.changedGraph || trace[pass: "compileLoopBodies"]!.loopBodies.contains { $0[pass: name]!.changedGraph }
        }
        for name in ["mergeLoops", "pushOutLoopSums", "hoistLoopInputs", "packLoopWeights", "fuseLoopInputProjections",
                     "concatenateSlicesInPlace", "fuseElementwise"] {
            #expect(changed(name, in: trace), "\(name): \(trace)")
        }
        #expect(bodies.contains { $0[pass: "windowPackedProducts"]!.changedGraph }, "\(trace)")
        // The hoisted input projection (8 rows per step) goes back into the recurrent product already
        // starting from b; without that, the gemm pass folds the two products' addends.
        var unfused = CompileOptions()
        unfused.fuseLoopInputProjections = false
        #expect(changed("gemm", in: try Self.loopResults(unfused).trace))
    }

    @Test func theRewritesDoChangeTheProgram() throws {
        let on = try Self.results(.default).steps
        let off = try Self.results(.none).steps
        #expect(on.count < off.count, "\(on) vs \(off)")
        #expect(on.contains { $0.hasPrefix("gemm{TN}") }, "\(on)")
        #expect(on.contains("log_softmax"))
        #expect(on.contains { $0.hasPrefix("fused") })
        #expect(!off.contains { $0.hasPrefix("fused") || $0.hasPrefix("gemm") })
        #expect(off.contains("softmax"))
    }

    @Test func theLossHasTheExpectedValue() throws {
        // numpy, float64:
        //   z = xt.T @ W + b; h = tanh(3z) + tanh(z)
        //   p = softmax(h); loss = -log(p[range(4), labels]).mean()
        let first = try Self.results(.default).values[0]
        expectClose(first, [1.9786525647208009], absolute: 1e-12, relative: 1e-13)
    }
}
