import Testing
import LaminaTensor
import LaminaGraph
@testable import Lamina
import LaminaTestSupport

@Suite("Regularization")
struct RegularizationTests {
    /// in (?, 2) → a (W = [[1, −2], [3, 0]], b = [5, 5]) → out (W = [[1], [−1]], b = [7]).
    func network() throws -> (DenseLayer, DenseLayer) {
        try float64 {
            let input = try InputLayer(shape: [nil, 2])
            let a = try DenseLayer(incoming: input, units: 2, W: f64([1, -2, 3, 0], [2, 2]), b: f64([5, 5], [2]), name: "a")
            let out = try DenseLayer(incoming: a, units: 1, W: f64([1, -1], [2, 1]), b: f64([7], [1]), name: "out")
            return (a, out)
        }
    }

    @Test func l1AndL2() throws {
        let x = Expr.constant(f64([1, -2, 3], [3]))
        #expect(try l1(x).eval().scalarValue == 6)
        #expect(try l2(x).eval().scalarValue == 14)
        #expect(try applyPenalty([x, Expr.constant(f64([2], [1]))], l2).eval().scalarValue == 18)
        #expect(message { _ = try applyPenalty([]) }.contains("no tensors to penalize"))
    }

    @Test func layerPenaltiesUseEachLayersOwnRegularizableParameters() throws {
        let (a, out) = try network()
        #expect(try regularizeLayerParams([a], l2).eval().scalarValue == 14)     // biases excluded
        #expect(try regularizeLayerParams([a, out], l1).eval().scalarValue == 8)
        #expect(try regularizeLayerParams([out], l2, tags: [.trainable]).eval().scalarValue == 2 + 49)
        #expect(try regularizeLayerParamsWeighted([(a, 0.5), (out, 2)], l2).eval().scalarValue == 7 + 4)
    }

    @Test func networkPenaltyCoversEveryLayerBelowOnce() throws {
        let (a, out) = try network()
        #expect(try regularizeNetworkParams(out, l2).eval().scalarValue == 16)
        let tied = try DenseLayer(incoming: out, units: 2, W: f64([1, 1], [1, 2]), name: "top")
        let again = try DenseLayer(incoming: tied, units: 2, W: a.W, name: "again")  // a.W appears twice
        #expect(try regularizeNetworkParams(again, l2).eval().scalarValue == 16 + 2)
    }
}
