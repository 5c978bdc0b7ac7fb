import Testing
import LaminaTensor
import LaminaGraph
@testable import Lamina
import LaminaTestSupport

@Suite("Recurrent: StackedCell")
struct StackedCellTests {
    typealias Flags = RecurrentData.Flags
    let n = RecurrentData.units, d = RecurrentData.features

    /// An LSTM level (D → H) under a GRU level ([x_t, h⁰_t] → H) in one loop, weights N(0, 0.5²).
    func stacked(_ flags: Flags, feedsInput: Bool = true) throws -> (RecurrenceLayer, LSTMCell, GRUCell, [Expr: NDArray]) {
        try LayerDefaults.using(floatX: .float64, seed: 5) {
            let (input, mask, feeds) = try RecurrentData.inputs(flags)
            let gate = Gate(W_in: Normal(std: 0.5), W_hid: Normal(std: 0.5), W_cell: Normal(std: 0.5), b: Normal(std: 0.5))
            let bottom = try LSTMCell(inputSize: d, units: n, ingate: gate, forgetgate: gate,
                                      cell: .candidate(W_in: Normal(std: 0.5), W_hid: Normal(std: 0.5), b: Normal(std: 0.5)),
                                      outgate: gate, name: "stack.0")
            let top = try GRUCell(inputSize: (feedsInput ? d : 0) + n, units: n, resetgate: Gate(W_in: Normal(std: 0.5), W_hid: Normal(std: 0.5), W_cell: nil, b: Normal(std: 0.5)),
                                  updategate: Gate(W_in: Normal(std: 0.5), W_hid: Normal(std: 0.5), W_cell: nil, b: Normal(std: 0.5)),
                                  hiddenUpdate: .candidate(W_in: Normal(std: 0.5), W_hid: Normal(std: 0.5), b: Normal(std: 0.5)), name: "stack.1")
            let cell = try StackedCell([bottom, top], inputSize: d, feedsInput: feedsInput)
            let layer = try RecurrenceLayer(incoming: input, cell: cell,
                                            initialStates: [.value(Normal(std: 0.5)), .value(Normal(std: 0.5)), .value(Normal(std: 0.5))],
                                            mask: mask, options: flags.options, name: "stack")
            return (layer, bottom, top, feeds)
        }
    }

    /// The same network unrolled by hand with the plain-Swift reference cells:
    /// per state [c⁰, h⁰, h¹], per step and final.
    func reference(_ layer: RecurrenceLayer, _ bottom: LSTMCell, _ top: GRUCell, _ feeds: [Expr: NDArray], _ flags: Flags,
                   feedsInput: Bool = true) throws -> (perStep: [[Double]], final: [[Double]]) {
        var lstmGates = try RecurrentReference.weights(bottom.gates)
        lstmGates[.ingate]!.peephole = bottom.W_cell_to_ingate.map(paramValues)
        lstmGates[.forgetgate]!.peephole = bottom.W_cell_to_forgetgate.map(paramValues)
        lstmGates[.outgate]!.peephole = bottom.W_cell_to_outgate.map(paramValues)
        let gruGates = try RecurrentReference.weights(top.gates)
        let mask = layer.maskIndex.map { feeds[(layer.inputLayers[$0] as! InputLayer).inputVar]! }
        let x = feeds[(layer.inputLayers[0] as! InputLayer).inputVar]!
        let initial = (0..<3).map { RecurrentReference.repeated(paramValues(layer.initialStateParams[$0]), batch: RecurrentData.batch) }
        return RecurrentReference.run(x: x, mask: mask, backwards: flags.backwards, initial: initial) { xt, s in
            let (c0, h0) = RecurrentReference.lstmStep(x: xt, c: s[0], h: s[1], gates: lstmGates, units: n)
            let h1 = RecurrentReference.gruStep(x: (feedsInput ? xt : []) + h0, h: s[2], gates: gruGates, units: n,
                                                placement: .afterProduct, form: .gateOnCandidate)
            return [c0, h0, h1]
        }
    }

    @Test(arguments: RecurrentData.flagCases)
    func outputMatchesTheNetworkUnrolledByHand(flags: Flags) throws {
        let (layer, bottom, top, feeds) = try stacked(flags)
        let (values, shape) = RecurrentData.expected(try reference(layer, bottom, top, feeds, flags), state: 2, flags: flags)
        expectClose(try output(of: layer).eval(feeds), values, shape: shape, absolute: 1e-12, relative: 1e-10)
    }

    /// A tap on a level's gate reports that level's units: a GRU of 3 units over an LSTM of 2.
    @Test func tapsOnLevelsOfOtherWidthsReportTheirShape() throws {
        let (input, _, feeds) = try RecurrentData.inputs(Flags())
        let layer = try LayerDefaults.using(floatX: .float64, seed: 5) {
            let bottom = try LSTMCell(inputSize: d, units: 2, name: "stack.0")
            let top = try GRUCell(inputSize: d + 2, units: 3, name: "stack.1")
            return try RecurrenceLayer(incoming: input, cell: StackedCell([bottom, top], inputSize: d), name: "stack")
        }
        for (role, units) in [(VariableRole.forgetGate.atLevel(0), 2), (VariableRole.updateGate.atLevel(1), 3)] {
            let tap = try RecurrentTapLayer(of: layer, role: role)
            let computed = try output(of: [layer, tap])[1].eval(feeds).shape
            #expect(computed == [RecurrentData.batch, RecurrentData.steps, units], "\(role)")
            #expect(try outputShape(of: tap) == [nil, RecurrentData.steps, units], "\(role)")
        }
    }

    @Test func levelsReadOnlyTheLevelBelowWithoutFeedsInput() throws {
        let flags = Flags(masked: true)
        let (layer, bottom, top, feeds) = try stacked(flags, feedsInput: false)
        let (values, shape) = RecurrentData.expected(try reference(layer, bottom, top, feeds, flags, feedsInput: false), state: 2, flags: flags)
        expectClose(try output(of: layer).eval(feeds), values, shape: shape, absolute: 1e-12, relative: 1e-10)
    }

    @Test func everyLevelIsTappedFromTheSameLoop() throws {
        for flags in [Flags(masked: true), Flags(masked: true, backwards: true, onlyReturnFinal: true)] {
            let (layer, bottom, top, feeds) = try stacked(flags)
            let roles = [VariableRole.cell.atLevel(0), VariableRole.hidden.atLevel(0), VariableRole.hidden.atLevel(1)]
            #expect(layer.stateRoles == roles)
            let taps = try roles.map { try RecurrentTapLayer(of: layer, role: $0) }
            let gate = try RecurrentTapLayer(of: layer, role: VariableRole.updateGate.atLevel(1))
            let outputs = try output(of: [layer] + taps + [gate])
            let ref = try reference(layer, bottom, top, feeds, flags)
            for k in 0..<3 {
                let (values, shape) = RecurrentData.expected(ref, state: k, flags: flags)
                expectClose(try outputs[1 + k].eval(feeds), values, shape: shape, absolute: 1e-12, relative: 1e-10, "\(roles[k]), \(flags.testDescription)")
            }
            let u = try outputs[4].eval(feeds)
            #expect(u.shape == [RecurrentData.batch, RecurrentData.steps, n])
            #expect(u.doubles.allSatisfy { $0 > 0 && $0 < 1 }, "an update gate is a sigmoid")
            let loops = GraphTraversal.topologicalOrder(outputs).filter { $0.op is ScanOp }
            #expect(loops.count == 1, "one loop for all levels, found \(loops.count)")
        }
    }

    @Test func parametersAreEveryLevelsThenTheInitialStates() throws {
        let (layer, _, _, _) = try stacked(Flags())
        let names = layer.params.map { $0.expr.name ?? "?" }
        #expect(names.first == "stack.0.W_in_to_ingate")
        #expect(names.contains("stack.1.W_hid_to_resetgate"))
        #expect(Array(names.suffix(3)) == ["stack.level0.cell_init", "stack.level0.hid_init", "stack.level1.hid_init"])
    }

    @Test func gradientsMatchFiniteDifferences() throws {
        for flags in [Flags(masked: true), Flags(backwards: true, onlyReturnFinal: true, learnInit: true)] {
            let (layer, _, _, feeds) = try stacked(flags)
            let params = layer.parameters(tags: [.trainable]).map { $0 as! Shared }
            let input = (layer.inputLayers[0] as! InputLayer).inputVar
            try checkGradients(of: output(of: layer), wrt: params, inputs: [input], feeds: feeds)
        }
    }

    @Test func aLevelThatDoesNotFitTheOneBelowIsRefused() throws {
        let text = message {
            _ = try StackedCell([LSTMCell(inputSize: 3, units: 4), GRUCell(inputSize: 4, units: 2)], inputSize: 3)
        }
        #expect(text.contains("level 1 reads 4 features per step, expected 7"), "\(text)")
    }
}
