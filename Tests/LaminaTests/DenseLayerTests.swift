import Foundation
import Testing
import LaminaTensor
import LaminaGraph
@testable import Lamina
import LaminaTestSupport

@Suite("DenseLayer and NonlinearityLayer")
struct DenseLayerTests {
    /// W = [[1, 0, −1], [0.5, 1, 2]], b = [0.1, 0.2, −3.3]
    func layer(nonlinearity: Nonlinearity?, bias: Bool = true) throws -> (InputLayer, DenseLayer) {
        try float64 {
            let input = try InputLayer(shape: [nil, 2], name: "x")
            let dense = try DenseLayer(incoming: input, units: 3, W: f64([1, 0, -1, 0.5, 1, 2], [2, 3]),
                                       b: bias ? f64([0.1, 0.2, -3.3], [3]) : nil, nonlinearity: nonlinearity, name: "d")
            return (input, dense)
        }
    }

    @Test func computesXWPlusBThroughTheNonlinearity() throws {
        let (input, dense) = try layer(nonlinearity: .rectify)
        let y = try output(of: dense)
        // x = [1, 2]: xW + b = [1 + 1 + 0.1, 0 + 2 + 0.2, −1 + 4 − 3.3] = [2.1, 2.2, −0.3] → rectify
        // x = [−1, 0]: [−1 + 0.1, 0.2, 1 − 3.3] = [−0.9, 0.2, −2.3] → rectify
        expectClose(try y.eval([input.inputVar: f64([1, 2, -1, 0], [2, 2])]), [2.1, 2.2, 0, 0, 0.2, 0], shape: [2, 3], absolute: 1e-9, relative: 1e-9)
        #expect(try dense.outputShape == [nil, 3])
        #expect(dense.W.shape == [2, 3] && dense.b?.shape == [3])
    }

    @Test func linearWithoutBias() throws {
        let (input, dense) = try layer(nonlinearity: nil, bias: false)
        #expect(dense.b == nil && dense.params.count == 1)
        expectClose(try output(of: dense).eval([input.inputVar: f64([1, 2], [1, 2])]), [2, 2, 3], shape: [1, 3], absolute: 1e-9, relative: 1e-9)
    }

    @Test func biasIsTrainableButNotRegularizable() throws {
        let (_, dense) = try layer(nonlinearity: nil)
        #expect(dense.params.map(\.tags) == [[.trainable, .regularizable], [.trainable]])
        #expect(dense.params.map { $0.expr.annotations[Role.key] } == [Role.weight, Role.bias])
    }

    @Test func flattensTrailingAxesAfterTheLeadingAxes() throws {
        try float64 {
            let input = try InputLayer(shape: [nil, 2, 3])
            let flat = try DenseLayer(incoming: input, units: 4, nonlinearity: nil)
            #expect(flat.W.shape == [6, 4])
            #expect(try flat.outputShape == [nil, 4])
            let perStep = try DenseLayer(incoming: input, units: 4, numLeadingAxes: 2)
            #expect(perStep.W.shape == [3, 4] && perStep.numLeadingAxes == 2)
            #expect(try perStep.outputShape == [nil, 2, 4])
            let negative = try DenseLayer(incoming: input, units: 4, numLeadingAxes: -1)
            #expect(negative.numLeadingAxes == 2)
            let x = f64((0..<12).map { Double($0) / 10 }, [2, 2, 3])
            #expect(try output(of: perStep).eval([input.inputVar: x]).shape == [2, 2, 4])
            // The flattening layer equals a dense layer on the reshaped input.
            let y = try output(of: flat).eval([input.inputVar: x])
            let W = (flat.W as! Shared).value
            let expected = try x.reshaped([2, 6]).matmul(W)
            expectClose(y, expected.doubles, shape: [2, 4], absolute: 1e-9, relative: 1e-9)
        }
    }

    @Test func refusesUnknownFeatureSizesAndBadArguments() throws {
        let input = try InputLayer(shape: [nil, nil])
        #expect(message { _ = try DenseLayer(incoming: input, units: 3, name: "d") }.contains("d: needs known sizes on the feature axes 1..."))
        let known = try InputLayer(shape: [nil, 3])
        #expect(message { _ = try DenseLayer(incoming: known, units: 0, name: "d") }.contains("units must be positive"))
        #expect(message { _ = try DenseLayer(incoming: known, units: 2, numLeadingAxes: 2, name: "d") }.contains("leaves no feature axis"))
    }

    @Test func gradientsOfWeightsBiasAndInputMatchFiniteDifferences() throws {
        let (input, dense) = try layer(nonlinearity: .tanh)
        let x = f64([0.3, -0.2, 0.5, 0.1], [2, 2])
        try checkGradients(of: try output(of: dense), wrt: allParams(of: dense), feeds: [input.inputVar: x], differentiateInputs: true)
    }

    @Test func gradientsWithLeadingAxes() throws {
        try float64 {
            let input = try InputLayer(shape: [nil, 2, 3])
            let dense = try DenseLayer(incoming: input, units: 2, W: Normal(std: 0.5), b: Normal(std: 0.5), nonlinearity: .sigmoid, numLeadingAxes: 2)
            let x = f64((0..<12).map { Double($0 % 5) / 5 - 0.4 }, [2, 2, 3])
            try checkGradients(of: try output(of: dense), wrt: allParams(of: dense), feeds: [input.inputVar: x])
        }
    }

    @Test func nonlinearityLayerAppliesItsFunction() throws {
        let input = try float64 { try InputLayer(shape: [nil, 3]) }
        let layer = try NonlinearityLayer(incoming: input, nonlinearity: .tanh)
        #expect(try layer.outputShape == [nil, 3] && layer.params.isEmpty)
        expectClose(try output(of: layer).eval([input.inputVar: f64([-1, 0, 2], [1, 3])]), [Foundation.tanh(-1), 0, Foundation.tanh(2)], shape: [1, 3], absolute: 1e-9, relative: 1e-9)
        let relu = try NonlinearityLayer(incoming: input)
        expectClose(try output(of: relu).eval([input.inputVar: f64([-1, 0, 2], [1, 3])]), [0, 0, 2], shape: [1, 3], absolute: 1e-9, relative: 1e-9)
    }
}
