import Foundation
import Lamina
import LaminaGraph
import LaminaTensor
import Testing

// Every Swift example of README.md and of the Lamina and LaminaGraph DocC articles, copied line for line
// (DocumentationSyncTests checks that the copies match), then run and checked.

/// Sources/Lamina/Lamina.docc/WritingALayer.md, "The layer".
final class SwishLayer: Layer, @unchecked Sendable {
    let beta: Expr

    init(incoming: Layer, beta: any ParameterSource = Constant(1), name: String? = nil) throws {
        let shape = try incoming.outputShape, label = name ?? "SwishLayer"
        guard shape.count == 2, let units = shape[1] else {
            throw LaminaError.invalidLayer(layer: label, detail: "needs (batch, units) inputs, got \(formatShapeSpec(shape))")
        }
        var made = ParameterBuilder(prefix: name, label: label)
        self.beta = try made.add(beta, shape: [units], name: "beta", role: Role.parameter, tags: [.trainable])
        try super.init(incoming: incoming, name: name)
        registerParameters(made)
    }

    override func output(for inputs: [Expr], deterministic: Bool) throws -> Expr {
        let x = inputs[0]
        return try x * (x * beta.dimshuffle([nil, 0])).sigmoid()
    }
}

@Suite struct DocumentationExampleTests {
    /// README.md, "A first graph".
    @Test func readmeFirstGraph() throws {
        let x = Expr.input("x", shape: [nil, 2])                 // batch of 2-vectors
        let W = Shared(NDArray([0.5, -1, 1, 0.25] as [Float], shape: [2, 2]), name: "W")
        let b = Shared(NDArray([0, 0] as [Float]), name: "b")
        let y = try (x.dot(W) + b).tanh()                         // a plain expression
        let cost = try y.square().mean()
        let g = try grad(cost, wrt: [W, b])                       // expressions too
        let step = try function(inputs: [x], outputs: [cost],
                                updates: [(W, try W - g[0] * 0.1), (b, try b - g[1] * 0.1)])
        let loss = try step(NDArray([1, 2, 3, 4] as [Float], shape: [2, 2]))[0]
        print(loss, step.steps)                                   // ["gemm{NN}", "fused{...}", ...]
        // numpy: x = [[1,2],[3,4]]; W = [[.5,-1],[1,.25]]; (np.tanh(x @ W)**2).mean() = 0.7790606027315262
        #expect(abs(loss.scalarValue - 0.7790606027315262) < 1e-6)
        #expect(step.steps.contains { $0.hasPrefix("gemm") })
    }

    /// README.md, the layers example after "A first graph".
    @Test func readmeLayers() throws {
        let input = try InputLayer(shape: [nil, 64], name: "pixels")
        let hidden = try DenseLayer(incoming: input, units: 128, name: "hidden")     // hidden.W, hidden.b
        let output = try DenseLayer(incoming: hidden, units: 10, nonlinearity: .softmax, name: "output")
        let labels = Expr.input("labels", dtype: .int32, shape: [nil])
        let outs = try Lamina.output(of: [hidden, output])                           // one shared graph
        let loss = try aggregate(categoricalCrossEntropy(outs[1], labels))
        let params = allParams(of: output, tags: [.trainable])                      // breadth first from the output
        let train = try function(inputs: [input.inputVar, labels], outputs: [loss, outs[0]],
                                 updates: adam(.loss(loss), params: params))
        try saveParams(of: [output], to: NSTemporaryDirectory() + "digits.npz")     // numpy.load reads it
        // Breadth first from the output: output.W, output.b, then hidden.W, hidden.b.
        #expect(params.map { $0.name ?? "" } == ["output.W", "output.b", "hidden.W", "hidden.b"])
        let result = try train(NDArray([Float](repeating: 0, count: 2 * 64), shape: [2, 64]), NDArray([3, 4] as [Int32], shape: [2]))
        // Zero pixels give logits equal to output.b = 0, so the softmax is uniform: loss ln 10 = 2.302585.
        #expect(abs(result[0].scalarValue - log(10)) < 1e-5)
        #expect(result[1].shape == [2, 128])
    }

    /// Sources/Lamina/Lamina.docc/GettingStarted.md, "A network that learns XOR".
    @Test func gettingStarted() throws {
        let (input, network) = try LayerDefaults.using(seed: 7) {
            let input = try InputLayer(shape: [nil, 2], name: "x")
            let hidden = try DenseLayer(incoming: input, units: 8, nonlinearity: .tanh, name: "hidden")
            return (input, try DenseLayer(incoming: hidden, units: 1, nonlinearity: .sigmoid, name: "output"))
        }
        let targets = Expr.input("targets", shape: [nil, 1])
        let loss = try aggregate(binaryCrossEntropy(output(of: network), targets))
        let step = try function(inputs: [input.inputVar, targets], outputs: [loss],
                                updates: adam(.loss(loss), params: allParams(of: network, tags: [.trainable]), learningRate: 0.05))
        let x = NDArray([0, 0, 0, 1, 1, 0, 1, 1] as [Float], shape: [4, 2])
        let t = NDArray([0, 1, 1, 0] as [Float], shape: [4, 1])
        let first = try step(x, t)[0].scalarValue
        for _ in 0..<300 { _ = try step(x, t) }
        let last = try step(x, t)[0].scalarValue
        print(first, last)                                 // the loss falls from about 0.7
        // Chance level for balanced binary targets is ln 2 = 0.693; XOR is learnable by 8 tanh units.
        #expect(abs(first - log(2)) < 0.15)
        #expect(last < 0.1)
    }

    /// Sources/Lamina/Lamina.docc/WritingALayer.md, "Using it".
    @Test func writingALayer() throws {
        let input = try InputLayer(shape: [nil, 3], name: "x")
        let swish = try SwishLayer(incoming: input, name: "swish")
        let f = try function(inputs: [input.inputVar], outputs: [output(of: swish)])
        let y = try f(NDArray([1, 0, -1] as [Float], shape: [1, 3]))[0]
        print(y, allParams(of: swish).map { $0.name ?? "?" })   // [0.731, 0, -0.269] ["swish.beta"]
        // x·σ(x) with β = 1: 1/(1+e^-1) = 0.7310585786, 0, -1/(1+e) = -0.2689414214.
        let values = y.doubles
        #expect(abs(values[0] - 0.7310585786) < 1e-6 && values[1] == 0 && abs(values[2] + 0.2689414214) < 1e-6)
        #expect(allParams(of: swish).map { $0.name ?? "?" } == ["swish.beta"])
    }

    /// Sources/Lamina/Lamina.docc/RecurrentLayersAndTaps.md, "Taps".
    @Test func recurrentTaps() throws {
        let input = try InputLayer(shape: [nil, 5, 3], name: "sequence")
        let lstm = try LSTMLayer(incoming: input, units: 4, name: "encoder")
        let forget = try RecurrentTapLayer(of: lstm, role: .forgetGate)
        let values = try output(of: [lstm, forget])                  // one loop computes both
        let run = try function(inputs: [input.inputVar], outputs: values)
        let results = try run(NDArray([Float](repeating: 0.5, count: 2 * 5 * 3), shape: [2, 5, 3]))
        print(results[0].shape, results[1].shape)                    // [2, 5, 4] [2, 5, 4]
        #expect(results[0].shape == [2, 5, 4] && results[1].shape == [2, 5, 4])
        #expect(results[1].doubles.allSatisfy { $0 > 0 && $0 < 1 }, "a sigmoid gate lies in (0, 1)")
        #expect(run.steps.filter { $0.hasPrefix("scan") }.count <= 1, "\(run.steps)")
    }

    /// Sources/Lamina/Lamina.docc/RecurrentLayersAndTaps.md, "Roles and filters".
    @Test func recurrentRolesAndFilters() throws {
        let input = try InputLayer(shape: [nil, 5, 3], name: "sequence")
        let stack = try RecurrenceLayer(incoming: input, cell: try StackedCell([
            LSTMCell(inputSize: 3, units: 4, name: "stack.0"), GRUCell(inputSize: 3 + 4, units: 4, name: "stack.1"),
        ], inputSize: 3), name: "stack")
        let hidden = try stack.stateRoles.filter { $0.isKind(of: .hidden) }.map { try RecurrentTapLayer(of: stack, role: $0) }
        let values = try output(of: [stack] + hidden)                  // level0.hidden, level1.hidden: one loop
        let gates = VariableFilter(roles: [.gate]).values(of: [stack], in: values)
        print(gates.map(\.role.name))  // ["level0.ingate", "level0.forgetgate", "level0.outgate", "level1.resetgate", "level1.updategate"]
        #expect(hidden.map(\.role.name) == ["level0.hidden", "level1.hidden"])
        #expect(gates.map(\.role.name) == ["level0.ingate", "level0.forgetgate", "level0.outgate", "level1.resetgate", "level1.updategate"])
        let run = try function(inputs: [input.inputVar], outputs: values)
        #expect(run.steps.filter { $0.hasPrefix("scan") }.count <= 1, "\(run.steps)")
    }

    /// Sources/LaminaGraph/LaminaGraph.docc/EngineAndRewrites.md, "Compiling".
    @Test func engineAndRewrites() throws {
        let x = Expr.input("x", shape: [nil, 3])
        let W = Shared(NDArray([Float](repeating: 0.1, count: 12), shape: [3, 4]), name: "W")
        let b = Shared(NDArray([Float](repeating: 0, count: 4)), name: "b")
        let y = try (x.dot(W) + b).sigmoid()
        let f = try function(inputs: [x], outputs: [y])
        let plain = try function(inputs: [x], outputs: [y], options: .none)
        print(f.steps.count, plain.steps.count)           // the dot and add became one GEMM call
        #expect(f.steps.count < plain.steps.count, "\(f.steps) vs \(plain.steps)")
        let ones = NDArray([Float](repeating: 1, count: 3), shape: [1, 3])
        // σ(3 · 0.1) = 1/(1+e^-0.3) = 0.574442516811659, with and without rewrites.
        for compiled in [f, plain] { #expect(try compiled(ones)[0].doubles.allSatisfy { abs($0 - 0.574442516811659) < 1e-6 }) }
    }

    /// Sources/Lamina/Lamina.docc/Training.md, "The estimator".
    @Test func trainingEstimator() throws {
        let x: [[[Float]]] = [[[0.5], [0.25]], [[-1]], [[0.75], [-0.5], [1]], [[-0.25], [-0.5]]]
        let y = [1, 0, 1, 0]                                        // is the sum positive?
        let classifier = SequenceClassifier(classes: 2, options: EstimatorOptions(units: 8, epochs: 40, batchSize: 4, learningRate: 0.05))
        try classifier.fit(x, y)
        let labels = try classifier.predict(x)                      // [1, 0, 1, 0]
        #expect(labels == y)
        #expect(classifier.trainer!.history.count == 40 && classifier.trainer!.history[39]["loss"]! < classifier.trainer!.history[0]["loss"]!)
    }
}

extension DocumentationExampleTests {
    /// Sources/Lamina/Lamina.docc/NestedNetworks.md.
    @Test func nestedNetworks() throws {
        let input = try InputLayer(shape: [nil, 5, 3], name: "x")
        let model = try Sequential(incoming: input, name: "model", layers: [
            { try LSTMLayer(incoming: $0, units: 4, options: RecurrentOptions(onlyReturnFinal: true), name: "lstm") },
            { try HighwayLayer(incoming: $0, name: "highway") },
            { try DenseLayer(incoming: $0, units: 2, nonlinearity: .softmax, name: "out") },
        ])
        let lstm = try model.layer(at: "lstm")
        let outputs = try output(of: [lstm, model])   // the tap and the output, in one pass
        let recurrent = VariableFilter(roles: [.recurrentWeight]).parameters(of: [model])   // model/lstm.W_hid_to_…
        try reinitialize([model], seed: 7, roles: [.recurrentWeight: Orthogonal()])         // in place
        print(try summary(of: model))

        #expect(recurrent.map { $0.name! } == ["ingate", "forgetgate", "cell", "outgate"].map { "model/lstm.W_hid_to_\($0)" })
        for W in recurrent {   // orthogonal: W·Wᵀ = I
            let product = try Expr.constant(W.value).dot(Expr.constant(W.value).transposed()).eval().doubles
            for i in 0..<4 { for j in 0..<4 { #expect(abs(product[4 * i + j] - (i == j ? 1 : 0)) < 1e-5) } }
        }
        let f = try function(inputs: [input.inputVar], outputs: outputs)
        let values = try f(NDArray([Float](repeating: 0.5, count: 15), shape: [1, 5, 3]))
        #expect(values[0].shape == [1, 4] && abs(values[1].doubles.reduce(0, +) - 1) < 1e-6)
        // LSTM: 4 gates × (3·4 + 4·4 + 4) + 3 peepholes × 4 + 2 initial states × 4 = 148 (140 trainable);
        // highway: 2 × (4·4 + 4) = 40; out: 4·2 + 2 = 10.
        #expect(try summary(of: model).hasSuffix("Total: 198 parameter values (190 trainable)\n"))
    }
}
