import Testing
import LaminaTensor
import LaminaGraph
@testable import Lamina
import LaminaTestSupport

/// ``VariableFilter/values(of:in:order:)``: the values a pass computed, selected by role
/// (with sub-roles), layer, layer kind and name, as hand-listed below.
@Suite("Variable filters over a pass's values")
struct ValueFilterTests {
    /// The names `"<layer path>.<role>"` of the selected values.
    func names(_ filter: VariableFilter, _ model: Layer, _ y: Expr) -> [String] {
        filter.values(of: [model], in: [y]).map { "\($0.layer.path).\($0.role.name)" }
    }

    @Test func rolesAndLevelsFormAHierarchy() {
        #expect(VariableRole.forgetGate.isKind(of: .gate) && VariableRole.forgetGate.isKind(of: .internalValue))
        #expect(!VariableRole.cellCandidate.isKind(of: .gate) && VariableRole.cellCandidate.isKind(of: .candidate))
        #expect(VariableRole.attentionContext.isKind(of: .state) && !VariableRole.attentionWeights.isKind(of: .state))
        let level = VariableRole.hidden.atLevel(1)
        #expect(level.name == "level1.hidden" && level.ancestors == ["hidden", "state", "intermediate"])
        #expect(VariableRole("level1.hidden") == level && VariableRole("level1.hidden").ancestors == level.ancestors)
        #expect(VariableRole("level0.level1.hidden").ancestors == ["level1.hidden", "hidden", "state", "intermediate"])
        #expect(VariableRole("levelx.hidden").parent == nil && VariableRole("level1.").parent == nil)
    }

    /// model = Sequential "model" [lstm (units 2, no peepholes, final state), dense "readout"] over x.
    func model() throws -> (Sequential, Expr, InputLayer) {
        let input = try InputLayer(shape: [nil, 4, 3], name: "x")
        let model = try Sequential(incoming: input, name: "model", layers: [
            { try LSTMLayer(incoming: $0, units: 2, peepholes: false, options: RecurrentOptions(onlyReturnFinal: true), name: "lstm") },
            { try DenseLayer(incoming: $0, units: 1, name: "readout") },
        ])
        return (model, try output(of: model), input)
    }

    @Test func selectsByRoleIncludingSubRoles() throws {
        let (model, y, _) = try model()
        // Breadth first from the model's output: the readout, then the LSTM, then the input.
        #expect(names(VariableFilter(roles: [.gate]), model, y) == ["model/lstm.ingate", "model/lstm.forgetgate", "model/lstm.outgate"])
        #expect(names(VariableFilter(roles: [.internalValue]), model, y)
                == ["model/lstm.ingate", "model/lstm.forgetgate", "model/lstm.cell_candidate", "model/lstm.outgate"])
        #expect(names(VariableFilter(roles: [.state]), model, y) == ["model/lstm.cell", "model/lstm.hidden"])
        #expect(names(VariableFilter(roles: [.output, .input]), model, y) == ["model/readout.output", "model/lstm.output", "x.input"])
        #expect(names(VariableFilter(roles: [.gate], tags: [.trainable]), model, y).isEmpty, "values carry no tags")
    }

    @Test func selectsByLayerKindAndName() throws {
        let (model, y, _) = try model()
        let lstm = try model.layer(at: "lstm")
        #expect(names(VariableFilter(layers: [lstm]), model, y) == ["model/lstm.output", "model/lstm.cell", "model/lstm.hidden", "model/lstm.ingate",
                                                                   "model/lstm.forgetgate", "model/lstm.cell_candidate", "model/lstm.outgate"])
        #expect(names(VariableFilter().layers(ofKind: DenseLayer.self), model, y) == ["model/readout.output"])
        #expect(names(VariableFilter(name: "model/lstm.*gate"), model, y) == ["model/lstm.ingate", "model/lstm.forgetgate", "model/lstm.outgate"])
        #expect(names(VariableFilter(name: "*.output"), model, y).isEmpty, "* does not cross '/'")
    }

    @Test func selectedValuesAreTheOnesThePassComputed() throws {
        let (model, y, input) = try model()
        let found = VariableFilter(roles: [.output]).values(of: [model], in: [y])
        #expect(found.first?.value === y, "the readout's output is the model's output")
        let lstm = try model.layer(at: "lstm") as! LSTMLayer
        let forget = try #require(VariableFilter(roles: [.forgetGate]).values(of: [model], in: [y]).first?.value)
        // The loop's stacked forget gate, time major (steps, batch, units): its first step is the
        // forget gate of the layer's single step from the input's first step and the initial states.
        let feed = NDArray((0..<24).map { Double($0) / 10 - 1 }, shape: [2, 4, 3]).cast(to: input.inputVar.dtype)
        let stacked = try function(inputs: [input.inputVar], outputs: [forget]).call([feed])[0]
        let xt = Expr.input("xt", dtype: input.inputVar.dtype, shape: [nil, 3])
        let first = try lstm.step(input: xt, states: lstm.initialStates(batchLike: xt)).internals[1]
        #expect(first.role == .forgetGate)
        let expected = try first.value.eval([xt: try feed.slice([.all, .index(0)])])
        #expect(stacked.shape == [4, 2, 2])
        expectClose(try stacked.slice([.index(0)]).doubles, expected.doubles, absolute: 1e-6, relative: 1e-6)   // float32
    }
}
