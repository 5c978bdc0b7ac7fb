import Testing
import LaminaTensor
import LaminaGraph
@testable import Lamina
import LaminaTestSupport

/// Finite-difference checks, in float64, of the gradients of every recurrent
/// layer with respect to all its parameters and its input, for every flag
/// that changes the computation.
@Suite("Recurrent: gradients against finite differences")
struct RecurrentGradientTests {
    typealias Flags = RecurrentData.Flags

    /// Flags that change the graph (the others only change tags).
    static let cases: [Flags] = [
        Flags(),
        Flags(masked: true),
        Flags(masked: true, backwards: true),
        Flags(masked: true, onlyReturnFinal: true),
        Flags(backwards: true, onlyReturnFinal: true, precompute: false),
        Flags(masked: true, backwards: true, unroll: true),
    ]

    func check(_ layer: Layer, _ feeds: [Expr: NDArray], sourceLocation: SourceLocation = #_sourceLocation) throws {
        // Every float input but masks is differentiated.
        let masks = Set(feeds.keys.filter { $0.name == "mask" })
        try checkGradients(of: try output(of: layer), wrt: allParams(of: layer),
                                    inputs: feeds.keys.filter { !masks.contains($0) }.sorted { $0.id < $1.id }, feeds: feeds,
                                    sourceLocation: sourceLocation)
    }

    @Test(arguments: cases)
    func lstm(flags: Flags) throws {
        for peepholes in [true, false] {
            let (layer, feeds) = try RecurrentLSTMTests().lstm(flags, peepholes: peepholes)
            try check(layer, feeds)
        }
    }

    @Test(arguments: RecurrentGRUTests.forms)
    func gru(form: RecurrentGRUTests.Form) throws {
        for flags in [Flags(masked: true), Flags(masked: true, backwards: true, onlyReturnFinal: true, precompute: false)] {
            let (layer, feeds) = try RecurrentGRUTests().gru(flags, form: form)
            try check(layer, feeds)
        }
    }

    @Test(arguments: cases)
    func vanillaAndCustom(flags: Flags) throws {
        let (rnn, rnnFeeds) = try RecurrentVanillaAndCustomTests().rnn(flags)
        try check(rnn, rnnFeeds)
        let (custom, customFeeds, _) = try RecurrentVanillaAndCustomTests().custom(flags)
        try check(custom, customFeeds)
    }

    @Test func initialStatesFromLayersReceiveGradients() throws {
        try LayerDefaults.using(floatX: .float64, seed: 21) {
            let (input, mask, feeds0) = try RecurrentData.inputs(Flags(masked: true))
            let h0 = try InputLayer(shape: [nil, 2], dtype: .float64, name: "h0")
            let c0 = try InputLayer(shape: [nil, 2], dtype: .float64, name: "c0")
            let gate = Gate(W_in: Normal(std: 0.5), W_hid: Normal(std: 0.5), W_cell: Normal(std: 0.5), b: Normal(std: 0.5))
            let lstm = try LSTMLayer(incoming: input, units: 2, ingate: gate, forgetgate: gate, outgate: gate,
                                     cellInit: .layer(c0), hidInit: .layer(h0), mask: mask, options: RecurrentOptions(backwards: true))
            #expect(lstm.initialStateParams.allSatisfy { $0 == nil } && lstm.inputLayers.count == 4)
            var feeds = feeds0
            feeds[h0.inputVar] = RecurrentData.normal([2, 2], seed: 5)
            feeds[c0.inputVar] = RecurrentData.normal([2, 2], seed: 6)
            try check(lstm, feeds)
            // And the values start from those states.
            let ref = try RecurrentLSTMTests().reference(lstm, feeds, Flags(masked: true, backwards: true), initial: [
                [[feeds[c0.inputVar]!.doubles[0], feeds[c0.inputVar]!.doubles[1]], [feeds[c0.inputVar]!.doubles[2], feeds[c0.inputVar]!.doubles[3]]],
                [[feeds[h0.inputVar]!.doubles[0], feeds[h0.inputVar]!.doubles[1]], [feeds[h0.inputVar]!.doubles[2], feeds[h0.inputVar]!.doubles[3]]]])
            expectClose(try output(of: lstm).eval(feeds), ref.perStep[1], shape: [2, 4, 2], absolute: 1e-12, relative: 1e-10)
        }
    }
}
