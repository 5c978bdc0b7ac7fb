import Testing
import LaminaTensor
import LaminaGraph
@testable import Lamina
import LaminaTestSupport

@Suite("Reshape, Flatten, Dimshuffle, Pad and Slice layers")
struct ShapeLayerTests {
    func input(_ shape: [Int?]) throws -> InputLayer { try float64 { try InputLayer(shape: shape, name: "in") } }

    @Test(arguments: [
        ([nil, 2, 3], [ReshapeEntry.copy(0), .infer], [nil, 6] as [Int?]),
        ([nil, 6], [.copy(0), 2, 3], [nil, 2, 3]),
        ([nil, 6], [.infer, 3], [nil, 3]),
        ([4, 6], [.infer, 8], [3, 8]),
        ([4, nil], [.copy(1), .copy(0)], [nil, 4]),
        ([nil, 4, 5], [.copy(0), .copy(2), .infer], [nil, 5, 4]),
    ] as [([Int?], [ReshapeEntry], [Int?])])
    func reshapeShapesFollowLasagnesRules(_ inputShape: [Int?], _ target: [ReshapeEntry], _ expected: [Int?]) throws {
        #expect(try ReshapeLayer(incoming: input(inputShape), shape: target).outputShape == expected)
    }

    @Test func reshapeRefusesImpossibleTargets() throws {
        #expect(message { _ = try ReshapeLayer(incoming: input([4, 6]), shape: [5, 5], name: "r") }.contains("r: (4, 6) cannot be reshaped to [5, 5]: the element counts differ"))
        #expect(message { _ = try ReshapeLayer(incoming: input([nil, 6]), shape: [.copy(2)], name: "r") }.contains("entry [2] refers to an axis"))
        #expect(message { _ = try ReshapeLayer(incoming: input([4, 6]), shape: [-1, -1], name: "r") }.contains("more than one -1"))
        #expect(message { _ = try ReshapeLayer(incoming: input([4, 6]), shape: [-1, 5], name: "r") }.contains("do not divide"))
    }

    @Test func reshapeKeepsRowMajorOrderAndPassesGradients() throws {
        let layer = try input([nil, 6])
        let reshaped = try ReshapeLayer(incoming: layer, shape: [.copy(0), 2, 3])
        let x = f64((0..<12).map(Double.init), [2, 6])
        expectClose(try output(of: reshaped).eval([layer.inputVar: x]), x.doubles, shape: [2, 2, 3], absolute: 1e-9, relative: 1e-9)
        try checkGradients(of: try output(of: reshaped), wrt: [], feeds: [layer.inputVar: x], differentiateInputs: true)
    }

    @Test func flattenKeepsLeadingAxes() throws {
        let layer = try input([nil, 2, 3, 4])
        #expect(try FlattenLayer(incoming: layer).outputShape == [nil, 24])
        #expect(try FlattenLayer(incoming: layer, outdim: 3).outputShape == [nil, 2, 12])
        #expect(try FlattenLayer(incoming: layer, outdim: 1).outputShape == [nil])
        #expect(try FlattenLayer(incoming: layer, outdim: 4).outputShape == [nil, 2, 3, 4])
        #expect(message { _ = try FlattenLayer(incoming: layer, outdim: 5, name: "f") }.contains("f: outdim must be between 1 and the input's rank 4, got 5"))
        let x = f64((0..<24).map(Double.init), [1, 2, 3, 4])
        expectClose(try output(of: FlattenLayer(incoming: layer, outdim: 3)).eval([layer.inputVar: x]), x.doubles, shape: [1, 2, 12], absolute: 1e-9, relative: 1e-9)
    }

    @Test func dimshufflePermutesInsertsAndDropsAxes() throws {
        let layer = try input([nil, 3, 1])
        #expect(try DimshuffleLayer(incoming: layer, pattern: [1, 0]).outputShape == [3, nil])
        #expect(try DimshuffleLayer(incoming: layer, pattern: [0, nil, 1, 2]).outputShape == [nil, 1, 3, 1])
        #expect(message { _ = try DimshuffleLayer(incoming: layer, pattern: [0, 2], name: "d") }.contains("d: cannot apply to inputs of shape (?, 3, 1)"))
        let x = f64([1, 2, 3, 4, 5, 6], [2, 3, 1])
        expectClose(try output(of: DimshuffleLayer(incoming: layer, pattern: [2, 1, 0])).eval([layer.inputVar: x]), [1, 4, 2, 5, 3, 6], shape: [1, 3, 2], absolute: 1e-9, relative: 1e-9)
    }

    @Test func padSurroundsTheTrailingAxes() throws {
        let layer = try input([nil, 1, 2, 2])
        let padded = try PadLayer(incoming: layer, width: 1)
        #expect(try padded.outputShape == [nil, 1, 4, 4])
        let x = f64([1, 2, 3, 4], [1, 1, 2, 2])
        expectClose(try output(of: padded).eval([layer.inputVar: x]),
                    [0, 0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 0], shape: [1, 1, 4, 4], absolute: 1e-9, relative: 1e-9)
        let uneven = try PadLayer(incoming: layer, widths: [(0, 1), (2, 0)], value: 9)
        #expect(try uneven.outputShape == [nil, 1, 3, 4])
        expectClose(try output(of: uneven).eval([layer.inputVar: x]), [9, 9, 1, 2, 9, 9, 3, 4, 9, 9, 9, 9], shape: [1, 1, 3, 4], absolute: 1e-9, relative: 1e-9)
        try checkGradients(of: try output(of: uneven), wrt: [], feeds: [layer.inputVar: x], differentiateInputs: true)
        #expect(message { _ = try PadLayer(incoming: layer, widths: [(1, 1), (1, 1), (1, 1)], name: "p") }.contains("p: 3 padding widths after 2 batch axes"))
        let unknown = try PadLayer(incoming: input([nil, nil]), width: 2, batchNDim: 1)
        #expect(try unknown.outputShape == [nil, nil])
    }

    @Test func sliceTakesAnIndexOrARange() throws {
        let layer = try input([nil, 5, 2])
        let last = try SliceLayer(incoming: layer, indices: .index(-1), axis: 1)
        #expect(try last.outputShape == [nil, 2])
        let middle = try SliceLayer(incoming: layer, indices: .range(1, 4), axis: 1)
        #expect(try middle.outputShape == [nil, 3, 2])
        let reversed = try SliceLayer(incoming: layer, indices: .range(start: nil, stop: nil, step: -1))
        #expect(try reversed.outputShape == [nil, 5, 2] && reversed.axis == 2)
        let x = f64((0..<10).map(Double.init), [1, 5, 2])
        expectClose(try output(of: last).eval([layer.inputVar: x]), [8, 9], shape: [1, 2], absolute: 1e-9, relative: 1e-9)
        expectClose(try output(of: middle).eval([layer.inputVar: x]), [2, 3, 4, 5, 6, 7], shape: [1, 3, 2], absolute: 1e-9, relative: 1e-9)
        expectClose(try output(of: reversed).eval([layer.inputVar: x]), [1, 0, 3, 2, 5, 4, 7, 6, 9, 8], shape: [1, 5, 2], absolute: 1e-9, relative: 1e-9)
        try checkGradients(of: try output(of: middle), wrt: [], feeds: [layer.inputVar: x], differentiateInputs: true)
        #expect(message { _ = try SliceLayer(incoming: layer, indices: .index(7), axis: 1, name: "s") }.contains("s: cannot apply"))
    }
}
