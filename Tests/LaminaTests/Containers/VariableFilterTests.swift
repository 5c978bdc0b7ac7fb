import Testing
import LaminaTensor
import LaminaGraph
@testable import Lamina

@Suite("Roles with a hierarchy, and variable filters")
struct VariableFilterTests {
    @Test func rolesFormAHierarchyAndKeepTheirNames() {
        #expect(VariableRole.recurrentWeight.isKind(of: .weight) && VariableRole.recurrentWeight.isKind(of: .parameter))
        #expect(VariableRole.bias.isKind(of: .parameter) && !VariableRole.bias.isKind(of: .weight))
        #expect(!VariableRole.runningAverage.isKind(of: .parameter) && VariableRole.runningAverage.isKind(of: .auxiliary))
        #expect(VariableRole(Role.weight) == .weight && ("bias" as VariableRole) == .bias)
        #expect(VariableRole(Role.forgetGate).parent == .gate && VariableRole.forgetGate.ancestors == ["gate", "internal_value", "intermediate"])
        #expect(VariableRole.cell.ancestors == ["state", "intermediate"] && VariableRole.cellCandidate.parent == .candidate)
        let attention = VariableRole("attention_weight", parent: .weight)
        #expect(attention.ancestors == ["weight", "parameter"] && attention.isKind(of: .parameter))
        #expect(VariableRole("user_role").parent == nil)
        #expect(VariableRole.refined(Role.weight, parameterName: "W_hid_to_ingate") == .recurrentWeight)
        #expect(VariableRole.refined(Role.weight, parameterName: "W") == .weight)
    }

    /// model = Sequential "model" [lstm (units 2, no peepholes, final state), dense "readout"].
    func model() throws -> (Layer, Sequential) {
        let input = try InputLayer(shape: [nil, 4, 3], name: "x")
        let model = try Sequential(incoming: input, name: "model", layers: [
            { try LSTMLayer(incoming: $0, units: 2, peepholes: false, options: RecurrentOptions(onlyReturnFinal: true), name: "lstm") },
            { try DenseLayer(incoming: $0, units: 1, name: "readout") },
        ])
        return (input, model)
    }

    @Test func selectsByRoleIncludingSubRoles() throws {
        let (_, model) = try model()
        // Lasagne's LSTM order: per gate (ingate, forgetgate, cell, outgate) W_in, W_hid, b; the readout first.
        let gates = ["ingate", "forgetgate", "cell", "outgate"]
        #expect(VariableFilter(roles: [.recurrentWeight]).parameters(of: [model]).map { $0.name! } == gates.map { "model/lstm.W_hid_to_\($0)" })
        #expect(VariableFilter(roles: [.weight]).parameters(of: [model]).map { $0.name! } ==
                ["model/readout.W"] + gates.flatMap { ["model/lstm.W_in_to_\($0)", "model/lstm.W_hid_to_\($0)"] })
        #expect(VariableFilter(roles: [.bias]).parameters(of: [model]).map { $0.name! } == ["model/readout.b"] + gates.map { "model/lstm.b_\($0)" })
        #expect(VariableFilter(roles: [.bias, .inputWeight], tags: [.regularizable]).parameters(of: [model]).count == 4)
    }

    @Test func selectsByLayerKindAndName() throws {
        let (_, model) = try model()
        let lstm = try model.layer(at: "lstm")
        #expect(VariableFilter(layers: [lstm]).parameters(of: [model]).count == 12 + 2)   // 12 gate arrays + 2 initial states
        #expect(VariableFilter(layers: [model]).parameters(of: [model]).count == 16)
        #expect(VariableFilter().layers(ofKind: DenseLayer.self).parameters(of: [model]).map { $0.name! } == ["model/readout.W", "model/readout.b"])
        #expect(VariableFilter(roles: [.weight]).layers(ofKind: LSTMLayer.self).parameters(of: [model]).count == 8)
        #expect(VariableFilter(name: "model/*.W_*_to_cell").parameters(of: [model]).map { $0.name! } ==
                ["model/lstm.W_in_to_cell", "model/lstm.W_hid_to_cell"])
        #expect(VariableFilter(name: "*.W").parameters(of: [model]).isEmpty, "* does not cross '/'")
        #expect(VariableFilter(name: "**.W").parameters(of: [model]).map { $0.name! } == ["model/readout.W"])
    }

    @Test func globsMatchWholeNames() {
        #expect(globMatches("encoder/*.W*", "encoder/lstm1.W_hid_to_ingate"))
        #expect(!globMatches("encoder/*.W*", "encoder/inner/lstm1.W"))
        #expect(globMatches("encoder/**.W*", "encoder/inner/lstm1.W"))
        #expect(globMatches("a?c", "abc") && !globMatches("a?c", "a/c") && !globMatches("a?c", "abcd"))
        #expect(globMatches("**", "") && globMatches("*", "") && !globMatches("", "a"))
    }
}
