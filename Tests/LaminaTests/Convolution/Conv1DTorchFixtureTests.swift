import Testing
import LaminaTensor
import LaminaGraph
@testable import Lamina

/// ``Conv1DLayer`` against PyTorch 2.15's `nn.Conv1d` in float64, to 1e-12:
/// the same weight (loaded as it is), bias and input give the same output and
/// gradients of sum(output · cost_weights) with respect to weight, bias and input.
@Suite("Conv1D: PyTorch fixtures")
struct Conv1DTorchFixtureTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String, filterSize: Int, stride: Int, dilation: Int, padding: ConvolutionPadding
        var testDescription: String { name }
    }

    static let cases = [
        Case(name: "conv_dilated_padded", filterSize: 3, stride: 1, dilation: 2, padding: .explicit(before: 2, after: 2)),
        Case(name: "conv_strided_valid", filterSize: 2, stride: 2, dilation: 1, padding: .valid),
        Case(name: "conv_same_even_span", filterSize: 2, stride: 1, dilation: 3, padding: .same),
        Case(name: "conv_causal_dilated", filterSize: 3, stride: 1, dilation: 2, padding: .causal),
    ]

    @Test(arguments: cases)
    func againstTorch(_ c: Case) throws {
        let a = try LayerFixtures.load(c.name)
        try float64 {
            let x = try InputLayer(shape: [nil, 7, 3], name: "x")
            let conv = try Conv1DLayer(incoming: x, numFilters: 4, filterSize: c.filterSize, stride: c.stride, dilation: c.dilation,
                                       padding: c.padding, W: a["weight"]!, b: a["bias"]!, nonlinearity: nil, name: "conv")
            #expect(try conv.outputShape == [nil, a["output"]!.shape[1], 4])
            let v = try LayerFixtures.run(try output(of: conv), costWeights: a["cost_weights"]!, wrt: [conv.W, conv.b!, x.inputVar],
                                          feeds: [x.inputVar: a["x"]!])
            LayerFixtures.close(v[0], a["output"]!, "output")
            LayerFixtures.close(v[1], a["grad_weight"]!, "grad weight")
            LayerFixtures.close(v[2], a["grad_bias"]!, "grad bias")
            LayerFixtures.close(v[3], a["grad_x"]!, "grad x")
        }
    }
}
