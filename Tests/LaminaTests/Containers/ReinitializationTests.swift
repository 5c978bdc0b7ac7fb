import Testing
import LaminaTensor
import LaminaGraph
@testable import Lamina
import LaminaTestSupport

@Suite("Re-initializing a built network")
struct ReinitializationTests {
    @Test func redrawsInPlaceWithTheNewInitializersDrawsAndReusesTheCompiledGraph() throws {
        try float64 {
            let input = try InputLayer(shape: [nil, 3], name: "x")
            let net = try Sequential(incoming: input, name: "net", layers: [
                { try DenseLayer(incoming: $0, units: 4, name: "d1") },
                { try DenseLayer(incoming: $0, units: 2, nonlinearity: .linear, name: "d2") },
            ])
            let f = try function(inputs: [input.inputVar], outputs: [try output(of: net)])
            let x = f64([0.5, -1, 2, 1, 0.25, -0.5], [2, 3])
            let before = try f(x)[0]
            let params = allParams(of: net)
            let redrawn = try reinitialize([net], seed: 9, roles: [.weight: Uniform(range: 0.5), .bias: Constant(0.25)])
            #expect(redrawn.map(\.name) == ["net/d2.W", "net/d2.b", "net/d1.W", "net/d1.b"])
            #expect(allParams(of: net).elementsEqual(params, by: ===), "the same shared variables")
            // Independently: the initializers sampled in breadth-first order from a generator seeded 9.
            var generator = RandomGenerator(seed: 9)
            let w2 = try Uniform(range: 0.5).sample(shape: [4, 2], dtype: .float64, using: &generator)
            let w1 = try Uniform(range: 0.5).sample(shape: [3, 4], dtype: .float64, using: &generator)
            #expect(params[0].value.doubles == w2.doubles && params[2].value.doubles == w1.doubles)
            #expect(params[1].value.doubles == [0.25, 0.25] && params[3].value.doubles == [0.25, 0.25, 0.25, 0.25])
            // The function compiled before sees the new values: relu(x w1 + 0.25) w2 + 0.25.
            let after = try f(x)[0]
            let hidden = try (Expr.constant(x).dot(Expr.constant(w1)) + 0.25).rectify()
            let expected = try (hidden.dot(Expr.constant(w2)) + 0.25).eval()
            expectClose(after, expected.doubles, shape: [2, 2], absolute: 1e-9, relative: 1e-9)
            #expect(after.doubles != before.doubles)
        }
    }

    @Test func aSubNetworkAloneCanBeRedrawnAndTheMostSpecificRoleWins() throws {
        try float64 {
            let input = try InputLayer(shape: [nil, 2, 3], name: "x")
            let encoder = try Sequential(incoming: input, name: "encoder", layers: [
                { try LSTMLayer(incoming: $0, units: 2, peepholes: false, options: RecurrentOptions(onlyReturnFinal: true), name: "lstm") },
            ])
            let readout = try DenseLayer(incoming: encoder, units: 1, name: "readout")
            let readoutW = try readout.W.eval().doubles
            try reinitialize([encoder], seed: 3, roles: [.weight: Constant(1), .recurrentWeight: Constant(2), .parameter: Constant(3)])
            #expect(try readout.W.eval().doubles == readoutW, "outside the sub-network: unchanged")
            for param in encoder.parameters().compactMap({ $0 as? Shared }) {
                let name = param.name!
                let expected: Double = name.contains("W_hid") ? 2 : name.contains("W_in") ? 1 : 3
                #expect(Set(param.value.doubles) == [expected], "\(name)")
            }
        }
    }

    @Test func anInitializerThatCannotFillAParameterChangesNothing() throws {
        try float64 {
            let input = try InputLayer(shape: [nil, 3], name: "x")
            let net = try Sequential(incoming: input, name: "net", layers: [{ try DenseLayer(incoming: $0, units: 2, name: "d") }])
            let values = allParamValues(of: [net]).map(\.doubles)
            let error = message { try reinitialize([net], seed: 1) { _, _ in Orthogonal() } }   // a bias has one axis
            #expect(error.contains("net/d") && error.contains("re-initializing net/d.b"))
            #expect(allParamValues(of: [net]).map(\.doubles) == values)
        }
    }

    @Test func copyingFromATemplateChecksTheLayout() throws {
        let a = try LayerDefaults.using(seed: 1) { try TwoLevelNetwork() }
        let b = try LayerDefaults.using(seed: 2) { try TwoLevelNetwork() }
        try reinitialize([a.top], like: [b.top])
        #expect(allParamValues(of: [a.top]).map(\.doubles) == allParamValues(of: [b.top]).map(\.doubles))
        let other = try DenseLayer(incoming: try InputLayer(shape: [nil, 3]), units: 1)
        #expect(message { try reinitialize([a.top], like: [other]) }.contains("2 values were given for 10 parameters"))
    }
}
