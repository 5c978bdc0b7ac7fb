import Foundation
import Testing
import LaminaTensor
import LaminaGraph
@testable import Lamina
import LaminaTestSupport

@Suite("Recurrent: roles, taps, single steps and bidirectional layers")
struct RecurrentTapAndStepTests {
    typealias Flags = RecurrentData.Flags

    @Test func stepValuesAreAnnotatedAndFoundByRole() throws {
        let (layer, _) = try RecurrentLSTMTests().lstm(Flags())
        let x = Expr.input("x", dtype: .float64, shape: [nil, 3])
        let c = Expr.input("c", dtype: .float64, shape: [nil, 2]), h = Expr.input("h", dtype: .float64, shape: [nil, 2])
        let step = try layer.step(input: x, states: [c, h])
        #expect(step.internals.map(\.role) == [VariableRole.inputGate, .forgetGate, .cellCandidate, .outputGate])
        #expect(step.states.map { $0.annotations[Role.key] } == [Role.cell, Role.hidden])
        let forget = GraphTraversal.find(in: step.states, where: [Role.layerKey: "lstm", Role.key: Role.forgetGate])
        #expect(forget.count == 1)
        // f = σ(x·W_xf + h·W_hf + c ⊙ w_cf + b_f), by hand.
        let (xv, cv, hv) = ([0.3, -1.2, 0.8], [0.5, -0.4], [-0.1, 0.9])
        let g = try layer.gates.values()[.forgetgate]!
        let pre = RecurrentReference.add(RecurrentReference.add(RecurrentReference.product(xv, g.input.doubles, columns: 2), RecurrentReference.product(hv, g.hidden.doubles, columns: 2)),
                                RecurrentReference.add(RecurrentReference.mul(cv, paramValues(layer.W_cell_to_forgetgate)), g.bias.doubles))
        let value = try forget[0].eval([x: f64(xv, [1, 3]), c: f64(cv, [1, 2]), h: f64(hv, [1, 2])])
        expectClose(value, pre.map(RecurrentReference.sigmoid), shape: [1, 2], absolute: 1e-14, relative: 1e-9)
    }

    @Test func steppingByHandReproducesTheLoop() throws {
        // Sampling-style use: one compiled step, called once per time step.
        for flags in [Flags(masked: true), Flags()] {
            let (layer, feeds) = try RecurrentLSTMTests().lstm(flags)
            let x = Expr.input("x", dtype: .float64, shape: [nil, 3]), m = Expr.input("m", dtype: .float64, shape: [nil])
            let c = Expr.input("c", dtype: .float64, shape: [nil, 2]), h = Expr.input("h", dtype: .float64, shape: [nil, 2])
            let step = try layer.step(input: x, states: [c, h], mask: m)
            let f = try function(inputs: [x, m, c, h], outputs: step.states)
            let initial = try function(inputs: [x], outputs: try layer.initialStates(batchLike: x))
            let xs = feeds[(layer.inputLayers[0] as! InputLayer).inputVar]!
            let mask = flags.masked ? feeds[(layer.inputLayers[1] as! InputLayer).inputVar]! : NDArray(repeating: 1, shape: [2, 4], dtype: .float64)
            var states = try initial.call([try xs.slice([.all, .index(0)])])
            var hidden: [[Double]] = []
            for t in 0..<RecurrentData.steps {
                states = try f.call([try xs.slice([.all, .index(t)]), try mask.slice([.all, .index(t)])] + states)
                hidden.append(states[1].doubles)
            }
            let y = try output(of: layer).eval(feeds).doubles   // (batch, steps, units)
            let byStep = (0..<2).flatMap { b in (0..<RecurrentData.steps).flatMap { t in hidden[t][(b * 2)..<(b * 2 + 2)] } }
            expectClose(byStep, y, absolute: 1e-13, relative: 1e-11)
        }
    }

    @Test func tapsGiveEveryInternalValueFromTheSameLoop() throws {
        for flags in [Flags(masked: true, backwards: true), Flags(unroll: true), Flags(onlyReturnFinal: true)] {
            let (layer, feeds) = try RecurrentLSTMTests().lstm(flags)
            let taps = try [VariableRole.inputGate, .forgetGate, .cellCandidate, .outputGate].map { try RecurrentTapLayer(of: layer, role: $0) }
            let values = try output(of: [layer] + taps)
            let placeholders = feeds.keys.sorted { $0.id < $1.id }
            let results = try function(inputs: placeholders, outputs: values).call(feeds)
            for (tap, value) in zip(taps, results.dropFirst()) {
                let shape = try tap.outputShape
                #expect(value.shape == [2, RecurrentData.steps, 2] && shape == [nil, RecurrentData.steps, 2])
                #expect(value.doubles.allSatisfy { $0 > 0 && $0 < 1 } || tap.role == .cellCandidate)
            }
            // The forget gate at the first processed step, from the step function with the initial states.
            let t0 = flags.backwards ? RecurrentData.steps - 1 : 0
            let x = feeds[(layer.inputLayers[0] as! InputLayer).inputVar]!
            let xt = Expr.input("xt", dtype: .float64, shape: [nil, 3])
            let initial = try layer.initialStates(batchLike: xt)
            let first = try layer.step(input: xt, states: initial).internals[1].value.eval([xt: try x.slice([.all, .index(t0)])])
            let tapped = try results[2].slice([.all, .index(t0)])
            expectClose(tapped, first.doubles, shape: [2, 2], absolute: 1e-13, relative: 1e-9)
            // Graph walks find them by layer and role.
            let outputs = layer.recurrentOutputs(producing: values[0])!
            #expect(GraphTraversal.find(in: outputs.all, where: [Role.layerKey: "lstm", Role.key: Role.forgetGate]).count >= 1)
            if flags.unroll {
                // Unrolled, every step's gate is in the output's own graph.
                #expect(GraphTraversal.find(in: [values[0]], where: [Role.layerKey: "lstm", Role.key: Role.forgetGate]).count == RecurrentData.steps)
            } else {
                // Looped, the walk looks into the loop and returns the gate stacked over the steps.
                let found = GraphTraversal.find(in: [values[0]], where: [Role.layerKey: "lstm", Role.key: Role.forgetGate])
                #expect(found.count == 1)
                if let gate = found.first {
                    // The loop's result is time-major, (steps, batch, units); one of its rows is
                    // the forget gate of the first processed step, computed above by the step function.
                    let stacked = try function(inputs: placeholders, outputs: [gate]).call(feeds)[0]
                    #expect(stacked.shape == [RecurrentData.steps, 2, 2])
                    let rows = try (0..<RecurrentData.steps).map { try stacked.slice([.index($0)]).doubles }
                    #expect(rows.contains { row in zip(row, first.doubles).allSatisfy { Swift.abs($0 - $1) < 1e-13 } })
                }
            }
        }
    }

    @Test func tapErrorsSayWhatIsWrong() throws {
        let (layer, _) = try RecurrentLSTMTests().lstm(Flags())
        #expect(message { _ = try RecurrentTapLayer(of: layer, role: .resetGate, name: "tap") }
            .contains("lstm has no value with role resetgate; it has cell, hidden, ingate, forgetgate, cell_candidate, outgate"))
        let tap = try RecurrentTapLayer(of: layer, role: .cell, name: "tap")
        let replacement = Expr.input("h", dtype: .float64, shape: [nil, 4, 2])
        #expect(message { _ = try output(of: tap, inputs: [layer: replacement]) }.contains("was not computed by it in this pass"))
        let withLayerInit = try LSTMLayer(incoming: layer.inputLayers[0], units: 2, hidInit: .layer(try InputLayer(shape: [nil, 2])), name: "l2")
        #expect(message { _ = try withLayerInit.initialStates(batchLike: replacement) }.contains("the initial hidden state comes from the layer"))
        #expect(message { _ = try layer.step(input: replacement, states: []) }.contains("expects 2 states (cell, hidden), got 0"))
    }

    @Test func bidirectionalJoinsAlignedForwardAndBackwardStates() throws {
        try LayerDefaults.using(floatX: .float64, seed: 3) {
            let (input, mask, feeds) = try RecurrentData.inputs(Flags(masked: true))
            let bi = try BidirectionalLayer(name: "bi") { backwards in
                try GRULayer(incoming: input, units: 2, mask: mask, options: RecurrentOptions(backwards: backwards), name: backwards ? "b" : "f")
            }
            #expect(try bi.outputShape == [nil, RecurrentData.steps, 4])
            let joined = try output(of: bi).eval(feeds).doubles
            let f = try output(of: bi.forward).eval(feeds).doubles, b = try output(of: bi.backward).eval(feeds).doubles
            var expected: [Double] = []
            for k in 0..<(2 * RecurrentData.steps) {
                expected.append(contentsOf: f[(2 * k)..<(2 * k + 2)])
                expected.append(contentsOf: b[(2 * k)..<(2 * k + 2)])
            }
            expectClose(joined, expected, absolute: 0, relative: 1e-9)
            #expect(Set(allParams(of: bi).map(ObjectIdentifier.init)).count == 20)
            let forward = try GRULayer(incoming: input, units: 2)
            #expect(message { _ = try BidirectionalLayer(forward: forward, backward: forward, name: "bi") }
                .contains("needs a forward layer (backwards: false) and a backward layer (backwards: true)"))
        }
    }
}
