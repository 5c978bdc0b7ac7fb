import Testing
import LaminaTensor
import LaminaGraph
@testable import Lamina
import LaminaTestSupport

@Suite("BatchNormLayer and LayerNormLayer")
struct NormalizationLayerTests {
    /// Columns with means [4, 2] and variances [5, 2].
    let x = f64([1, 2, 3, 4, 5, 0, 7, 2], [4, 2])

    func batchNorm(_ configure: (InputLayer) throws -> BatchNormLayer = { try BatchNormLayer(incoming: $0, name: "bn") }) throws -> (InputLayer, BatchNormLayer) {
        try float64 {
            let input = try InputLayer(shape: [nil, 2], name: "in")
            return (input, try configure(input))
        }
    }

    @Test func parametersAndTags() throws {
        let (_, bn) = try batchNorm()
        #expect(bn.params.map { $0.expr.name } == ["bn.beta", "bn.gamma", "bn.mean", "bn.inv_std"])
        #expect(bn.params.map(\.tags) == [[.trainable], [.trainable], [.batchNormStatistic], [.batchNormStatistic]])
        #expect(allParams(of: bn, tags: [.trainable]).map(\.name) == ["bn.beta", "bn.gamma"])
        #expect(allParams(of: bn, tags: [.regularizable]).isEmpty)
        let images = try float64 { try BatchNormLayer(incoming: try InputLayer(shape: [nil, 3, 4, 4])) }
        #expect(images.axes == [0, 2, 3] && images.mean.shape == [3])
    }

    @Test func trainingUsesBatchStatisticsAndInferenceTheStoredAverages() throws {
        let (input, bn) = try batchNorm()
        let eps = 1e-4
        let train = try output(of: bn).eval([input.inputVar: x])
        let expected = [(1 - 4) / (5 + eps).squareRoot(), 0, (3 - 4) / (5 + eps).squareRoot(), 2 / (2 + eps).squareRoot(),
                        1 / (5 + eps).squareRoot(), -2 / (2 + eps).squareRoot(), 3 / (5 + eps).squareRoot(), 0]
        expectClose(train, expected, shape: [4, 2], absolute: 1e-12, relative: 1e-9)
        // Stored averages start at mean 0, inv_std 1: inference is the identity.
        expectClose(try output(of: bn, deterministic: true).eval([input.inputVar: x]), x.doubles, shape: [4, 2], absolute: 1e-9, relative: 1e-9)
    }

    @Test func aTrainingPassUpdatesTheRunningAverages() throws {
        let (input, bn) = try batchNorm()
        let pass = try outputsAndUpdates(of: [bn])
        #expect(pass.updates.map { $0.0.name } == ["bn.mean", "bn.inv_std"])
        let step = try function(inputs: [input.inputVar], outputs: pass.outputs, updates: pass.updates)
        _ = try step(x)
        let eps = 1e-4
        expectClose((bn.mean as! Shared).value.doubles, [0.4, 0.2], absolute: 1e-12, relative: 1e-9)
        expectClose((bn.invStd as! Shared).value.doubles, [0.9 + 0.1 / (5 + eps).squareRoot(), 0.9 + 0.1 / (2 + eps).squareRoot()], absolute: 1e-12, relative: 1e-9)
        // Inference and plain output(of:) ask for no updates.
        #expect(try outputsAndUpdates(of: [bn], deterministic: true).updates.isEmpty)
        let inference = try function(inputs: [input.inputVar], outputs: [output(of: bn, deterministic: true)])
        _ = try inference(x)
        expectClose((bn.mean as! Shared).value.doubles, [0.4, 0.2], absolute: 1e-12, relative: 1e-9)
    }

    @Test func averagesCanBeForcedOnOrOff() throws {
        let (input, bn) = try batchNorm { try BatchNormLayer(incoming: $0, mean: f64([1, 1], [2]), invStd: f64([2, 2], [2]), useAverages: true, updateAverages: true) }
        expectClose(try output(of: bn).eval([input.inputVar: x]), x.doubles.map { ($0 - 1) * 2 }, shape: [4, 2], absolute: 1e-9, relative: 1e-9)
        #expect(try outputsAndUpdates(of: [bn], deterministic: true).updates.count == 2)
    }

    @Test func gradientsOfShiftScaleAndInputInTraining() throws {
        let (input, bn) = try batchNorm { try BatchNormLayer(incoming: $0, beta: f64([0.5, -1], [2]), gamma: f64([2, 0.7], [2])) }
        try checkGradients(of: try output(of: bn), wrt: allParams(of: bn, tags: [.trainable]), feeds: [input.inputVar: x],
                           differentiateInputs: true, tolerance: 1e-5)
    }

    @Test func layerNormNormalizesEachExample() throws {
        try float64 {
            let input = try InputLayer(shape: [nil, 3])
            let ln = try LayerNormLayer(incoming: input, name: "ln")
            #expect(ln.params.map { $0.expr.name } == ["ln.gamma", "ln.beta"] && ln.axes == [1])
            let data = f64([1, 2, 3, 2, 2, 2], [2, 3])
            let s = 1 / (2.0 / 3 + 1e-4).squareRoot()
            expectClose(try output(of: ln).eval([input.inputVar: data]), [-s, 0, s, 0, 0, 0], shape: [2, 3], absolute: 1e-12, relative: 1e-9)
            let affine = try LayerNormLayer(incoming: input, gamma: f64([1, 2, 3], [3]), beta: f64([0.1, 0.2, 0.3], [3]))
            try checkGradients(of: try output(of: affine), wrt: allParams(of: affine), feeds: [input.inputVar: f64([1, 2, 4, 0.5, -1, 2], [2, 3])],
                               differentiateInputs: true, tolerance: 1e-5)
            let images = try LayerNormLayer(incoming: try InputLayer(shape: [nil, 2, 3]))
            #expect(images.gamma?.shape == [2, 3] && images.axes == [1, 2])
        }
    }
}
