import Testing
import LaminaTensor
import LaminaGraph
@testable import Lamina

/// Taps are read from the graph of the recurrent layer's output (the loop
/// node it comes from), not from a memory of recent passes.
@Suite("Recurrent: taps from data flow")
struct RecurrentTapDataFlowTests {
    typealias Flags = RecurrentData.Flags

    @Test func anOldOutputStillGivesItsLoopsValues() throws {
        for flags in [Flags(), Flags(backwards: true), Flags(unroll: true)] {
            let (layer, feeds) = try RecurrentLSTMTests().lstm(flags)
            let first = try output(of: layer)
            // More passes than the 16 the layer used to remember.
            for _ in 0..<20 { _ = try output(of: layer) }
            let outputs = try #require(layer.recurrentOutputs(producing: first))
            let placeholders = feeds.keys.sorted { $0.id < $1.id }
            let f = try function(inputs: placeholders, outputs: [first, outputs.finalStates[.hidden]!, outputs.states[.hidden]!,
                                                                 outputs.internals[.forgetGate]!])
            if !flags.unroll { #expect(f.steps.filter { $0.hasPrefix("scan{") }.count == 1, "\(f.steps)") }
            let v = try f.call(feeds)
            // The final hidden state is the output's row for the last processed step (the first one going backwards),
            // and the per-step hidden state is the output itself.
            let last = flags.backwards ? 0 : RecurrentData.steps - 1
            #expect(v[1].doubles == (try v[0].slice([.all, .index(last)]).doubles))
            #expect(v[2].doubles == v[0].doubles)
            #expect(v[3].shape == [2, RecurrentData.steps, 2] && v[3].doubles.allSatisfy { $0 > 0 && $0 < 1 })
        }
        // An expression the layer did not compute has no loop values.
        let (layer, _) = try RecurrentLSTMTests().lstm(Flags())
        #expect(layer.recurrentOutputs(producing: Expr.input("h", dtype: .float64, shape: [nil, 4, 2])) == nil)
    }
}
