import Testing
import LaminaTensor
import LaminaGraph
@testable import Lamina
import LaminaTestSupport

@Suite("Recurrent: stateful layers")
struct StatefulRecurrentTests {
    /// A stateful GRU and an LSTM, each beside a twin that is not stateful and shares its weights.
    func twins(steps: Int) throws -> [(stateful: RecurrentLayerBase, plain: RecurrentLayerBase, input: InputLayer, plainInput: InputLayer)] {
        try LayerDefaults.using(floatX: .float64, seed: 6) {
            let input = try InputLayer(shape: [2, 3, 3], dtype: .float64, name: "x")
            let plainInput = try InputLayer(shape: [2, steps, 3], dtype: .float64, name: "whole")
            let gate = Gate(W_in: Normal(std: 0.5), W_hid: Normal(std: 0.5), W_cell: Normal(std: 0.5), b: Normal(std: 0.5))
            let lstm = try LSTMLayer(incoming: input, units: 2, ingate: gate, forgetgate: gate, outgate: gate,
                                     options: RecurrentOptions(stateful: true), name: "lstm")
            let g = lstm.gates.perGate
            func tied(_ gate: LSTMGate, _ peephole: Expr?) -> Gate {
                Gate(W_in: g[gate]!.input, W_hid: g[gate]!.hidden, W_cell: peephole, b: g[gate]!.bias,
                     nonlinearity: gate == .cell ? .tanh : .sigmoid)
            }
            let lstmPlain = try LSTMLayer(incoming: plainInput, units: 2, ingate: tied(.ingate, lstm.W_cell_to_ingate),
                                          forgetgate: tied(.forgetgate, lstm.W_cell_to_forgetgate), cell: tied(.cell, nil),
                                          outgate: tied(.outgate, lstm.W_cell_to_outgate))
            let gru = try GRULayer(incoming: input, units: 2, options: RecurrentOptions(backwards: false, stateful: true), name: "gru")
            let r = gru.gates.perGate
            func tiedGRU(_ gate: GRUGate) -> Gate {
                Gate(W_in: r[gate]!.input, W_hid: r[gate]!.hidden, W_cell: nil, b: r[gate]!.bias, nonlinearity: gate == .hiddenUpdate ? .tanh : .sigmoid)
            }
            let gruPlain = try GRULayer(incoming: plainInput, units: 2, resetgate: tiedGRU(.resetgate), updategate: tiedGRU(.updategate),
                                        hiddenUpdate: tiedGRU(.hiddenUpdate))
            return [(lstm, lstmPlain, input, plainInput), (gru, gruPlain, input, plainInput)]
        }
    }

    @Test func theFinalStateOfOneCallStartsTheNextUntilReset() throws {
        let x = RecurrentData.normal([2, 6, 3], seed: 21)
        let first = try x.slice([.all, .range(0, 3)]), second = try x.slice([.all, .range(3, 6)])
        for twin in try twins(steps: 6) {
            let pass = try outputsAndUpdates(of: [twin.stateful])
            #expect(pass.updates.count == twin.stateful.stateRoles.count)
            let call = try function(inputs: [twin.input.inputVar], outputs: pass.outputs, updates: pass.updates)
            // The whole sequence in one call of the twin: its last three steps are what the second call must give.
            let whole = try output(of: twin.plain).eval([twin.plainInput.inputVar: x])
            let expectedFirst = try whole.slice([.all, .range(0, 3)]), expectedSecond = try whole.slice([.all, .range(3, 6)])
            expectClose(try call.call([twin.input.inputVar: first])[0].doubles, expectedFirst.doubles, absolute: 1e-13, relative: 1e-11)
            expectClose(try call.call([twin.input.inputVar: second])[0].doubles, expectedSecond.doubles, absolute: 1e-13, relative: 1e-11)
            // After a reset the second half starts from zeros, as the twin run on it alone.
            try twin.stateful.resetStates()
            #expect(twin.stateful.carriedStates.allSatisfy { $0.value.doubles.allSatisfy { $0 == 0 } })
            let alone = try output(of: twin.plain).eval([twin.plainInput.inputVar: NDArray.concatenate([second, second], axis: 1)])
            expectClose(try call.call([twin.input.inputVar: second])[0].doubles, try alone.slice([.all, .range(0, 3)]).doubles,
                        absolute: 1e-13, relative: 1e-11)
        }
    }

    @Test func aStatefulLayerNeedsAFixedBatch() {
        let text = message {
            let input = try InputLayer(shape: [nil, 3, 2])
            _ = try LSTMLayer(incoming: input, units: 2, options: RecurrentOptions(stateful: true), name: "lstm")
        }
        #expect(text.contains("lstm") && text.contains("stateful needs a batch size fixed"), "\(text)")
    }
}
