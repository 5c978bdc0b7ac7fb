import Testing
import LaminaTensor
import LaminaGraph
@testable import Lamina
import LaminaTestSupport

@Suite("Recurrent: LSTMLayer")
struct RecurrentLSTMTests {
    typealias Flags = RecurrentData.Flags
    let n = RecurrentData.units

    /// An LSTM with weights large enough for the gates to matter (N(0, 0.5²)),
    /// random initial states and peepholes.
    func lstm(_ flags: Flags, peepholes: Bool = true, layout: GateLayout<LSTMGate> = GateLayout(), seed: UInt64 = 3)
        throws -> (LSTMLayer, [Expr: NDArray]) {
        try LayerDefaults.using(floatX: .float64, seed: seed) {
            let (input, mask, feeds) = try RecurrentData.inputs(flags)
            let gate = Gate(W_in: Normal(std: 0.5), W_hid: Normal(std: 0.5), W_cell: Normal(std: 0.5), b: Normal(std: 0.5))
            let layer = try LSTMLayer(incoming: input, units: n, ingate: gate, forgetgate: gate,
                                      cell: .candidate(W_in: Normal(std: 0.5), W_hid: Normal(std: 0.5), b: Normal(std: 0.5)),
                                      outgate: gate, cellInit: .value(Normal(std: 0.5)), hidInit: .value(Normal(std: 0.5)),
                                      peepholes: peepholes, mask: mask, layout: layout, options: flags.options, name: "lstm")
            return (layer, feeds)
        }
    }

    /// The reference run of `layer` on the feeds.
    func reference(_ layer: LSTMLayer, _ feeds: [Expr: NDArray], _ flags: Flags, initial: [[[Double]]]? = nil) throws -> (perStep: [[Double]], final: [[Double]]) {
        var gates = try RecurrentReference.weights(layer.gates)
        gates[.ingate]!.peephole = layer.W_cell_to_ingate.map(paramValues)
        gates[.forgetgate]!.peephole = layer.W_cell_to_forgetgate.map(paramValues)
        gates[.outgate]!.peephole = layer.W_cell_to_outgate.map(paramValues)
        let input = layer.inputLayers[0] as! InputLayer
        let mask = layer.maskIndex.map { feeds[(layer.inputLayers[$0] as! InputLayer).inputVar]! }
        let batch = RecurrentData.batch
        return RecurrentReference.run(x: feeds[input.inputVar]!, mask: mask, backwards: flags.backwards,
                             initial: initial ?? [RecurrentReference.repeated(paramValues(layer.initialStateParams[0]), batch: batch),
                                                  RecurrentReference.repeated(paramValues(layer.initialStateParams[1]), batch: batch)]) { x, s in
            let (c, h) = RecurrentReference.lstmStep(x: x, c: s[0], h: s[1], gates: gates, units: n)
            return [c, h]
        }
    }

    @Test(arguments: RecurrentData.flagCases)
    func outputMatchesTheReference(flags: Flags) throws {
        for peepholes in [true, false] {
            let (layer, feeds) = try lstm(flags, peepholes: peepholes)
            let (values, shape) = RecurrentData.expected(try reference(layer, feeds, flags), state: 1, flags: flags)
            expectClose(try output(of: layer).eval(feeds), values, shape: shape, absolute: 1e-12, relative: 1e-10, "peepholes \(peepholes)")
            #expect(try layer.outputShape == (flags.onlyReturnFinal ? [nil, n] : [nil, RecurrentData.steps, n]))
        }
    }

    @Test func cellStateIsTappedFromTheSameLoop() throws {
        for flags in [Flags(masked: true), Flags(masked: true, backwards: true, onlyReturnFinal: true), Flags(unroll: true)] {
            let (layer, feeds) = try lstm(flags)
            let cell = try RecurrentTapLayer(of: layer, role: .cell, name: "cell")
            let outputs = try output(of: [layer, cell])
            let ref = try reference(layer, feeds, flags)
            let (values, shape) = RecurrentData.expected(ref, state: 0, flags: flags)
            expectClose(try outputs[1].eval(feeds), values, shape: shape, absolute: 1e-12, relative: 1e-10, "\(flags.testDescription)")
            #expect(try cell.outputShape == (flags.onlyReturnFinal ? [nil, n] : [nil, RecurrentData.steps, n]))
            // One loop computes both.
            let loops = GraphTraversal.topologicalOrder(outputs).filter { $0.op is ScanOp }
            #expect(loops.count == (flags.unroll ? 0 : 1))
        }
    }

    @Test func parametersFollowLasagnesOrderNamesAndTags() throws {
        let (layer, _) = try lstm(Flags())
        let names = layer.params.map { $0.expr.name ?? "?" }
        let gateNames = ["ingate", "forgetgate", "cell", "outgate"].flatMap { ["lstm.W_in_to_\($0)", "lstm.W_hid_to_\($0)", "lstm.b_\($0)"] }
        #expect(names == gateNames + ["lstm.W_cell_to_ingate", "lstm.W_cell_to_forgetgate", "lstm.W_cell_to_outgate", "lstm.cell_init", "lstm.hid_init"])
        #expect(layer.params[0].tags == .weight && layer.params[2].tags == .bias)
        #expect(layer.params.suffix(2).allSatisfy { $0.tags.isEmpty && $0.expr.annotations[Role.key] == Role.initialState })
        #expect(layer.params[0].expr.shape == [3, 2] && layer.params[1].expr.shape == [2, 2] && layer.params[2].expr.shape == [2])
        #expect(layer.params.last!.expr.shape == [1, 2])
        let learned = try lstm(Flags(learnInit: true)).0
        #expect(learned.params.suffix(2).allSatisfy { $0.tags == [.trainable] })
        #expect(allParams(of: learned, tags: [.trainable]).count == 17 && allParams(of: learned, tags: [.regularizable]).count == 11)
        let noPeepholes = try lstm(Flags(), peepholes: false).0
        #expect(noPeepholes.params.count == 14 && noPeepholes.W_cell_to_ingate == nil)
    }

    @Test func lasagneDefaults() throws {
        try LayerDefaults.using(floatX: .float64, seed: 1) {
            let input = try InputLayer(shape: [nil, nil, 5])
            let layer = try LSTMLayer(incoming: input, units: 4)
            #expect(layer.peepholes && layer.nonlinearity.name == "tanh" && layer.ingate.nonlinearity.name == "sigmoid")
            #expect(layer.cell.W_cell == nil && layer.cell.nonlinearity.name == "tanh")
            #expect(paramValues(layer.gates.perGate[.forgetgate]!.bias) == [0, 0, 0, 0])
            #expect(paramValues(layer.initialStateParams[1]) == [0, 0, 0, 0])
            // Normal(0.1) weights.
            let w = (layer.gates.perGate[.ingate]!.hidden as! Shared).value.doubles
            let std = (w.map { $0 * $0 }.reduce(0, +) / Double(w.count)).squareRoot()
            #expect(std > 0.04 && std < 0.2)
            #expect(try layer.outputShape == [nil, nil, 4])
        }
    }

    @Test func refusesBadArguments() throws {
        let input = try InputLayer(shape: [nil, nil, 3])
        #expect(message { _ = try LSTMLayer(incoming: input, units: 0, name: "l") }.contains("units must be positive"))
        let flat = try InputLayer(shape: [nil, 3])
        #expect(message { _ = try LSTMLayer(incoming: flat, units: 2, name: "l") }.contains("(batch, steps, features…)"))
        let unknown = try InputLayer(shape: [nil, nil, nil])
        #expect(message { _ = try LSTMLayer(incoming: unknown, units: 2, name: "l") }.contains("known feature sizes"))
        #expect(message { _ = try LSTMLayer(incoming: input, units: 2, options: RecurrentOptions(unrollScan: true), name: "l") }
            .contains("unrollScan needs the number of steps"))
        let fixed = try InputLayer(shape: [nil, 4, 3])
        #expect(message { _ = try LSTMLayer(incoming: fixed, units: 2, options: RecurrentOptions(gradientSteps: 2, unrollScan: true), name: "l") }
            .contains("unrollScan needs full backpropagation"))
        #expect(message { _ = try LSTMLayer(incoming: input, units: 2, options: RecurrentOptions(gradientSteps: 0), name: "l") }
            .contains("gradientSteps must be at least 1"))
        let badMask = try InputLayer(shape: [nil, 5, 1])
        #expect(message { _ = try LSTMLayer(incoming: fixed, units: 2, mask: badMask, name: "l") }.contains("the mask must have shape (batch, steps)"))
        let badInit = try InputLayer(shape: [nil, 3])
        #expect(message { _ = try LSTMLayer(incoming: input, units: 2, hidInit: .layer(badInit), name: "l") }
            .contains("the initial hidden state layer"))
        #expect(message { _ = try LSTMLayer(incoming: input, units: 2, layout: GateLayout(order: [.ingate, .ingate, .cell, .outgate]), name: "l") }
            .contains("exactly once"))
    }
}
