import Foundation
import Testing
import LaminaTensor
import LaminaGraph
@testable import Lamina
import LaminaTestSupport

/// A two-level nesting with two inputs, a branch and two outputs:
///
///     x ─┐ model: a ─ encoder: [h1 ─ h2] ─┬──────────── sum ─ head ─→ "out" ─ top
///     y ─┘        b ─ side ───────────────┘   encoder ─→ "code"
struct TwoLevelNetwork {
    let x, y: InputLayer
    let model: Network
    let top: DenseLayer

    init() throws {
        x = try InputLayer(shape: [nil, 3], name: "x")
        y = try InputLayer(shape: [nil, 2], name: "y")
        model = try Network(incomings: ["a": x, "b": y], name: "model") { inner in
            let encoder = try Sequential(incoming: inner["a"]!, name: "encoder", layers: [
                { try DenseLayer(incoming: $0, units: 4, name: "h1") },
                { try DenseLayer(incoming: $0, units: 3, name: "h2") },
            ])
            let side = try DenseLayer(incoming: inner["b"]!, units: 3, name: "side")
            let sum = try ElemwiseSumLayer(incomings: [encoder, side], name: "sum")
            return ["out": try DenseLayer(incoming: sum, units: 2, name: "head"), "code": encoder]
        }
        top = try DenseLayer(incoming: model, units: 1, name: "top")
    }
}

@Suite("Nested networks: Sequential and Network")
struct NestedNetworkTests {
    @Test func sequentialNamesParametersWithItsPathAndKeepsTheFlatOrder() throws {
        let input = try InputLayer(shape: [nil, 3], name: "x")
        let encoder = try Sequential(incoming: input, name: "enc", layers: [
            { try DenseLayer(incoming: $0, units: 4, name: "d1") },
            { try DenseLayer(incoming: $0, units: 2, name: "d2") },
        ])
        let out = try DenseLayer(incoming: encoder, units: 1, name: "out")
        // Hand-listed: out first, then the container's layers from its output down.
        #expect(allParams(of: out).map(\.name) == ["out.W", "out.b", "enc/d2.W", "enc/d2.b", "enc/d1.W", "enc/d1.b"])
        // The same layers built flat list their parameters in the same order.
        let flatInput = try InputLayer(shape: [nil, 3], name: "x")
        let d1 = try DenseLayer(incoming: flatInput, units: 4, name: "d1")
        let flatOut = try DenseLayer(incoming: try DenseLayer(incoming: d1, units: 2, name: "d2"), units: 1, name: "out")
        #expect(allParams(of: flatOut).map { $0.name! } == allParams(of: out).map { $0.name!.replacingOccurrences(of: "enc/", with: "") })
        #expect(allParams(of: out, order: .inputsFirst).map(\.name) == ["enc/d1.W", "enc/d1.b", "enc/d2.W", "enc/d2.b", "out.W", "out.b"])
        #expect(try encoder.layer(at: "d1").path == "enc/d1")
        #expect(try encoder.outputShape == [nil, 2])
    }

    @Test func parametersAreCollectedBreadthFirstThroughTheNesting() throws {
        let net = try TwoLevelNetwork()
        // Queue by hand: top; model → its outputs [head, encoder → h2]; head → sum; h2 → h1;
        // sum → [encoder → h2 (seen), side]; h1 → encoder input → model input a → x; side → b → y.
        #expect(allParams(of: net.top).map(\.name) == [
            "top.W", "top.b", "model/head.W", "model/head.b", "model/encoder/h2.W", "model/encoder/h2.b",
            "model/encoder/h1.W", "model/encoder/h1.b", "model/side.W", "model/side.b",
        ])
        #expect(layersBreadthFirstThroughNesting(of: [net.top]).map(\.path) ==
                ["top", "model/head", "model/encoder/h2", "model/sum", "model/encoder/h1", "model/side", "x", "y"])
        // A network's own parameters: the same walk, stopped at its inputs.
        #expect(net.model.parameters().map(\.name) == [
            "model/head.W", "model/head.b", "model/encoder/h2.W", "model/encoder/h2.b",
            "model/encoder/h1.W", "model/encoder/h1.b", "model/side.W", "model/side.b",
        ])
        // top 2·1 + 1, head 3·2 + 2, h2 4·3 + 3, h1 3·4 + 4, side 2·3 + 3.
        #expect(countParams(of: [net.top]) == 2 * 1 + 1 + 3 * 2 + 2 + 4 * 3 + 3 + 3 * 4 + 4 + 2 * 3 + 3)   // 51
    }

    @Test func outputsMatchAHandComputationAndInnerLayersCanBeTapped() throws {
        try float64 {
            let input = try InputLayer(shape: [nil, 2], name: "x")
            let net = try Sequential(incoming: input, name: "net", layers: [
                { try DenseLayer(incoming: $0, units: 3, W: f64([1, 0, -1, 2, 1, 0], [2, 3]), b: f64([0.5, 0, -0.5], [3]), nonlinearity: .linear, name: "d1") },
                { try DenseLayer(incoming: $0, units: 1, W: f64([1, -1, 2], [3, 1]), b: f64([0.25], [1]), nonlinearity: .linear, name: "d2") },
            ])
            let hidden = try net.layer(at: "d1")
            let outputs = try output(of: [hidden, net])
            let f = try function(inputs: [input.inputVar], outputs: outputs)
            let values = try f(f64([1, 2], [1, 2]))
            // numpy: h = [[1, 2]] @ [[1, 0, -1], [2, 1, 0]] + [0.5, 0, -0.5] = [[5.5, 2, -1.5]]
            expectClose(values[0], [5.5, 2, -1.5], shape: [1, 3], absolute: 1e-9, relative: 1e-9)
            // numpy: h @ [[1], [-1], [2]] + 0.25 = [[0.75]]
            expectClose(values[1], [0.75], shape: [1, 1], absolute: 1e-9, relative: 1e-9)
            // The tap and the output share one graph: the tap is an operand of the output's computation.
            #expect(GraphTraversal.find(in: [outputs[1]], where: [Role.layerKey: "net/d1", Role.key: Role.output]).first === outputs[0])
        }
    }

    @Test func tapsReachAnyDepthAndNamedOutputsShareTheNetworksPass() throws {
        let net = try TwoLevelNetwork()
        let h1 = try net.model.layer(at: "encoder/h1")
        #expect(h1.path == "model/encoder/h1" && h1 is DenseLayer)
        let code = try net.model.output(named: "code")
        let codeHead = try DenseLayer(incoming: code, units: 1, name: "codeHead")
        #expect(try code.outputShape == [nil, 3])
        let outs = try output(of: [h1, net.top, codeHead], deterministic: true)
        let h2 = try net.model.layer(at: "encoder/h2")
        let h2Out = GraphTraversal.find(in: [outs[2]], where: [Role.layerKey: "model/encoder/h2", Role.key: Role.output])
        let h2InTop = GraphTraversal.find(in: [outs[1]], where: [Role.layerKey: "model/encoder/h2", Role.key: Role.output])
        #expect(h2Out.count == 1 && h2InTop.count == 1 && h2Out[0] === h2InTop[0], "one pass through the network")
        // Values: the tap equals relu(x W_h1 + b_h1) computed from the parameter values.
        let x = NDArray([0.5, -1, 2, 1, 0.25, -0.5] as [Float], shape: [2, 3])
        let yv = NDArray([1, -2, 0.5, 0.75] as [Float], shape: [2, 2])
        let values = try function(inputs: [net.x.inputVar, net.y.inputVar], outputs: outs)(x, yv)
        let W = (h1 as! DenseLayer).W as! Shared, b = (h1 as! DenseLayer).b as! Shared
        let expected = try (Expr.constant(x).dot(Expr.constant(W.value)) + Expr.constant(b.value)).rectify().eval()
        expectClose(values[0], expected.doubles, shape: [2, 4], absolute: 1e-6, relative: 1e-6)
        #expect(h2.enclosing?.name == "encoder")
    }

    @Test func aStateUpdateInsideANetworkIsCollected() throws {
        let input = try InputLayer(shape: [nil, 3], name: "x")
        let net = try Sequential(incoming: input, name: "net", layers: [{ try BatchNormLayer(incoming: $0, name: "bn") }])
        let result = try outputsAndUpdates(of: [net])
        #expect(result.updates.map { $0.0.name } == ["net/bn.mean", "net/bn.inv_std"])
    }

    @Test func badNetworksAndPathsAreRejectedWithActionableMessages() throws {
        let x = try InputLayer(shape: [nil, 3], name: "x")
        let outside = try DenseLayer(incoming: x, units: 2, name: "outside")
        let leak = message {
            _ = try Network(incomings: ["a": x], name: "leaky") { inner in
                ["out": try ElemwiseSumLayer(incomings: [try DenseLayer(incoming: inner["a"]!, units: 2), outside])]
            }
        }
        #expect(leak.contains("leaky") && leak.contains("x, which is outside the network; pass it as a named input"))
        #expect(message { _ = try Sequential(incoming: x, name: "a/b", layers: [{ $0 }]) }.contains("may not contain '/'"))
        #expect(message { _ = try Sequential(incoming: x, layers: []) }.contains("at least one layer builder"))
        let net = try TwoLevelNetwork()
        let missing = message { _ = try net.model.layer(at: "encoder/h9") }
        #expect(missing.contains("no layer 'encoder/h9'") && missing.contains("names there: input, h1, h2"))
        #expect(message { _ = try net.model.output(named: "nope") }.contains("its outputs: out, code"))
        let reused = message { _ = try Sequential(incoming: x, layers: [{ _ in net.top }]) }
        #expect(reused.contains("outside the network") || reused.contains("already belongs"))
    }

    @Test func hierarchicalNamesGoIntoParameterFilesAndLoadByName() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("nested.npz").path
        let a = try LayerDefaults.using(seed: 1) { try TwoLevelNetwork() }
        let b = try LayerDefaults.using(seed: 2) { try TwoLevelNetwork() }
        #expect(allParamValues(of: [a.top]).map(\.doubles) != allParamValues(of: [b.top]).map(\.doubles))
        try saveParams(of: [a.top], to: path)
        let stored = try Npz.read(from: path)
        #expect(stored.map(\.name) == allParams(of: a.top).map { $0.name! })
        #expect(stored.map(\.name).contains("model/encoder/h1.W"))
        try loadParams(into: [b.top], from: path)
        #expect(allParamValues(of: [a.top]).map(\.doubles) == allParamValues(of: [b.top]).map(\.doubles))
    }
}
