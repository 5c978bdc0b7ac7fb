import Lamina
import LaminaGraph
import LaminaTensor
import Testing
@testable import LaminaCompare

@Suite struct ComparisonNetworkTests {
    func spec(_ profile: String, seed: UInt64 = 3) -> RunSpecification {
        RunSpecification(study: "s", task: "adding", profile: profile, seed: seed, cell: "lstm", units: 4, epochs: 1, batchSize: 2,
                         optimizer: "adam", learningRate: 0.01, clipNorm: 0, libraryDefaults: false, taskOptions: [:])
    }

    @Test func theModelIsAnUnnamedSequentialThatKeepsFlatNamesAndOrder() throws {
        let s = spec("lasagne")
        let network = try ComparisonNetwork(task: AddingTask(), spec: s, profile: try s.resolveProfile(), steps: 5)
        #expect(network.readout is Sequential && network.recurrent.enclosing === network.readout)
        let names = network.parameters.map { $0.name! }
        #expect(names.prefix(2) == ["readout.W", "readout.b"] && names[2] == "recurrent.W_in_to_ingate")
        #expect(try (network.readout as! Sequential).layer(at: "recurrent") === network.recurrent)
    }

    @Test func reinitializingWithAProfileGivesItsValuesAndKeepsTheGraph() throws {
        let (a, b) = (spec("lasagne"), spec("lasagne", seed: 4))
        let network = try ComparisonNetwork(task: AddingTask(), spec: a, profile: try a.resolveProfile(), steps: 5)
        let fresh = try ComparisonNetwork(task: AddingTask(), spec: b, profile: try b.resolveProfile(), steps: 5)
        let f = try function(inputs: [network.input.inputVar, network.mask.inputVar], outputs: [try output(of: network.readout)])
        let x = NDArray([Float](repeating: 0.5, count: 10), shape: [1, 5, 2]), m = NDArray([Float](repeating: 1, count: 5), shape: [1, 5])
        let before = try f(x, m)[0].doubles
        let shared = network.parameters
        try network.reinitialize(as: try b.resolveProfile(), task: AddingTask(), spec: b, steps: 5)
        #expect(network.parameters.elementsEqual(shared, by: ===), "the same shared variables")
        #expect(network.parameters.map(\.value.doubles) == fresh.parameters.map(\.value.doubles))
        let g = try function(inputs: [fresh.input.inputVar, fresh.mask.inputVar], outputs: [try output(of: fresh.readout)])
        #expect(try f(x, m)[0].doubles == g(x, m)[0].doubles && before != g(x, m)[0].doubles)
    }

    @Test func aProfileWithAnotherLayoutIsRefusedAndChangesNothing() throws {
        let (a, b) = (spec("lasagne"), spec("keras2"))
        let network = try ComparisonNetwork(task: AddingTask(), spec: a, profile: try a.resolveProfile(), steps: 5)
        let values = network.parameters.map(\.value.doubles)
        var text = ""
        do { try network.reinitialize(as: try b.resolveProfile(), task: AddingTask(), spec: b, steps: 5) } catch { text = "\(error)" }
        #expect(text.contains("7 values were given for 19 parameters"))   // keras2 lays its gates out stacked, in 7 arrays
        #expect(network.parameters.map(\.value.doubles) == values)
    }
}
