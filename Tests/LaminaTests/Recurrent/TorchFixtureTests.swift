import Foundation
import Testing
import LaminaTensor
import LaminaGraph
@testable import Lamina
import LaminaTestSupport

/// Lamina's recurrent layers against PyTorch 2.15 (see
/// Fixtures/recurrent/README.md): the same weights (set through the
/// PyTorch conversions), inputs, masks and initial states must give the same
/// outputs, final states and gradients of sum(output · cost_weights), to 1e-5 in float32.
@Suite("Recurrent: PyTorch reference fixtures")
struct RecurrentTorchFixtureTests {
    static let (batch, steps, features, units) = (3, 5, 3, 4)

    /// The arrays of a fixture, by key.
    func load(_ name: String) throws -> [String: NDArray] {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/recurrent/\(name).npz").path
        return Dictionary(uniqueKeysWithValues: try Npz.read(from: path).map { ($0.name, $0.array) })
    }

    func close(_ actual: NDArray, _ expected: NDArray, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        expectClose(actual, expected.doubles, shape: expected.shape, absolute: 1e-5, relative: 1e-5, "\(what)", sourceLocation: sourceLocation)
    }

    /// Rows k·units ..< (k+1)·units of a PyTorch (G·units, …) array.
    func block(_ a: NDArray, _ k: Int) throws -> NDArray { try a.slice([.range(k * Self.units, (k + 1) * Self.units)]) }

    /// The inputs of a case and the feeds.
    struct Inputs {
        let x: InputLayer, h0: InputLayer, c0: InputLayer, mask: InputLayer?
        let feeds: [Expr: NDArray]
    }

    func inputs(_ a: [String: NDArray]) throws -> Inputs {
        let x = try InputLayer(shape: [nil, Self.steps, Self.features], name: "x")
        let h0 = try InputLayer(shape: [nil, Self.units], name: "h0"), c0 = try InputLayer(shape: [nil, Self.units], name: "c0")
        let mask = a["mask"] == nil ? nil : try InputLayer(shape: [nil, Self.steps], name: "mask")
        var feeds: [Expr: NDArray] = [x.inputVar: a["x"]!, h0.inputVar: a["h0"]!]
        if let c = a["c0"] { feeds[c0.inputVar] = c }
        if let mask { feeds[mask.inputVar] = a["mask"]! }
        return Inputs(x: x, h0: h0, c0: c0, mask: mask, feeds: feeds)
    }

    /// Values and gradients (with respect to `wrt`, then x, h0 and, for the LSTM, c0) of one layer.
    func run(_ layer: RecurrentLayerBase, _ i: Inputs, _ a: [String: NDArray], wrt: [Expr]) throws -> (output: NDArray, finals: [VariableRole: NDArray], grads: [NDArray]) {
        let y = try output(of: layer)
        let outputs = layer.recurrentOutputs(producing: y)!
        let cost = try (y * Expr.constant(a["cost_weights"]!)).sum()
        let inputsWrt = [i.x.inputVar, i.h0.inputVar] + (a["c0"] == nil ? [] : [i.c0.inputVar])
        let grads = try grad(cost, wrt: wrt + inputsWrt)
        let roles = layer.stateRoles
        let placeholders = i.feeds.keys.sorted { $0.id < $1.id }
        let f = try function(inputs: placeholders, outputs: [y] + roles.map { outputs.finalStates[$0]! } + grads)
        let values = try f.call(i.feeds)
        let finals = Dictionary(uniqueKeysWithValues: roles.enumerated().map { ($1, values[1 + $0]) })
        return (values[0], finals, Array(values[(1 + roles.count)...]))
    }

    func checkInputGradients(_ grads: ArraySlice<NDArray>, _ a: [String: NDArray]) {
        let keys = ["grad_x", "grad_h0"] + (a["c0"] == nil ? [] : ["grad_c0"])
        for (g, key) in zip(grads, keys) { close(g, a[key]!, key) }
    }

    @Test(arguments: ["lstm", "lstm_masked", "lstm_masked_backwards"])
    func lstm(name: String) throws {
        let a = try load(name)
        try LayerDefaults.using(floatX: .float32, seed: 1) {
            let i = try inputs(a)
            // PyTorch's stacked i, f, g, o layout, stored stacked.
            let lstm = try LSTMLayer(incoming: i.x, units: Self.units, cellInit: .layer(i.c0), hidInit: .layer(i.h0), peepholes: false,
                                     mask: i.mask, layout: GateLayout(order: [.ingate, .forgetgate, .cell, .outgate], storage: .stacked),
                                     options: RecurrentOptions(backwards: name.hasSuffix("backwards")), name: "lstm")
            try lstm.setWeights(.pytorch(weightIH: a["weight_ih"]!, weightHH: a["weight_hh"]!, biasIH: a["bias_ih"]!, biasHH: a["bias_hh"]!))
            let stacked = lstm.gates.stacked!
            let r = try run(lstm, i, a, wrt: [stacked.input, stacked.hidden, stacked.bias])
            close(r.output, a["output"]!, "output")
            close(r.finals[.hidden]!, a["h_n"]!, "h_n")
            close(r.finals[.cell]!, a["c_n"]!, "c_n")
            close(r.grads[0], a["grad_weight_ih"]!.transposed, "grad weight_ih")
            close(r.grads[1], a["grad_weight_hh"]!.transposed, "grad weight_hh")
            close(r.grads[2], a["grad_bias_ih"]!, "grad bias_ih")
            close(r.grads[2], a["grad_bias_hh"]!, "grad bias_hh")
            checkInputGradients(r.grads[3...], a)
        }
    }

    @Test(arguments: ["gru", "gru_masked", "gru_masked_backwards"])
    func gru(name: String) throws {
        let a = try load(name)
        try LayerDefaults.using(floatX: .float32, seed: 1) {
            let i = try inputs(a)
            // PyTorch's form, per-gate parameters in Lasagne's order.
            let gru = try GRULayer(incoming: i.x, units: Self.units, resetPlacement: .afterProductWithHiddenBias, updateForm: .gateOnPrevious,
                                   hidInit: .layer(i.h0), mask: i.mask, options: RecurrentOptions(backwards: name.hasSuffix("backwards")), name: "gru")
            try gru.setWeights(.pytorch(weightIH: a["weight_ih"]!, weightHH: a["weight_hh"]!, biasIH: a["bias_ih"]!, biasHH: a["bias_hh"]!))
            let gates: [GRUGate] = [.resetgate, .updategate, .hiddenUpdate]
            let wrt = gates.flatMap { g -> [Expr] in let p = gru.gates.perGate[g]!; return [p.input, p.hidden, p.bias] } + [gru.b_hid_to_hidden_update!]
            let r = try run(gru, i, a, wrt: wrt)
            close(r.output, a["output"]!, "output")
            close(r.finals[.hidden]!, a["h_n"]!, "h_n")
            for (k, gate) in gates.enumerated() {
                close(r.grads[3 * k], try block(a["grad_weight_ih"]!, k).transposed, "grad W_in_to_\(gate)")
                close(r.grads[3 * k + 1], try block(a["grad_weight_hh"]!, k).transposed, "grad W_hid_to_\(gate)")
                close(r.grads[3 * k + 2], try block(a["grad_bias_ih"]!, k), "grad b_\(gate)")
            }
            close(r.grads[9], try block(a["grad_bias_hh"]!, 2), "grad b_hn")
            close(r.grads[2], try block(a["grad_bias_hh"]!, 0), "grad b_hr")
            checkInputGradients(r.grads[10...], a)
        }
    }

    @Test func gruInLasagnesUpdateFormGivesTheSameOutput() throws {
        // The conversion negates the update gate for .gateOnCandidate: σ(−a) = 1 − σ(a).
        let a = try load("gru_masked")
        try LayerDefaults.using(floatX: .float32, seed: 1) {
            let i = try inputs(a)
            let gru = try GRULayer(incoming: i.x, units: Self.units, resetPlacement: .afterProductWithHiddenBias, updateForm: .gateOnCandidate,
                                   hidInit: .layer(i.h0), mask: i.mask, layout: GateLayout(storage: .stacked))
            try gru.setWeights(.pytorch(weightIH: a["weight_ih"]!, weightHH: a["weight_hh"]!, biasIH: a["bias_ih"]!, biasHH: a["bias_hh"]!))
            close(try output(of: gru).eval(i.feeds), a["output"]!, "output")
            let lasagneForm = try GRULayer(incoming: i.x, units: Self.units, hidInit: .layer(i.h0), mask: i.mask, name: "g")
            #expect(message { try lasagneForm.setWeights(.pytorch(weightIH: a["weight_ih"]!, weightHH: a["weight_hh"]!, biasIH: a["bias_ih"]!, biasHH: a["bias_hh"]!)) }
                .contains("PyTorch (with a nonzero b_hn) weights need resetPlacement .afterProductWithHiddenBias, the layer has .afterProduct"))
        }
    }

    @Test(arguments: ["rnn", "rnn_masked", "rnn_masked_backwards"])
    func rnn(name: String) throws {
        let a = try load(name)
        try LayerDefaults.using(floatX: .float32, seed: 1) {
            let i = try inputs(a)
            let rnn = try RecurrentLayer(incoming: i.x, units: Self.units, nonlinearity: .tanh, hidInit: .layer(i.h0), mask: i.mask,
                                         options: RecurrentOptions(backwards: name.hasSuffix("backwards")), name: "rnn")
            try rnn.setWeights(.pytorch(weightIH: a["weight_ih"]!, weightHH: a["weight_hh"]!, biasIH: a["bias_ih"]!, biasHH: a["bias_hh"]!))
            let r = try run(rnn, i, a, wrt: [rnn.W_in_to_hid, rnn.W_hid_to_hid, rnn.b!])
            close(r.output, a["output"]!, "output")
            close(r.finals[.hidden]!, a["h_n"]!, "h_n")
            close(r.grads[0], a["grad_weight_ih"]!.transposed, "grad weight_ih")
            close(r.grads[1], a["grad_weight_hh"]!.transposed, "grad weight_hh")
            close(r.grads[2], a["grad_bias_ih"]!, "grad bias")
            checkInputGradients(r.grads[3...], a)
        }
    }

    @Test func bidirectionalLSTM() throws {
        let a = try load("lstm_bidirectional")
        try LayerDefaults.using(floatX: .float32, seed: 1) {
            let x = try InputLayer(shape: [nil, Self.steps, Self.features], name: "x")
            let bi = try BidirectionalLayer(name: "bi") { backwards in
                try LSTMLayer(incoming: x, units: Self.units, peepholes: false, options: RecurrentOptions(backwards: backwards),
                              name: backwards ? "backward" : "forward")
            }
            for (layer, suffix) in [(bi.forward, ""), (bi.backward, "_reverse")] {
                try (layer as! LSTMLayer).setWeights(.pytorch(weightIH: a["weight_ih_l0" + suffix]!, weightHH: a["weight_hh_l0" + suffix]!,
                                                              biasIH: a["bias_ih_l0" + suffix]!, biasHH: a["bias_hh_l0" + suffix]!))
            }
            #expect(try bi.outputShape == [nil, Self.steps, 2 * Self.units])
            let y = try output(of: bi)
            let cost = try (y * Expr.constant(a["cost_weights"]!)).sum()
            let lstms = [bi.forward as! LSTMLayer, bi.backward as! LSTMLayer]
            let weights = lstms.flatMap { [$0.gates.inputWeights(), $0.gates.hiddenWeights(), $0.gates.bias()] }
            let grads = try grad(cost, wrt: weights + [x.inputVar])
            // Per-gate parameters: the gradients of the stacked matrices the layer computes with.
            let values = try function(inputs: [x.inputVar], outputs: [y] + grads).call([a["x"]!])
            close(values[0], a["output"]!, "output")
            for (k, suffix) in ["", "_reverse"].enumerated() {
                close(values[1 + 3 * k], a["grad_weight_ih_l0" + suffix]!.transposed, "grad weight_ih\(suffix)")
                close(values[2 + 3 * k], a["grad_weight_hh_l0" + suffix]!.transposed, "grad weight_hh\(suffix)")
                close(values[3 + 3 * k], a["grad_bias_ih_l0" + suffix]!, "grad bias\(suffix)")
            }
            close(values[7], a["grad_x"]!, "grad x")
        }
    }
}
