import Foundation
import Testing
import LaminaTensor
import LaminaGraph
@testable import Lamina
import LaminaTestSupport

@Suite("Objectives")
struct ObjectiveTests {
    let probabilities = Expr.constant(f64([0.2, 0.5, 0.3, 0.1, 0.1, 0.8], [2, 3]))

    @Test func categoricalCrossEntropyWithIndicesOrOneHotTargets() throws {
        let expected = [-log(0.5), -log(0.8)]
        expectClose(try categoricalCrossEntropy(probabilities, Expr.constant(i32([1, 2], [2]))).eval(), expected, shape: [2], absolute: 1e-9, relative: 1e-9)
        let oneHot = Expr.constant(f64([0, 1, 0, 0, 0, 1], [2, 3]))
        expectClose(try categoricalCrossEntropy(probabilities, oneHot).eval(), expected, shape: [2], absolute: 1e-9, relative: 1e-9)
    }

    @Test func binaryCrossEntropyPerElement() throws {
        let p = Expr.constant(f64([0.9, 0.2], [2])), t = Expr.constant(f64([1, 0], [2]))
        expectClose(try binaryCrossEntropy(p, t).eval(), [-log(0.9), -log(0.8)], shape: [2], absolute: 1e-15, relative: 1e-9)
    }

    @Test func squaredErrorPerElement() throws {
        let loss = try squaredError(Expr.constant(f64([1, 2], [2])), Expr.constant(f64([0.5, 3], [2])))
        expectClose(try loss.eval(), [0.25, 1], shape: [2], absolute: 1e-9, relative: 1e-9)
    }

    @Test func binaryHingeLossOnLogOddsAndProbabilities() throws {
        let scores = Expr.constant(f64([2, -0.5, 0.3], [3])), labels = Expr.constant(f64([1, 1, 0], [3]))
        expectClose(try binaryHingeLoss(scores, labels).eval(), [0, 1.5, 1.3], shape: [3], absolute: 1e-9, relative: 1e-9)
        let signed = Expr.constant(f64([1, 1, -1], [3]))
        expectClose(try binaryHingeLoss(scores, signed, delta: 2, binary: false).eval(), [0, 2.5, 2.3], shape: [3], absolute: 1e-9, relative: 1e-9)
        let p = Expr.constant(f64([0.5, 0.8], [2]))
        expectClose(try binaryHingeLoss(p, Expr.constant(f64([1, 0], [2])), logOdds: false).eval(), [1, 1 + log(4.0)], shape: [2], absolute: 1e-12, relative: 1e-9)
    }

    @Test func multiclassHingeLossComparesWithTheBestWrongClass() throws {
        let scores = Expr.constant(f64([1, 3, 2, 0.5, 0, 4], [2, 3]))
        expectClose(try multiclassHingeLoss(scores, Expr.constant(i32([1, 2], [2]))).eval(), [0, 0], shape: [2], absolute: 1e-9, relative: 1e-9)
        expectClose(try multiclassHingeLoss(scores, Expr.constant(i32([0, 1], [2]))).eval(), [3, 5], shape: [2], absolute: 1e-9, relative: 1e-9)
        let oneHot = Expr.constant(f64([0, 0, 1, 1, 0, 0], [2, 3]))
        // Row 0: correct 2, best other 3 → 2; row 1: correct 0.5, best other 4 → 4.5.
        expectClose(try multiclassHingeLoss(scores, oneHot, delta: 1).eval(), [2, 4.5], shape: [2], absolute: 1e-9, relative: 1e-9)
    }

    @Test func huberLossIsQuadraticInsideAndLinearOutside() throws {
        let zeros = Expr.constant(f64([0, 0, 0], [3])), targets = Expr.constant(f64([0.5, -2, 1], [3]))
        expectClose(try huberLoss(zeros, targets).eval(), [0.125, 1.5, 0.5], shape: [3], absolute: 1e-9, relative: 1e-9)
        expectClose(try huberLoss(zeros, targets, delta: 0.5).eval(), [0.125, 0.875, 0.375], shape: [3], absolute: 1e-9, relative: 1e-9)
    }

    @Test func accuracyMetrics() throws {
        let p = Expr.constant(f64([0.7, 0.4, 0.5], [3]))
        expectClose(try binaryAccuracy(p, Expr.constant(f64([1, 1, 0], [3]))).eval(), [1, 0, 0], shape: [3], absolute: 1e-9, relative: 1e-9)
        let scores = Expr.constant(f64([0.1, 0.7, 0.2, 0.5, 0.3, 0.2], [2, 3]))
        expectClose(try categoricalAccuracy(scores, Expr.constant(i32([1, 1], [2]))).eval(), [1, 0], shape: [2], absolute: 1e-9, relative: 1e-9)
        expectClose(try categoricalAccuracy(scores, Expr.constant(i32([1, 1], [2])), topK: 2).eval(), [1, 1], shape: [2], absolute: 1e-9, relative: 1e-9)
        expectClose(try categoricalAccuracy(scores, Expr.constant(i32([2, 2], [2])), topK: 2).eval(), [1, 0], shape: [2], absolute: 1e-9, relative: 1e-9)
        let oneHot = Expr.constant(f64([0, 1, 0, 1, 0, 0], [2, 3]))
        expectClose(try categoricalAccuracy(scores, oneHot).eval(), [1, 1], shape: [2], absolute: 1e-9, relative: 1e-9)
    }

    @Test func aggregationWithWeightsAndMasks() throws {
        let loss = Expr.constant(f64([1, 2, 3, 4], [2, 2]))
        let mask = Expr.constant(f64([1, 0, 1, 0], [2, 2]))
        #expect(try aggregate(loss).eval().scalarValue == 2.5)
        #expect(try aggregate(loss, mode: .sum).eval().scalarValue == 10)
        #expect(try aggregate(loss, weights: mask).eval().scalarValue == 1)
        #expect(try aggregate(loss, weights: mask, mode: .sum).eval().scalarValue == 4)
        #expect(try aggregate(loss, weights: mask, mode: .normalizedSum).eval().scalarValue == 2)
        // Per-row weights broadcast over the columns: (1·1 + 1·2 + 3·3 + 3·4) / (1 + 1 + 3 + 3).
        let rowWeights = Expr.constant(f64([1, 3], [2, 1]))
        #expect(try aggregate(loss, weights: rowWeights, mode: .normalizedSum).eval().scalarValue == 24.0 / 8)
        #expect(message { _ = try aggregate(loss, mode: .normalizedSum) }.contains("pass weights"))
    }

    @Test func lossGradientsMatchFiniteDifferences() throws {
        let x = Expr.input("x", dtype: .float64, shape: [2, 3])
        let point = f64([0.3, -1.2, 0.8, 1.4, 0.1, -0.6], [2, 3])
        let labels = Expr.constant(i32([2, 0], [2]))
        let targets = Expr.constant(f64([0.5, 0.1, -0.4, 2, -0.3, 0.2], [2, 3]))
        let losses: [Expr] = [
            try categoricalCrossEntropy(x.softmax(), labels),
            try binaryCrossEntropy(x.sigmoid(), Expr.constant(f64([1, 0, 1, 0, 0, 1], [2, 3]))),
            try squaredError(x, targets),
            try huberLoss(x, targets),
            try multiclassHingeLoss(x, labels),
            try binaryHingeLoss(x, Expr.constant(f64([1, 0, 1, 0, 0, 1], [2, 3]))),
        ]
        for loss in losses {
            try checkGradients(of: loss, wrt: [], feeds: [x: point], differentiateInputs: true)
        }
    }
}
