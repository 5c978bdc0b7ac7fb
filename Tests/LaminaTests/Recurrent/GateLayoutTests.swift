import Foundation
import Testing
import LaminaTensor
import LaminaGraph
@testable import Lamina
import LaminaTestSupport

@Suite("Recurrent: gate layouts and conversions")
struct RecurrentGateLayoutTests {
    typealias Flags = RecurrentData.Flags
    let d = RecurrentData.features
    let n = RecurrentData.units

    func lstm(_ layout: GateLayout<LSTMGate>, seed: UInt64 = 4) throws -> LSTMLayer {
        try LayerDefaults.using(floatX: .float64, seed: seed) {
            try LSTMLayer(incoming: try InputLayer(shape: [nil, nil, d], dtype: .float64), units: n, peepholes: false, layout: layout, name: "l")
        }
    }

    @Test func stackedStorageRegistersOneParameterPerKind() throws {
        let layer = try lstm(GateLayout(order: [.forgetgate, .ingate, .outgate, .cell], storage: .stacked))
        #expect(layer.params.map { $0.expr.name ?? "?" } == ["l.W_in_to_gates", "l.W_hid_to_gates", "l.b_gates", "l.cell_init", "l.hid_init"])
        #expect(layer.params[0].expr.shape == [d, 4 * n] && layer.params[1].expr.shape == [n, 4 * n] && layer.params[2].tags == .bias)
        #expect(layer.gates.columns(of: .ingate) == n ..< 2 * n && layer.gates.columns(of: .cell) == 3 * n ..< 4 * n)
    }

    @Test func perGateDrawsAreTheSameWhateverTheStorageAndOrder() throws {
        // The same seed draws each gate's blocks in registration order, so the per-gate values agree.
        let perGate = try lstm(GateLayout()).gates.values()
        let stacked = try lstm(GateLayout(order: [.outgate, .cell, .forgetgate, .ingate], storage: .stacked)).gates.values()
        for gate in LSTMGate.allCases {
            #expect(perGate[gate]!.input.doubles == stacked[gate]!.input.doubles)
            #expect(perGate[gate]!.hidden.doubles == stacked[gate]!.hidden.doubles)
            #expect(perGate[gate]!.bias.doubles == stacked[gate]!.bias.doubles)
        }
    }

    @Test func stackedAndJointDrawsAreOneDrawOverTheWholeMatrix() throws {
        let order: [LSTMGate] = [.ingate, .cell, .forgetgate, .outgate]
        for storage in [GateStorage.stacked, .perGate] {
            let layer = try lstm(GateLayout(order: order, storage: storage, draw: .stacked(input: GlorotUniform(), hidden: Orthogonal())), seed: 8)
            let (w, u) = try LayerDefaults.using(floatX: .float64, seed: 8) {
                (try GlorotUniform().sample(shape: [d, 4 * n]), try Orthogonal().sample(shape: [n, 4 * n]))
            }
            let values = try layer.gates.values()
            for (k, gate) in order.enumerated() {
                #expect(values[gate]!.input.doubles == (try w.slice([.all, .range(k * n, (k + 1) * n)])).doubles)
                #expect(values[gate]!.hidden.doubles == (try u.slice([.all, .range(k * n, (k + 1) * n)])).doubles)
            }
            // Orthogonal over (units, 4·units): orthonormal rows.
            let uu = try u.matmul(u.transposed).doubles
            expectClose(uu, [1, 0, 0, 1], absolute: 1e-12, relative: 1e-9)
        }
        let joint = try lstm(GateLayout(storage: .stacked, draw: .joint(GlorotUniform())), seed: 9)
        let k = try LayerDefaults.using(floatX: .float64, seed: 9) { try GlorotUniform().sample(shape: [d + n, 4 * n]) }
        #expect((joint.gates.stacked!.input as! Shared).value.doubles == (try k.slice([.range(0, d)])).doubles)
        #expect((joint.gates.stacked!.hidden as! Shared).value.doubles == (try k.slice([.range(d, d + n)])).doubles)
    }

    @Test func storageDoesNotChangeTheOutput() throws {
        let a = try lstm(GateLayout())
        let b = try lstm(GateLayout(order: [.outgate, .forgetgate, .cell, .ingate], storage: .stacked), seed: 99)
        let values = try a.gates.values()
        try b.gates.setValues(input: values.mapValues(\.input), hidden: values.mapValues(\.hidden), bias: values.mapValues(\.bias))
        let x = RecurrentData.input()
        let ya = try output(of: a).eval([(a.inputLayers[0] as! InputLayer).inputVar: x])
        let yb = try output(of: b).eval([(b.inputLayers[0] as! InputLayer).inputVar: x])
        expectClose(yb.doubles, ya.doubles, absolute: 1e-14, relative: 1e-9)
    }

    @Test func expressionsCannotBeDrawnIntoStackedStorage() throws {
        let tied = Expr.input("w", dtype: .float64, shape: [3, 2])
        #expect(message {
            _ = try LayerDefaults.using(floatX: .float64) {
                try LSTMLayer(incoming: try InputLayer(shape: [nil, nil, 3]), units: 2, ingate: Gate(W_in: tied), layout: GateLayout(storage: .stacked), name: "l")
            }
        }.contains("cannot be drawn into stacked weights; use GateStorage.perGate"))
        // Per gate, an expression ties the weight.
        let layer = try LayerDefaults.using(floatX: .float64) {
            try LSTMLayer(incoming: try InputLayer(shape: [nil, nil, 3]), units: 2, ingate: Gate(W_in: tied), name: "l")
        }
        #expect(layer.gates.perGate[.ingate]!.input === tied)
    }

    // MARK: Conversions from other libraries' layouts (checked against the PyTorch fixtures)

    func fixture(_ name: String) throws -> [String: NDArray] { try RecurrentTorchFixtureTests().load(name) }

    /// Columns of a (…, G·h) array in the given block order.
    func reorder(_ a: NDArray, _ blocks: [Int], _ h: Int) throws -> NDArray {
        try NDArray.concatenate(blocks.map { k in a.rank == 1 ? try a.slice([.range(k * h, (k + 1) * h)]) : try a.slice([.all, .range(k * h, (k + 1) * h)]) },
                                axis: a.rank - 1)
    }

    func lstmOutput(_ a: [String: NDArray], _ weights: ForeignLSTMWeights, peepholes: Bool = false) throws -> NDArray {
        try LayerDefaults.using(floatX: .float32) {
            let i = try RecurrentTorchFixtureTests().inputs(a)
            let layer = try LSTMLayer(incoming: i.x, units: 4, cellInit: .layer(i.c0), hidInit: .layer(i.h0), peepholes: peepholes, mask: i.mask)
            try layer.setWeights(weights)
            return try output(of: layer).eval(i.feeds)
        }
    }

    @Test func lstmFromKerasAndTensorFlowLayouts() throws {
        let a = try fixture("lstm_masked")
        let h = 4
        let bias = try a["bias_ih"]! + a["bias_hh"]!
        // Keras: kernel (D, 4H) = weight_ihᵀ, same i, f, c, o order; one bias.
        let keras = ForeignLSTMWeights.keras(kernel: a["weight_ih"]!.transposed, recurrentKernel: a["weight_hh"]!.transposed, bias: bias)
        let expected = a["output"]!
        expectClose(try lstmOutput(a, keras).doubles, expected.doubles, absolute: 1e-5, relative: 1e-5)
        // TensorFlow 1: one (D+H, 4H) kernel, blocks i, j, f, o; forget_bias 1 is added at run time.
        let kernel = try NDArray.concatenate([a["weight_ih"]!.transposed, a["weight_hh"]!.transposed], axis: 0)
        let tfKernel = try reorder(kernel, [0, 2, 1, 3], h)
        var tfBias = try reorder(bias, [0, 2, 1, 3], h).doubles
        for j in 2 * h ..< 3 * h { tfBias[j] -= 1 }
        let tf = ForeignLSTMWeights.tensorflow(kernel: tfKernel, bias: NDArray(tfBias.map { Float($0) }, shape: [4 * h]))
        expectClose(try lstmOutput(a, tf, peepholes: true).doubles, expected.doubles, absolute: 1e-5, relative: 1e-5)
        // Peepholes from a source without them: a layer with peepholes gets zeros.
        expectClose(try lstmOutput(a, keras, peepholes: true).doubles, expected.doubles, absolute: 1e-5, relative: 1e-5)
        #expect(message { _ = try lstmOutput(a, .keras(kernel: a["weight_ih"]!, recurrentKernel: a["weight_hh"]!, bias: nil)) }
            .contains("kernel has shape (16, 3), expected (3, 16)"))
    }

    @Test func gruFromKerasResetAfterLayout() throws {
        let a = try fixture("gru_masked")
        let h = 4
        // Keras reset_after=True: blocks z, r, h; bias (2, 3H) = [input bias; recurrent bias].
        let order = [1, 0, 2]
        let bias = try NDArray.stack([try reorder(a["bias_ih"]!, order, h), try reorder(a["bias_hh"]!, order, h)])
        let weights = ForeignGRUWeights.keras(kernel: try reorder(a["weight_ih"]!.transposed, order, h),
                                              recurrentKernel: try reorder(a["weight_hh"]!.transposed, order, h), bias: bias)
        try LayerDefaults.using(floatX: .float32) {
            let i = try RecurrentTorchFixtureTests().inputs(a)
            let gru = try GRULayer(incoming: i.x, units: h, resetPlacement: .afterProductWithHiddenBias, updateForm: .gateOnPrevious,
                                   hidInit: .layer(i.h0), mask: i.mask)
            try gru.setWeights(weights)
            expectClose(try output(of: gru).eval(i.feeds).doubles, a["output"]!.doubles, absolute: 1e-5, relative: 1e-5)
            let before = try GRULayer(incoming: i.x, units: h, resetPlacement: .beforeProduct, hidInit: .layer(i.h0), mask: i.mask, name: "g")
            #expect(message { try before.setWeights(weights) }.contains("Keras reset_after=True weights need resetPlacement .afterProductWithHiddenBias"))
        }
    }

    /// Keras' reset_after=False GRU and TensorFlow 1's GRUCell, against the
    /// formulas applied directly to their own arrays (reset before the product,
    /// update gate on the previous state).
    @Test func gruFromResetBeforeLayouts() throws {
        let h = n
        let kernel = RecurrentData.normal([d, 3 * h], seed: 31, std: 0.6), recurrent = RecurrentData.normal([h, 3 * h], seed: 32, std: 0.6)
        let bias = RecurrentData.normal([3 * h], seed: 33, std: 0.5)
        let x = RecurrentData.input()
        func keras(_ xt: [Double], _ hp: [Double]) -> [Double] {
            func part(_ k: Int, _ v: [Double], _ m: NDArray, _ rows: Int) -> [Double] {
                (0..<h).map { j in (0..<rows).reduce(0) { $0 + v[$1] * m.doubles[$1 * 3 * h + k * h + j] } }
            }
            let z = (0..<h).map { RecurrentReference.sigmoid(part(0, xt, kernel, d)[$0] + part(0, hp, recurrent, h)[$0] + bias.doubles[$0]) }
            let r = (0..<h).map { RecurrentReference.sigmoid(part(1, xt, kernel, d)[$0] + part(1, hp, recurrent, h)[$0] + bias.doubles[h + $0]) }
            let rh = zip(r, hp).map { $0 * $1 }
            let c = (0..<h).map { Foundation.tanh(part(2, xt, kernel, d)[$0] + part(2, rh, recurrent, h)[$0] + bias.doubles[2 * h + $0]) }
            return (0..<h).map { z[$0] * hp[$0] + (1 - z[$0]) * c[$0] }
        }
        let ref = RecurrentReference.run(x: x, initial: [RecurrentReference.repeated([0, 0], batch: 2)]) { xt, s in [keras(xt, s[0])] }
        // TensorFlow 1's arrays for the same cell: [x; h] rows, gates r, u, candidate separate.
        let gateKernel = try NDArray.concatenate([try reorder(kernel, [1, 0], h).slice([.all, .range(0, 2 * h)]),
                                                  try reorder(recurrent, [1, 0], h).slice([.all, .range(0, 2 * h)])], axis: 0)
        let candidateKernel = try NDArray.concatenate([try kernel.slice([.all, .range(2 * h, 3 * h)]), try recurrent.slice([.all, .range(2 * h, 3 * h)])], axis: 0)
        let tf = ForeignGRUWeights.tensorflow(gateKernel: gateKernel, gateBias: try reorder(bias, [1, 0], h),
                                              candidateKernel: candidateKernel, candidateBias: try bias.slice([.range(2 * h, 3 * h)]))
        for (weights, form) in [(ForeignGRUWeights.keras(kernel: kernel, recurrentKernel: recurrent, bias: bias), GRUUpdateForm.gateOnPrevious),
                                (tf, .gateOnPrevious), (tf, .gateOnCandidate)] {
            try LayerDefaults.using(floatX: .float64) {
                let input = try InputLayer(shape: [nil, nil, d], dtype: .float64)
                let gru = try GRULayer(incoming: input, units: h, resetPlacement: .beforeProduct, updateForm: form)
                try gru.setWeights(weights)
                expectClose(try output(of: gru).eval([input.inputVar: x]).doubles, ref.perStep[0], absolute: 1e-12, relative: 1e-10)
            }
        }
    }

    @Test func vanillaFromKerasLayout() throws {
        let a = try fixture("rnn_masked")
        try LayerDefaults.using(floatX: .float32) {
            let i = try RecurrentTorchFixtureTests().inputs(a)
            let rnn = try RecurrentLayer(incoming: i.x, units: 4, nonlinearity: .tanh, hidInit: .layer(i.h0), mask: i.mask)
            try rnn.setWeights(.keras(kernel: a["weight_ih"]!.transposed, recurrentKernel: a["weight_hh"]!.transposed,
                                      bias: try a["bias_ih"]! + a["bias_hh"]!))
            expectClose(try output(of: rnn).eval(i.feeds).doubles, a["output"]!.doubles, absolute: 1e-5, relative: 1e-5)
        }
    }
}
