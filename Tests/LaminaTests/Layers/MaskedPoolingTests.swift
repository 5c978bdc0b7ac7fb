import Foundation
import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport
@testable import Lamina

@Suite("Pooling along time with a mask")
struct MaskedPoolingTests {
    /// The fixture cases: (key, window, stride, pad) under the masks `mask` (lengths 7, 4) and `mask_holes`.
    static let cases: [(key: String, size: Int, stride: Int, pad: Int)] = [
        ("k3_s2_p1_mask", 3, 2, 1), ("k2_s1_p0_mask", 2, 1, 0), ("k3_s2_p1_mask_holes", 3, 2, 1), ("k2_s1_p0_mask_holes", 2, 1, 0),
    ]

    @Test func windowsMatchAHandComputation() throws {
        try float64 {
            // x = 1 … 6; windows of 3, stride 2, pad 1: [pad 1 2], [2 3 4], [4 5 6].
            // Mask 1 1 0 0 0 1: real values {1, 2}, {2}, {6}. Mask 0 0 0 0 1 1: {}, {}, {5, 6}.
            let input = try InputLayer(shape: [nil, 6, 1], name: "x")
            let mask = try InputLayer(shape: [nil, 6], name: "m")
            let feeds = [input.inputVar: f64([1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6], [2, 6, 1]),
                         mask.inputVar: f64([1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1], [2, 6])]
            func pooled(_ mode: PoolMode) throws -> (values: [Double], mask: [Double]) {
                let layer = try Pool1DLayer(incoming: input, poolSize: 3, stride: 2, pad: 1, mode: mode, mask: mask)
                let outputMask = try OutputMaskLayer(of: layer)
                #expect(try outputShape(of: outputMask) == [nil, 3])
                let values = try output(of: [layer, outputMask])
                return (try values[0].eval(feeds).doubles, try values[1].eval(feeds).doubles)
            }
            let top = try pooled(.max)
            #expect(top.values == [2, 2, 6, 0, 0, 6])
            #expect(top.mask == [1, 1, 1, 0, 0, 1])
            for mode in [PoolMode.averageIncludingPad, .averageExcludingPad] {
                let mean = try pooled(mode)
                #expect(mean.values == [1.5, 2, 6, 0, 0, 5.5], "\(mode)")   // (1+2)/2, 2/1, 6/1, 0, 0, (5+6)/2
                #expect(mean.mask == top.mask)
            }
        }
    }

    @Test(arguments: cases)
    func windowsAndOutputMasksMatchPyTorch(key: String, size: Int, stride: Int, pad: Int) throws {
        try float64 {
            let f = try poolingFixture()
            let input = try InputLayer(shape: [nil, 7, 3], name: "x")
            let mask = try InputLayer(shape: [nil, 7], name: "mask")
            let feeds = [input.inputVar: f["x"]!, mask.inputVar: f[key.hasSuffix("holes") ? "mask_holes" : "mask"]!]
            for (mode, name) in [(PoolMode.max, "masked_max_\(key)"), (.averageExcludingPad, "masked_mean_\(key)"),
                                 (.averageIncludingPad, "masked_mean_\(key)")] {
                let layer = try Pool1DLayer(incoming: input, poolSize: size, stride: stride, pad: pad, mode: mode, mask: mask)
                let outputMask = try OutputMaskLayer(of: layer)
                let values = try output(of: [layer, outputMask])
                let expected = f[name]!
                #expect(try outputShape(of: layer) == [nil, expected.shape[1], 3])
                expectClose(try values[0].eval(feeds), expected.doubles, shape: expected.shape, absolute: 1e-12, relative: 1e-12, "\(name)")
                let expectedMask = f["masked_\(key)_out_mask"]!
                #expect(try values[1].eval(feeds).doubles == expectedMask.doubles, "\(key)")
            }
        }
    }

    /// The tolerance above is tight enough to catch a fixture moved by 1e-10: every value misses it.
    @Test func aFixtureNudgedBy1e10Fails() throws {
        try float64 {
            let f = try poolingFixture()
            let input = try InputLayer(shape: [nil, 7, 3], name: "x")
            let mask = try InputLayer(shape: [nil, 7], name: "mask")
            let layer = try Pool1DLayer(incoming: input, poolSize: 3, stride: 2, pad: 1, mode: .averageExcludingPad, mask: mask)
            let y = try output(of: layer).eval([input.inputVar: f["x"]!, mask.inputVar: f["mask_holes"]!]).doubles
            let expected = f["masked_mean_k3_s2_p1_mask_holes"]!.doubles
            func within(_ a: Double, _ e: Double) -> Bool { Swift.abs(a - e) <= 1e-12 + 1e-12 * Swift.abs(e) }
            #expect(zip(y, expected).allSatisfy(within))
            #expect(zip(y, expected.map { $0 + 1e-10 }).allSatisfy { !within($0, $1) })
        }
    }

    @Test func gradientsMatchFiniteDifferences() throws {
        try float64 {
            let f = try poolingFixture()
            let input = try InputLayer(shape: [nil, 7, 3], name: "x")
            let mask = try InputLayer(shape: [nil, 7], name: "mask")
            for maskName in ["mask", "mask_holes"] {
                let feeds = [input.inputVar: f["x"]!, mask.inputVar: f[maskName]!]
                for mode in [PoolMode.max, .averageExcludingPad] {
                    let layer = try Pool1DLayer(incoming: input, poolSize: 3, stride: 2, pad: 1, mode: mode, mask: mask)
                    try checkGradients(of: try output(of: layer), wrt: [], inputs: [input.inputVar], feeds: feeds)
                }
            }
        }
    }

    @Test func badMasksAreRejected() throws {
        let input = try InputLayer(shape: [nil, 7, 3], name: "x")
        let wrong = try InputLayer(shape: [nil, 5], name: "m")
        #expect(message { _ = try Pool1DLayer(incoming: input, poolSize: 2, mask: wrong, name: "pool") }
            .contains("pool: the mask must be (batch, time) = (?, 7), got (?, 5)"))
        let unmasked = try Pool1DLayer(incoming: input, poolSize: 2, name: "pool")
        #expect(message { _ = try OutputMaskLayer(of: unmasked) }.contains("pool has no mask; pass `mask:` to the Pool1DLayer"))
    }
}
