import Testing
import LaminaTensor
import LaminaGraph
@testable import Lamina
import LaminaTestSupport

/// A layer with a weight, a bias-like vector and a user-tagged parameter, for tag tests.
final class TaggedLayer: Layer, @unchecked Sendable {
    override init(incoming: Layer, name: String?) throws {
        let n = try incoming.outputShape[1]!
        try super.init(incoming: incoming, name: name)
        try addParam(Constant(1), shape: [n, n], name: "W", role: Role.weight)
        try addParam(Constant(0), shape: [n], name: "c", role: Role.bias, tags: .bias)
        try addParam(Constant(2), shape: [n], name: "frozen", tags: ["frozen", .regularizable])
    }
    override func output(for inputs: [Expr], deterministic: Bool) throws -> Expr {
        try (inputs[0].dot(params[0].expr) + params[1].expr) * params[2].expr
    }
}

@Suite("Layer, InputLayer and parameter registration")
struct LayerBaseTests {
    @Test func inputLayerWrapsAPlaceholderOfItsShape() throws {
        let input = try InputLayer(shape: [nil, 3], name: "x")
        #expect(try input.outputShape == [nil, 3])
        #expect(input.inputVar.isInput && input.inputVar.shape == [nil, 3])
        #expect(input.inputVar.dtype == .float32)
        #expect(input.inputVar.annotations == [Role.layerKey: "x", Role.key: Role.input])
        #expect(try output(of: input) === input.inputVar)
        #expect(input.inputLayers.isEmpty && input.params.isEmpty)
    }

    @Test func inputLayerTakesFloatXAndAnExplicitDtype() throws {
        let wide = try float64 { try InputLayer(shape: [2]) }
        #expect(wide.inputVar.dtype == .float64)
        let tokens = try InputLayer(shape: [nil, 5], dtype: .int32)
        #expect(tokens.inputVar.dtype == .int32)
    }

    @Test func inputLayerRefusesNonPositiveSizesAndMisfittingVariables() {
        #expect(message { _ = try InputLayer(shape: [nil, 0], name: "bad") }.contains("sizes must be positive"))
        let x = Expr.input("x", shape: [nil, 4])
        #expect(message { _ = try InputLayer(shape: [nil, 3], inputVar: x) }.contains("does not fit the shape (?, 3)"))
        #expect((try? InputLayer(shape: [5, 4], inputVar: x)) != nil)
    }

    @Test func parametersAreRegisteredInOrderWithNamesTagsAndRoles() throws {
        let input = try float64 { try InputLayer(shape: [nil, 2]) }
        let layer = try float64 { try TaggedLayer(incoming: input, name: "t") }
        #expect(layer.params.map { $0.expr.name } == ["t.W", "t.c", "t.frozen"])
        #expect(layer.params.map(\.tags) == [[.trainable, .regularizable], [.trainable], ["frozen", .regularizable]])
        #expect(layer.params[0].expr.annotations == [Role.layerKey: "t", Role.key: Role.weight])
        #expect(layer.params[1].expr.annotations[Role.key] == Role.bias)
        #expect(layer.params[2].expr.annotations[Role.key] == Role.parameter)
        #expect(layer.parameters(tags: [.trainable]).map(\.name) == ["t.W", "t.c"])
        #expect(layer.parameters(tags: [.regularizable], excluding: ["frozen"]).map(\.name) == ["t.W"])
        #expect(layer.parameters(excluding: [.trainable]).map(\.name) == ["t.frozen"])
        #expect(layer.parameters(tags: [.trainable, .regularizable]).map(\.name) == ["t.W"])
    }

    @Test func unnamedLayersGiveShortParameterNamesAndAnnotateWithTheClassName() throws {
        let input = try InputLayer(shape: [nil, 2])
        let dense = try DenseLayer(incoming: input, units: 2)
        #expect(dense.W.name == "W" && dense.b?.name == "b")
        #expect(dense.W.annotations[Role.layerKey] == "DenseLayer")
        #expect(dense.description == "DenseLayer (?, 2)")
        let named = try DenseLayer(incoming: input, units: 2, name: "h")
        #expect(named.description == "DenseLayer \"h\" (?, 2)")
    }

    @Test func parametersComeFromAnArrayAndArraysOfTheWrongShapeAreRefused() throws {
        let input = try InputLayer(shape: [nil, 2])
        let W = f32([1, 2, 3, 4, 5, 6], [2, 3])
        let dense = try DenseLayer(incoming: input, units: 3, W: W, name: "d")
        #expect((dense.W as? Shared)?.value.doubles == [1, 2, 3, 4, 5, 6])
        let text = message { _ = try DenseLayer(incoming: input, units: 2, W: W, name: "d") }
        #expect(text.contains("d: parameter W") && text.contains("shape (2, 3)") && text.contains("parameter of shape (2, 2)"))
    }

    @Test func expressionParametersTieAndDeriveWeights() throws {
        let input = try InputLayer(shape: [nil, 4])
        let encoder = try DenseLayer(incoming: input, units: 2, name: "enc")
        let decoder = try DenseLayer(incoming: encoder, units: 4, W: try encoder.W.transposed(), name: "dec")
        // The derived weight is annotated with the decoder; the encoder's W keeps its own annotation.
        #expect(decoder.W.annotations[Role.layerKey] == "dec")
        #expect(encoder.W.annotations[Role.layerKey] == "enc")
        #expect(decoder.parameters().map(\.name) == ["enc.W", "dec.b"])
        #expect(decoder.parameters(unwrapShared: false).count == 2)
        #expect(allParams(of: decoder).map(\.name) == ["enc.W", "dec.b", "enc.b"])
        // A shared variable passed in is used as it is, and keeps its name and first annotation.
        let tied = try DenseLayer(incoming: input, units: 2, W: encoder.W, name: "tied")
        #expect(tied.W === encoder.W && tied.W.name == "enc.W" && tied.W.annotations[Role.layerKey] == "enc")
        let wrongRank = message { _ = try DenseLayer(incoming: input, units: 2, W: try encoder.W.sum(axes: [0]), name: "bad") }
        #expect(wrongRank.contains("bad: parameter W") && wrongRank.contains("parameter of shape (4, 2)"))
    }

    @Test func aLayerThatDoesNotOverrideOutputThrows() throws {
        let input = try InputLayer(shape: [2])
        let bare = try Layer(incoming: input, name: "bare")
        #expect(message { _ = try output(of: bare) }.contains("bare: Layer does not override output(for:deterministic:)"))
    }

    @Test func mergeLayersNeedIncomingLayers() {
        #expect(message { _ = try ConcatLayer(incomings: [], name: "c") }.contains("c: a merge layer needs at least one incoming layer"))
    }
}
