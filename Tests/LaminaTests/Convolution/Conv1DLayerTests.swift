import Testing
import LaminaTensor
import LaminaGraph
@testable import Lamina
import LaminaTestSupport

/// ``Conv1DLayer`` and ``OutputMaskLayer``: hand-computed padding, stride,
/// dilation and flipping, masks against each sequence convolved alone,
/// gradients against finite differences in float64, the Glorot default and errors.
@Suite("Conv1D: layer")
struct Conv1DLayerTests {
    /// y for x = [1, 2, 3, 4] (one channel) and the two-tap filter W = [1, 10], linear, no bias.
    func handCase(_ padding: ConvolutionPadding, stride: Int = 1, dilation: Int = 1, flip: Bool = false, expected: [Double],
                  sourceLocation: SourceLocation = #_sourceLocation) throws {
        try float64 {
            let x = try InputLayer(shape: [nil, nil, 1], name: "x")
            let conv = try Conv1DLayer(incoming: x, numFilters: 1, filterSize: 2, stride: stride, dilation: dilation, padding: padding,
                                       W: NDArray([1, 10.0], shape: [1, 1, 2]), b: nil, nonlinearity: nil, flipFilters: flip)
            let y = try output(of: conv).eval([x.inputVar: NDArray([1, 2, 3, 4.0], shape: [1, 4, 1])])
            #expect(conv.outputLength(steps: 4) == y.shape[1], sourceLocation: sourceLocation)
            #expect(y.shape == [1, expected.count, 1], sourceLocation: sourceLocation)
            #expect(y.doubles == expected, sourceLocation: sourceLocation)
        }
    }

    @Test func handComputedPaddingStrideDilationAndFlip() throws {
        // valid: y[t] = x[t] + 10·x[t+1] = [1+20, 2+30, 3+40]
        try handCase(.valid, expected: [21, 32, 43])
        // flipped taps: y[t] = 10·x[t] + x[t+1] = [10+2, 20+3, 30+4]
        try handCase(.valid, flip: true, expected: [12, 23, 34])
        // causal, dilation 2: x̃ = [0, 0, 1, 2, 3, 4], y[t] = x̃[t] + 10·x̃[t+2] = [10, 20, 1+30, 2+40]
        try handCase(.causal, dilation: 2, expected: [10, 20, 31, 42])
        // full, stride 2: x̃ = [0, 1, 2, 3, 4, 0], y[t] = x̃[2t] + 10·x̃[2t+1] = [10, 2+30, 4+0]
        try handCase(.full, stride: 2, expected: [10, 32, 4])
        // same with an odd span (1): the extra zero goes after, x̃ = [1, 2, 3, 4, 0]
        try handCase(.same, expected: [21, 32, 43, 4])
        // explicit (2, 0), dilation 3: x̃ = [0, 0, 1, 2, 3, 4], y[t] = x̃[t] + 10·x̃[t+3] = [20, 30, 1+40]
        try handCase(.explicit(before: 2, after: 0), dilation: 3, expected: [20, 30, 41])
    }

    static let paddings: [ConvolutionPadding] = [.valid, .same, .causal, .full, .explicit(before: 1, after: 3)]

    @Test(arguments: paddings, [1, 2])
    func maskedOutputsMatchEachSequenceAlone(padding: ConvolutionPadding, stride: Int) throws {
        // Sequence 2 has 4 real steps of 7; its real outputs must be those of its 4 steps convolved alone.
        try float64 {
            let x = try InputLayer(shape: [nil, nil, 2], name: "x"), mask = try InputLayer(shape: [nil, nil], name: "mask")
            let conv = try Conv1DLayer(incoming: x, numFilters: 3, filterSize: 2, stride: stride, dilation: 2, padding: padding,
                                       b: Normal(std: 1), nonlinearity: .tanh, mask: mask, name: "conv")
            let outputMask = try OutputMaskLayer(of: conv)
            let xs = RecurrentData.normal([2, 7, 2], seed: 21)
            let lengths = [7, 4]
            let maskValues = NDArray(lengths.flatMap { n in (0..<7).map { $0 < n ? 1.0 : 0 } }, shape: [2, 7])
            let f = try function(inputs: [x.inputVar, mask.inputVar], outputs: try output(of: [conv, outputMask]))
            let batched = try f.call([xs, maskValues])
            let steps = conv.outputLength(steps: 7)
            #expect(batched[0].shape == [2, steps, 3] && batched[1].shape == [2, steps])
            let real = conv.outputLength(steps: 4)
            let expectedMask: [Double] = Array(repeating: 1.0, count: steps) + (0..<steps).map { (j: Int) -> Double in j < real ? 1 : 0 }
            #expect(batched[1].doubles == expectedMask, "output mask \(padding)")
            let alone = try f.call([try xs.slice([.range(1, 2), .range(0, 4)]), NDArray([1, 1, 1, 1.0], shape: [1, 4])])[0]
            #expect(alone.shape == [1, real, 3])
            expectClose(Array(batched[0].doubles[(steps * 3)...].prefix(real * 3)), alone.doubles, absolute: 1e-14, relative: 1e-14)
        }
    }

    @Test(arguments: paddings)
    func gradientsAgainstFiniteDifferences(padding: ConvolutionPadding) throws {
        try float64 {
            let x = try InputLayer(shape: [nil, nil, 3], name: "x"), mask = try InputLayer(shape: [nil, nil], name: "mask")
            let feeds: [Expr: NDArray] = [x.inputVar: RecurrentData.normal([2, 6, 3], seed: 22),
                                          mask.inputVar: NDArray([1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0.0], shape: [2, 6])]
            for (stride, flip) in [(1, false), (2, true)] {
                let conv = try Conv1DLayer(incoming: x, numFilters: 2, filterSize: 3, stride: stride, dilation: 2, padding: padding,
                                           b: Normal(std: 1), nonlinearity: .tanh, flipFilters: flip, mask: mask, name: "conv")
                try checkGradients(of: try output(of: conv), wrt: allParams(of: conv), inputs: [x.inputVar], feeds: feeds)
            }
        }
    }

    @Test func glorotDefaultUsesTheReceptiveField() throws {
        // Lasagne's Glorot for (numFilters, channels, filterSize) = (20, 10, 3): bound √(6 / (10·3 + 20·3)) = √(1/15) ≈ 0.258
        // (a plain (channels, numFilters) fan would give √(6/30) ≈ 0.447). 600 draws: the largest is within 5% of the bound
        // except with probability 0.95⁶⁰⁰ ≈ 4e-14.
        let w = try float64(seed: 3) {
            try Conv1DLayer(incoming: try InputLayer(shape: [nil, nil, 10]), numFilters: 20, filterSize: 3).W as! Shared
        }.value.doubles
        let bound = (1.0 / 15).squareRoot()
        #expect(w.count == 600)
        let largest = w.map { Swift.abs($0) }.max()!
        #expect(largest <= bound)
        #expect(largest > 0.95 * bound)
    }

    @Test func outputShapesAndErrors() throws {
        let x = try InputLayer(shape: [nil, 9, 4], name: "x")
        let conv = try Conv1DLayer(incoming: x, numFilters: 5, filterSize: 3, stride: 2, dilation: 2, name: "conv")
        // valid, span 4: ⌊(9 − 4 − 1) / 2⌋ + 1 = 3 steps
        #expect(try conv.outputShape == [nil, 3, 5])
        #expect(conv.W.shape == [5, 4, 3])
        #expect(conv.outputLength(steps: 4) == 0)
        #expect(message { _ = try Conv1DLayer(incoming: try InputLayer(shape: [nil, 4]), numFilters: 2, filterSize: 2, name: "c") }
            .contains("c: the input must be (batch, steps, channels) with a known channel count, got (?, 4)"))
        #expect(message { _ = try Conv1DLayer(incoming: x, numFilters: 2, filterSize: 0, name: "c") }
            .contains("numFilters, filterSize, stride and dilation must be positive, got 2, 0, 1, 1"))
        #expect(message { _ = try Conv1DLayer(incoming: x, numFilters: 2, filterSize: 2, padding: .explicit(before: -1, after: 0), name: "c") }
            .contains("padding amounts must be ≥ 0, got explicit(-1, 0)"))
        #expect(message { _ = try Conv1DLayer(incoming: x, numFilters: 2, filterSize: 2, mask: try InputLayer(shape: [nil, 8]), name: "c") }
            .contains("the mask must be (batch, steps) = (?, 9), got (?, 8)"))
        #expect(message { _ = try OutputMaskLayer(of: conv) }.contains("conv has no mask; pass `mask:` to the Conv1DLayer"))
    }
}
