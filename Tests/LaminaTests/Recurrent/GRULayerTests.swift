import Testing
import LaminaTensor
import LaminaGraph
@testable import Lamina
import LaminaTestSupport

@Suite("Recurrent: GRULayer")
struct RecurrentGRUTests {
    typealias Flags = RecurrentData.Flags
    let n = RecurrentData.units

    struct Form: CustomTestStringConvertible, Sendable {
        var placement: GRUResetPlacement
        var update: GRUUpdateForm
        var testDescription: String { "\(placement), \(update)" }
    }
    static let forms: [Form] = [
        Form(placement: .afterProduct, update: .gateOnCandidate),
        Form(placement: .beforeProduct, update: .gateOnPrevious),
        Form(placement: .afterProductWithHiddenBias, update: .gateOnPrevious),
        Form(placement: .beforeProduct, update: .gateOnCandidate),
    ]

    func gru(_ flags: Flags, form: Form = forms[0], layout: GateLayout<GRUGate> = GateLayout(), seed: UInt64 = 5) throws -> (GRULayer, [Expr: NDArray]) {
        try LayerDefaults.using(floatX: .float64, seed: seed) {
            let (input, mask, feeds) = try RecurrentData.inputs(flags)
            let gate = Gate(W_in: Normal(std: 0.5), W_hid: Normal(std: 0.5), W_cell: nil, b: Normal(std: 0.5))
            let layer = try GRULayer(incoming: input, units: n, resetgate: gate, updategate: gate,
                                     hiddenUpdate: .candidate(W_in: Normal(std: 0.5), W_hid: Normal(std: 0.5), b: Normal(std: 0.5)),
                                     resetPlacement: form.placement, updateForm: form.update, hiddenBias: Normal(std: 0.5),
                                     hidInit: .value(Normal(std: 0.5)), mask: mask, layout: layout, options: flags.options, name: "gru")
            return (layer, feeds)
        }
    }

    func reference(_ layer: GRULayer, _ feeds: [Expr: NDArray], _ flags: Flags) throws -> (perStep: [[Double]], final: [[Double]]) {
        let gates = try RecurrentReference.weights(layer.gates)
        let mask = layer.maskIndex.map { feeds[(layer.inputLayers[$0] as! InputLayer).inputVar]! }
        let x = feeds[(layer.inputLayers[0] as! InputLayer).inputVar]!
        let hiddenBias = layer.b_hid_to_hidden_update.map(paramValues)
        return RecurrentReference.run(x: x, mask: mask, backwards: flags.backwards,
                             initial: [RecurrentReference.repeated(paramValues(layer.initialStateParams[0]), batch: RecurrentData.batch)]) { x, s in
            [RecurrentReference.gruStep(x: x, h: s[0], gates: gates, units: n, placement: layer.resetPlacement, form: layer.updateForm, hiddenBias: hiddenBias)]
        }
    }

    @Test(arguments: forms)
    func everyFormMatchesTheReference(form: Form) throws {
        for flags in RecurrentData.flagCases {
            let (layer, feeds) = try gru(flags, form: form)
            let (values, shape) = RecurrentData.expected(try reference(layer, feeds, flags), state: 0, flags: flags)
            expectClose(try output(of: layer).eval(feeds), values, shape: shape, absolute: 1e-12, relative: 1e-10, "\(flags.testDescription)")
        }
    }

    @Test func beforeProductWithGatesApartInTheOrder() throws {
        // Reset and update not adjacent in the stacked order: each gets its own hidden product.
        let layout = GateLayout<GRUGate>(order: [.resetgate, .hiddenUpdate, .updategate], storage: .stacked)
        let (layer, feeds) = try gru(Flags(masked: true), form: Form(placement: .beforeProduct, update: .gateOnPrevious), layout: layout)
        let (values, shape) = RecurrentData.expected(try reference(layer, feeds, Flags(masked: true)), state: 0, flags: Flags(masked: true))
        expectClose(try output(of: layer).eval(feeds), values, shape: shape, absolute: 1e-12, relative: 1e-10)
    }

    @Test func parametersFollowLasagnesRegistrationOrder() throws {
        let (layer, _) = try gru(Flags())
        let names = layer.params.map { $0.expr.name ?? "?" }
        let gates = ["updategate", "resetgate", "hidden_update"].flatMap { ["gru.W_in_to_\($0)", "gru.W_hid_to_\($0)", "gru.b_\($0)"] }
        #expect(names == gates + ["gru.hid_init"])
        let cudnn = try gru(Flags(), form: Self.forms[2]).0
        #expect(cudnn.params.map { $0.expr.name ?? "?" } == gates + ["gru.b_hid_to_hidden_update", "gru.hid_init"])
        #expect(cudnn.params[9].tags == .bias && cudnn.params[9].expr.annotations[Role.key] == Role.bias)
        #expect(layer.gates.order == [.resetgate, .updategate, .hiddenUpdate])
    }

    @Test func lasagneDefaults() throws {
        try LayerDefaults.using(floatX: .float64, seed: 1) {
            let layer = try GRULayer(incoming: try InputLayer(shape: [nil, nil, 5]), units: 3)
            #expect(layer.resetPlacement == .afterProduct && layer.updateForm == .gateOnCandidate)
            #expect(layer.hiddenUpdate.nonlinearity.name == "tanh" && layer.resetgate.nonlinearity.name == "sigmoid")
            #expect(layer.b_hid_to_hidden_update == nil && layer.params.count == 10)
        }
    }
}
