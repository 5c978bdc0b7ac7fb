import Foundation
import Testing
import LaminaTensor
import LaminaGraph
@testable import Lamina
import LaminaTestSupport

/// The arrays of Fixtures/layers/pooling.npz (Comparisons/reference-layers/make_pooling_highway_fixtures.py, PyTorch).
func poolingFixture() throws -> [String: NDArray] {
    Dictionary(uniqueKeysWithValues: try Npz.read(from: fixture("layers/pooling.npz")).map { ($0.name, $0.array) })
}

@Suite("Pooling along time")
struct PoolingLayerTests {
    @Test func windowsMatchAHandComputation() throws {
        try float64 {
            // x[0, :, 0] = 1 … 5: windows of 3, stride 2, pad 1 → [pad 1 2], [2 3 4], [4 5 pad].
            let input = try InputLayer(shape: [nil, 5, 1], name: "x")
            let x = f64([1, 2, 3, 4, 5], [1, 5, 1])
            func pooled(_ mode: PoolMode) throws -> [Double] {
                let layer = try Pool1DLayer(incoming: input, poolSize: 3, stride: 2, pad: 1, mode: mode)
                #expect(try layer.outputShape == [nil, 3, 1])
                return try output(of: layer).eval([input.inputVar: x]).doubles
            }
            #expect(try pooled(.max) == [2, 4, 5])
            expectClose(try pooled(.averageIncludingPad), [3.0 / 3, 9.0 / 3, 9.0 / 3], absolute: 1e-9, relative: 1e-9)   // (0+1+2)/3, (2+3+4)/3, (4+5+0)/3
            expectClose(try pooled(.averageExcludingPad), [1.5, 3, 4.5], absolute: 1e-9, relative: 1e-9)                  // (1+2)/2, (2+3+4)/3, (4+5)/2
        }
    }

    @Test func windowsMatchPyTorch() throws {
        try float64 {
            let f = try poolingFixture()
            let input = try InputLayer(shape: [nil, 7, 3], name: "x")
            let cases: [(String, Int, Int?, Int, PoolMode)] = [
                ("max_k3_s2_p1", 3, 2, 1, .max), ("avg_inc_k3_s2_p1", 3, 2, 1, .averageIncludingPad),
                ("avg_exc_k3_s2_p1", 3, 2, 1, .averageExcludingPad), ("max_k2", 2, nil, 0, .max),
            ]
            for (key, size, stride, pad, mode) in cases {
                let layer = try Pool1DLayer(incoming: input, poolSize: size, stride: stride, pad: pad, mode: mode)
                let y = try output(of: layer).eval([input.inputVar: f["x"]!])
                expectClose(y, f[key]!.doubles, shape: f[key]!.shape, absolute: 1e-12, relative: 1e-12, "\(key)")
            }
        }
    }

    @Test func globalPoolingMatchesPyTorchWithAndWithoutAMask() throws {
        try float64 {
            let f = try poolingFixture()
            let input = try InputLayer(shape: [nil, 7, 3], name: "x")
            let mask = try InputLayer(shape: [nil, 7], name: "mask")
            let feeds = [input.inputVar: f["x"]!, mask.inputVar: f["mask"]!]
            for (key, mode, masked) in [("global_max", PoolMode.max, false), ("global_mean", .averageExcludingPad, false),
                                        ("global_max_masked", .max, true), ("global_mean_masked", .averageIncludingPad, true)] {
                let layer = try GlobalPoolLayer(incoming: input, mode: mode, mask: masked ? mask : nil)
                #expect(try layer.outputShape == [nil, 3])
                expectClose(try output(of: layer).eval(feeds), f[key]!.doubles, shape: [2, 3], absolute: 1e-12, relative: 1e-12, "\(key)")
            }
        }
    }

    @Test func gradientsMatchFiniteDifferences() throws {
        try float64 {
            let f = try poolingFixture()
            let input = try InputLayer(shape: [nil, 7, 3], name: "x")
            let mask = try InputLayer(shape: [nil, 7], name: "mask")
            let feeds = [input.inputVar: f["x"]!, mask.inputVar: f["mask"]!]
            let layers: [Layer] = [
                try Pool1DLayer(incoming: input, poolSize: 3, stride: 2, pad: 1, mode: .max),
                try Pool1DLayer(incoming: input, poolSize: 3, stride: 2, pad: 1, mode: .averageExcludingPad),
                try Pool1DLayer(incoming: input, poolSize: 2, mode: .averageIncludingPad),
                try GlobalPoolLayer(incoming: input, mode: .max, mask: mask),
                try GlobalPoolLayer(incoming: input, mode: .averageIncludingPad, mask: mask),
            ]
            for layer in layers {
                try checkGradients(of: try output(of: layer), wrt: [], inputs: [input.inputVar], feeds: feeds)
            }
        }
    }

    @Test func badShapesAreRejected() throws {
        let flat = try InputLayer(shape: [nil, 3], name: "flat")
        #expect(message { _ = try Pool1DLayer(incoming: flat, poolSize: 2) }.contains("(batch, time, features)"))
        let open = try InputLayer(shape: [nil, nil, 3], name: "open")
        #expect(message { _ = try Pool1DLayer(incoming: open, poolSize: 2) }.contains("known number of steps"))
        let short = try InputLayer(shape: [nil, 2, 3], name: "short")
        #expect(message { _ = try Pool1DLayer(incoming: short, poolSize: 3) }.contains("does not fit 2 steps"))
        #expect(message { _ = try Pool1DLayer(incoming: short, poolSize: 2, pad: 2) }.contains("0 ≤ pad < poolSize"))
        let badMask = try InputLayer(shape: [nil, 5], name: "m")
        #expect(message { _ = try GlobalPoolLayer(incoming: short, mask: badMask) }.contains("the mask must be (batch, time) = (?, 2)"))
    }
}

@Suite("Highway layer")
struct HighwayLayerTests {
    @Test func matchesPyTorchAndStartsWithANegativeGateBias() throws {
        try float64 {
            let f = Dictionary(uniqueKeysWithValues: try Npz.read(from: fixture("layers/highway.npz")).map { ($0.name, $0.array) })
            let input = try InputLayer(shape: [nil, 3], name: "x")
            let layer = try HighwayLayer(incoming: input, W_H: f["W_H"]!, b_H: f["b_H"]!, W_T: f["W_T"]!, b_T: f["b_T"]!, name: "hw")
            #expect(layer.params.map(\.name) == ["W_H", "b_H", "W_T", "b_T"])
            expectClose(try output(of: layer).eval([input.inputVar: f["x"]!]), f["y"]!.doubles, shape: [4, 3], absolute: 1e-12, relative: 1e-12)
            #expect(try HighwayLayer(incoming: input).b_T.eval().doubles == [-2, -2, -2])
            // With W_T = 0 the gate is σ(b_T) everywhere: b_T = −2 gives y = σ(−2)·relu(x W_H) + (1 − σ(−2))·x.
            let carry = try HighwayLayer(incoming: input, W_H: f["W_H"]!, b_H: Constant(0), W_T: Constant(0), name: "carry")
            let x = f["x"]!
            let t = 1 / (1 + Foundation.exp(2.0))
            let h = try Expr.constant(x).dot(Expr.constant(f["W_H"]!)).rectify().eval().doubles
            expectClose(try output(of: carry).eval([input.inputVar: x]), zip(h, x.doubles).map { t * $0 + (1 - t) * $1 }, shape: [4, 3], absolute: 1e-9, relative: 1e-9)
        }
    }

    @Test func gradientsMatchFiniteDifferences() throws {
        try float64 {
            let input = try InputLayer(shape: [nil, 3], name: "x")
            let layer = try HighwayLayer(incoming: input, b_T: Constant(-1), nonlinearity: .tanh, name: "hw")
            let x = f64([0.5, -1, 2, 1, 0.25, -0.5], [2, 3])
            try checkGradients(of: try output(of: layer), wrt: allParams(of: layer), feeds: [input.inputVar: x], differentiateInputs: true)
        }
    }

    @Test func needsKnownUnits() throws {
        let input = try InputLayer(shape: [nil, nil], name: "x")
        #expect(message { _ = try HighwayLayer(incoming: input) }.contains("(batch, units) inputs with known units"))
    }
}
