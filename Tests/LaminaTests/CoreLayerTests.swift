import Testing
import LaminaTensor
import LaminaGraph
@testable import Lamina
import LaminaTestSupport

@Suite("BiasLayer, ScaleLayer, ExpressionLayer, EmbeddingLayer")
struct CoreLayerTests {
    let x = f64([1, 2, 3, 4, 5, 6], [2, 3])

    @Test func biasAddsOnePerFeature() throws {
        try float64 {
            let input = try InputLayer(shape: [nil, 3])
            let layer = try BiasLayer(incoming: input, b: f64([0.1, 0.2, 0.3], [3]), name: "bias")
            #expect(layer.sharedAxes == [0] && layer.b.shape == [3] && layer.params[0].tags == [.trainable])
            #expect(layer.b.name == "bias.b" && layer.b.annotations[Role.key] == Role.bias)
            expectClose(try output(of: layer).eval([input.inputVar: x]), [1.1, 2.2, 3.3, 4.1, 5.2, 6.3], shape: [2, 3], absolute: 1e-12, relative: 1e-9)
            try checkGradients(of: try output(of: layer), wrt: allParams(of: layer), feeds: [input.inputVar: x], differentiateInputs: true)
        }
    }

    @Test func biasIsPerChannelForImagesAndFollowsExplicitSharedAxes() throws {
        try float64 {
            let input = try InputLayer(shape: [nil, 2, 1, 2])
            let layer = try BiasLayer(incoming: input, b: f64([10, 20], [2]))
            #expect(layer.b.shape == [2] && layer.sharedAxes == [0, 2, 3])
            let images = f64([1, 2, 3, 4], [1, 2, 1, 2])
            expectClose(try output(of: layer).eval([input.inputVar: images]), [11, 12, 23, 24], shape: [1, 2, 1, 2], absolute: 1e-9, relative: 1e-9)
            let perPosition = try BiasLayer(incoming: input, sharedAxes: .axes([0, 1]))
            #expect(perPosition.b.shape == [1, 2])
            let unknown = try InputLayer(shape: [nil, nil])
            #expect(message { _ = try BiasLayer(incoming: unknown, name: "b") }.contains("b: the bias needs a known size on axis 1"))
        }
    }

    @Test func scaleMultipliesPerFeature() throws {
        try float64 {
            let input = try InputLayer(shape: [nil, 3])
            let layer = try ScaleLayer(incoming: input, scales: f64([2, -1, 0.5], [3]), name: "scale")
            #expect(layer.scales.name == "scale.scales" && layer.params[0].tags == [.trainable])
            expectClose(try output(of: layer).eval([input.inputVar: x]), [2, -2, 1.5, 8, -5, 3], shape: [2, 3], absolute: 1e-9, relative: 1e-9)
            try checkGradients(of: try output(of: layer), wrt: allParams(of: layer), feeds: [input.inputVar: x], differentiateInputs: true)
        }
    }

    @Test func expressionLayerAppliesAClosureWithEachShapeRule() throws {
        try float64 {
            let input = try InputLayer(shape: [nil, 4, 3])
            let same = try ExpressionLayer(incoming: input) { try $0 * 2 }
            #expect(try same.outputShape == [nil, 4, 3])
            let auto = try ExpressionLayer(incoming: input, outputShape: .auto) { try $0.mean(axes: [1]) }
            #expect(try auto.outputShape == [nil, 3])
            let fixed = try ExpressionLayer(incoming: input, outputShape: .fixed([nil, 12])) { try $0.flatten(ndim: 2) }
            #expect(try fixed.outputShape == [nil, 12])
            let computed = try ExpressionLayer(incoming: input, outputShape: .computed { [$0[0], $0[2]] }) { try $0.max(axes: [1]) }
            #expect(try computed.outputShape == [nil, 3])
            let values = f64((0..<12).map(Double.init), [1, 4, 3])
            expectClose(try output(of: auto).eval([input.inputVar: values]), [4.5, 5.5, 6.5], shape: [1, 3], absolute: 1e-9, relative: 1e-9)
            let broken = try ExpressionLayer(incoming: input, outputShape: .auto, name: "broken") { try $0.dot($0) }
            #expect(message { _ = try broken.outputShape }.contains("broken: cannot apply to inputs of shape (?, 4, 3)"))
        }
    }

    @Test func embeddingLooksUpRows() throws {
        try float64 {
            let input = try InputLayer(shape: [nil, 2], dtype: .int32)
            let layer = try EmbeddingLayer(incoming: input, inputSize: 3, outputSize: 2, W: f64([0, 1, 2, 3, 4, 5], [3, 2]), name: "emb")
            #expect(try layer.outputShape == [nil, 2, 2])
            #expect(layer.W.name == "emb.W" && layer.W.annotations[Role.key] == Role.embedding)
            let tokens = i32([2, 0, 1, 1], [2, 2])
            expectClose(try output(of: layer).eval([input.inputVar: tokens]), [4, 5, 0, 1, 2, 3, 2, 3], shape: [2, 2, 2], absolute: 1e-9, relative: 1e-9)
            // Repeated indices accumulate their gradients into W.
            try checkGradients(of: try output(of: layer), wrt: allParams(of: layer), feeds: [input.inputVar: tokens])
        }
        let defaultW = try LayerDefaults.using(seed: 4) {
            try EmbeddingLayer(incoming: try InputLayer(shape: [nil], dtype: .int32), inputSize: 100, outputSize: 100)
        }
        let std = statistics((defaultW.W as! Shared).value).std
        #expect(abs(std - 0.01) < 0.001, "Lasagne's Normal() default, std \(std)")
    }
}
