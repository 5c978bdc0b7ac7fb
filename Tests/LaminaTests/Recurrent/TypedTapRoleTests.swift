import Testing
import LaminaTensor
import LaminaGraph
@testable import Lamina
import LaminaTestSupport

/// Taps take typed roles (``VariableRole``), with their place in the hierarchy;
/// every role of the LSTM, GRU, stacked and attention-decoder cells, tapped
/// from the loop, equals the same value computed by calling the layer's
/// single step once per time step (no loop, no graph search).
@Suite("Recurrent: typed tap roles")
struct TypedTapRoleTests {
    typealias Flags = RecurrentData.Flags

    /// Per role of `layer`, its value at every step (batch, steps, units…), from a compiled
    /// single step (``RecurrentLayerBase/step(input:states:mask:contexts:deterministic:)``) called once per step.
    func stepped(_ layer: RecurrentLayerBase, _ feeds: [Expr: NDArray]) throws -> [VariableRole: [Double]] {
        let xs = feeds[(layer.inputLayers[0] as! InputLayer).inputVar]!                 // (batch, steps, features)
        let x = Expr.input("xt", dtype: .float64, shape: [nil, xs.shape[2]])
        let states = layer.stateShapes.enumerated().map { Expr.input("s\($0)", dtype: .float64, shape: [nil] + $1.map { $0 }) }
        let contexts = layer.contextIndices.map { (layer.inputLayers[$0] as! InputLayer).inputVar }
        let step = try layer.step(input: x, states: states, contexts: contexts)
        let roles = layer.stateRoles + step.internals.map(\.role)
        let f = try function(inputs: [x] + states + contexts, outputs: step.states + step.internals.map(\.value))
        var current = try function(inputs: [x], outputs: try layer.initialStates(batchLike: x)).call([try xs.slice([.all, .index(0)])])
        var perStep: [[NDArray]] = []                                                    // [step][role]: (batch, units…)
        for t in 0..<xs.shape[1] {
            let values = try f.call([try xs.slice([.all, .index(t)])] + current + contexts.map { feeds[$0]! })
            perStep.append(values)
            current = Array(values.prefix(states.count))
        }
        var result: [VariableRole: [Double]] = [:]
        for (k, role) in roles.enumerated() {
            let rows = perStep.map { $0[k] }
            let width = rows[0].doubles.count / xs.shape[0]
            result[role] = (0..<xs.shape[0]).flatMap { b in rows.flatMap { $0.doubles[(b * width)..<((b + 1) * width)] } }
        }
        return result
    }

    /// Taps every state and internal value of `layer` in one pass and compares each with ``stepped(_:_:)``.
    func expectTapsMatchSteps(_ layer: RecurrentLayerBase, _ feeds: [Expr: NDArray], roles: [String], _ what: String) throws {
        let all = layer.stateRoles + layer.internalRoles
        #expect(all.map(\.name) == roles, "\(what): the hand-listed roles")
        let taps = try all.map { try RecurrentTapLayer(of: layer, role: $0) }
        let values = try output(of: [layer] + taps)
        let placeholders = feeds.keys.sorted { $0.id < $1.id }
        let computed = try function(inputs: placeholders, outputs: Array(values.dropFirst())).call(feeds)
        let expected = try stepped(layer, feeds)
        for (tap, value) in zip(taps, computed) {
            #expect(tap.role.isKind(of: layer.stateRoles.contains(tap.role) ? .state : .internalValue), "\(what) \(tap.role)")
            #expect(try tap.outputShape == [nil] + value.shape.dropFirst().map { $0 }, "\(what) \(tap.role)")
            expectClose(value.doubles, expected[tap.role]!, absolute: 1e-12, relative: 1e-10, "\(what) \(tap.role)")
        }
    }

    @Test func lstmAndGRU() throws {
        let (lstm, lstmFeeds) = try RecurrentLSTMTests().lstm(Flags())
        try expectTapsMatchSteps(lstm, lstmFeeds, roles: ["cell", "hidden", "ingate", "forgetgate", "cell_candidate", "outgate"], "LSTM")
        let (gru, gruFeeds) = try RecurrentGRUTests().gru(Flags())
        try expectTapsMatchSteps(gru, gruFeeds, roles: ["hidden", "resetgate", "updategate", "hidden_update"], "GRU")
    }

    @Test func stackedLevels() throws {
        let (layer, _, _, feeds) = try StackedCellTests().stacked(Flags())
        try expectTapsMatchSteps(layer, feeds, roles: ["level0.cell", "level0.hidden", "level1.hidden",
                                                       "level0.ingate", "level0.forgetgate", "level0.cell_candidate", "level0.outgate",
                                                       "level1.resetgate", "level1.updategate", "level1.hidden_update"], "stacked")
        #expect(layer.stateRoles[2] == VariableRole.hidden.atLevel(1) && layer.stateRoles[2].isKind(of: .hidden))
        #expect(layer.internalRoles.filter { $0.isKind(of: .gate) }.map(\.name)
                == ["level0.ingate", "level0.forgetgate", "level0.outgate", "level1.resetgate", "level1.updategate"])
    }

    @Test func attentionDecoder() throws {
        let m = try AttentionDecoderCellTests().model(Flags())
        try expectTapsMatchSteps(m.layer, m.feeds, roles: ["hidden", "attention_context", "resetgate", "updategate", "hidden_update",
                                                           "attention_weights"], "decoder")
    }

    @Test func aRoleTheCellDoesNotHaveIsAnErrorListingItsRoles() throws {
        let (stacked, _, _, _) = try StackedCellTests().stacked(Flags())
        #expect(message { _ = try RecurrentTapLayer(of: stacked, role: .hidden, name: "tap") } ==
                "tap: stack has no value with role hidden; it has level0.cell, level0.hidden, level1.hidden, level0.ingate, level0.forgetgate, level0.cell_candidate, level0.outgate, level1.resetgate, level1.updategate, level1.hidden_update")
        let m = try AttentionDecoderCellTests().model(Flags())
        #expect(message { _ = try RecurrentTapLayer(of: m.layer, role: .cell) }.contains(
            "decoder has no value with role cell; it has hidden, attention_context, resetgate, updategate, hidden_update, attention_weights"))
        // A role named by its string is the same role, with the same place in the hierarchy.
        let tap = try RecurrentTapLayer(of: stacked, role: "level1.updategate")
        #expect(tap.role == VariableRole.updateGate.atLevel(1) && tap.role.ancestors == ["updategate", "gate", "internal_value", "intermediate"])
    }
}
