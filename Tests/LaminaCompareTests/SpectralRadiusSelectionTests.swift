import Lamina
import LaminaGraph
import LaminaTensor
import Testing
@testable import LaminaCompare

/// The harness's spectral radii select the recurrent weights with a ``VariableFilter``
/// (role and layer) and split stacked matrices into gate blocks: each radius equals the
/// radius of that gate's H×H block read directly from the layer's gate parameters.
@Suite struct SpectralRadiusSelectionTests {
    @Test(arguments: [GateStorage.perGate, .stacked])
    func lstmAndGRUBlocksAreTheGatesOwn(storage: GateStorage) throws {
        try LayerDefaults.using(floatX: .float64, seed: 4) {
            let input = try InputLayer(shape: [nil, nil, 3])
            let order: [LSTMGate] = [.forgetgate, .ingate, .outgate, .cell]   // not Lasagne's, so a wrong block would show
            let lstm = try LSTMLayer(incoming: input, units: 5, layout: GateLayout(order: order, storage: storage), name: "lstm")
            let radii = try recurrentSpectralRadii(of: lstm)
            let blocks = try lstm.gates.values()
            for (gate, key) in [(LSTMGate.ingate, "input"), (.forgetgate, "forget"), (.cell, "cell"), (.outgate, "output")] {
                #expect(radii[key] == (try spectralRadius(of: blocks[gate]!.hidden)), "\(key)")
            }
            #expect(Set(radii.values).count == 4, "four different blocks: \(radii)")
            let gru = try GRULayer(incoming: input, units: 4, layout: GateLayout(order: [.hiddenUpdate, .resetgate, .updategate], storage: storage))
            let gruRadii = try recurrentSpectralRadii(of: gru)
            let gruBlocks = try gru.gates.values()
            for (gate, key) in [(GRUGate.resetgate, "reset"), (.updategate, "update"), (.hiddenUpdate, "hidden")] {
                #expect(gruRadii[key] == (try spectralRadius(of: gruBlocks[gate]!.hidden)), "\(key)")
            }
        }
    }

    @Test func rnnUsesItsHiddenToHiddenWeightsAndRefusesAnExpression() throws {
        try LayerDefaults.using(floatX: .float64, seed: 2) {
            let input = try InputLayer(shape: [nil, nil, 3])
            // W_hid_to_hid = 0.5·I: ρ = 0.5 exactly (‖A^k‖_F/√n = 0.5^k).
            let identity = NDArray((0..<16).map { $0 % 5 == 0 ? 0.5 : 0 }, shape: [4, 4])
            let rnn = try RecurrentLayer(incoming: input, units: 4, W_hid_to_hid: identity, name: "rnn")
            let radius = try #require(try recurrentSpectralRadii(of: rnn)["hidden"])
            #expect(Swift.abs(radius - 0.5) < 1e-12)
            let tied = try RecurrentLayer(incoming: input, units: 4, W_hid_to_hid: rnn.W_hid_to_hid.transposed(), name: "tied")
            var text = ""
            do { _ = try recurrentSpectralRadii(of: tied) } catch { text = "\(error)" }
            #expect(text.hasPrefix("the recurrent weights of tied are not shared variables of the layer (found 0 gate blocks)"), "\(text)")
        }
    }
}
