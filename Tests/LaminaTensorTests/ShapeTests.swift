import Testing
@testable import LaminaTensor

/// reshape, permute, slice, updatingSlice, concatenate, stack and gathering, against numpy.
@Suite struct ShapeTests {
    /// np.arange(24).reshape(2, 3, 4) as `dtype`.
    static func x(_ dtype: DType) -> NDArray { NDArray.arange([2, 3, 4], dtype: dtype) }

    static let elementTypes: [DType] = [.float32, .float64, .int32]

    // MARK: reshape

    @Test(arguments: [
        ([6, 4], [6, 4]), ([-1, 4], [6, 4]), ([2, -1, 2], [2, 6, 2]), ([-1], [24]), ([24, 1, -1], [24, 1, 1]),
    ] as [([Int], [Int])])
    func reshape(target: [Int], expected: [Int]) throws {
        let y = try Self.x(.float32).reshaped(target)
        #expect(y.shape == expected)
        #expect(y.doubles == (0..<24).map(Double.init)) // row-major order is kept
    }

    @Test func reshapeSharesMemoryAndCopyOnWriteSeparates() throws {
        let a = Self.x(.float32)
        var b = try a.reshaped([4, 6])
        #expect(b.buffer === a.buffer)
        b.withUnsafeMutableBufferPointer(as: Float.self) { $0[0] = 99 }
        #expect(b.doubles[0] == 99)
        #expect(a.doubles[0] == 0) // the write copied b's buffer first
        #expect(try NDArray(zeros: [0, 3]).reshaped([3, -1, 5]).shape == [3, 0, 5])
        #expect(try NDArray(scalar: Float(5)).reshaped([1, 1]).shape == [1, 1])
    }

    @Test func reshapeErrors() {
        let a = Self.x(.float32)
        expectTensorError("reshape", mentioning: ["(2, 3, 4)", "24 elements", "(5, 5)"]) { _ = try a.reshaped([5, 5]) }
        expectTensorError("reshape", mentioning: ["(5, -1)"]) { _ = try a.reshaped([5, -1]) }
        expectTensorError("reshape", mentioning: ["at most one -1"]) { _ = try a.reshaped([-1, -1, 6]) }
        expectTensorError("reshape", mentioning: ["at most one -1"]) { _ = try a.reshaped([-2, -12]) }
        expectTensorError("reshape") { _ = try NDArray(zeros: [0, 3]).reshaped([0, -1]) } // -1 is ambiguous
    }

    // MARK: permute

    @Test(arguments: elementTypes)
    func permuteRank3(dtype: DType) throws {
        // x.transpose(2, 0, 1) and x.T
        let p = try Self.x(dtype).permuted([2, 0, 1])
        #expect(p.dtype == dtype)
        #expect(p.shape == [4, 2, 3])
        #expect(p.doubles == [0, 4, 8, 12, 16, 20, 1, 5, 9, 13, 17, 21, 2, 6, 10, 14, 18, 22, 3, 7, 11, 15, 19, 23])
        let t = Self.x(dtype).transposed
        #expect(t.shape == [4, 3, 2])
        #expect(t.doubles == [0, 12, 4, 16, 8, 20, 1, 13, 5, 17, 9, 21, 2, 14, 6, 18, 10, 22, 3, 15, 7, 19, 11, 23])
    }

    @Test func permuteRank2AndBool() throws {
        let m = NDArray([1, 2, 3, 4, 5, 6] as [Float], shape: [2, 3])
        #expect(m.transposed.shape == [3, 2])
        #expect(m.transposed.doubles == [1, 4, 2, 5, 3, 6])
        #expect(try m.permuted([0, 1]).doubles == m.doubles)
        let b = NDArray([true, false, false, true, true, false], shape: [3, 2])
        #expect(b.transposed.scalars(as: Bool.self) == [true, false, true, false, true, false])
        #expect(NDArray(scalar: 7.0).transposed.scalarValue == 7)
        #expect(NDArray([1, 2, 3] as [Int32]).transposed.doubles == [1, 2, 3])
    }

    @Test func permuteRank4() throws {
        // z = np.arange(120).reshape(2,3,4,5); z.transpose(1,3,0,2)
        let z = NDArray.arange([2, 3, 4, 5], dtype: .float64)
        let p = try z.permuted([1, 3, 0, 2])
        #expect(p.shape == [3, 5, 2, 4])
        let expected: [Double] = [0, 5, 10, 15, 60, 65, 70, 75, 1, 6, 11, 16, 61, 66, 71, 76, 2, 7, 12, 17, 62, 67, 72, 77,
                              3, 8, 13, 18, 63, 68, 73, 78, 4, 9, 14, 19, 64, 69, 74, 79, 20, 25, 30, 35, 80, 85, 90, 95,
                              21, 26, 31, 36, 81, 86, 91, 96, 22, 27, 32, 37, 82, 87, 92, 97, 23, 28, 33, 38, 83, 88, 93, 98,
                              24, 29, 34, 39, 84, 89, 94, 99, 40, 45, 50, 55, 100, 105, 110, 115, 41, 46, 51, 56, 101, 106, 111, 116,
                              42, 47, 52, 57, 102, 107, 112, 117, 43, 48, 53, 58, 103, 108, 113, 118, 44, 49, 54, 59, 104, 109, 114, 119]
        #expect(p.doubles == expected)
        // z.T[:, :, :, 0]
        let t = try z.transposed.slice([.all, .all, .all, .index(0)])
        #expect(t.shape == [5, 4, 3])
        let expectedT: [Double] = [0, 20, 40, 5, 25, 45, 10, 30, 50, 15, 35, 55, 1, 21, 41, 6, 26, 46, 11, 31, 51, 16, 36, 56,
                              2, 22, 42, 7, 27, 47, 12, 32, 52, 17, 37, 57, 3, 23, 43, 8, 28, 48, 13, 33, 53, 18, 38, 58,
                              4, 24, 44, 9, 29, 49, 14, 34, 54, 19, 39, 59]
        #expect(t.doubles == expectedT)
        // a permutation and its inverse give back the original
        #expect(try p.permuted([2, 0, 3, 1]).doubles == z.doubles)
    }

    @Test func permuteErrors() {
        let a = Self.x(.float32)
        expectTensorError("permute", mentioning: ["[0, 0, 1]", "(2, 3, 4)"]) { _ = try a.permuted([0, 0, 1]) }
        expectTensorError("permute", mentioning: ["[1, 0]"]) { _ = try a.permuted([1, 0]) }
        expectTensorError("permute", mentioning: ["[0, 1, 3]"]) { _ = try a.permuted([0, 1, 3]) }
    }

    // MARK: slice

    struct SliceCase: Sendable, CustomTestStringConvertible {
        let numpy: String
        let indices: [SliceIndex]
        let shape: [Int]
        let values: [Double]
        var testDescription: String { "x[\(numpy)]" }
    }

    // Expected shapes and values: numpy basic indexing on x = np.arange(24).reshape(2, 3, 4).
    static let sliceCases: [SliceCase] = [
        .init(numpy: "-1, ::-1, 1::2", indices: [.index(-1), .range(start: nil, stop: nil, step: -1), .range(start: 1, stop: nil, step: 2)],
              shape: [3, 2], values: [21, 23, 17, 19, 13, 15]),
        .init(numpy: ":, -1:-4:-1, 2", indices: [.all, .range(start: -1, stop: -4, step: -1), .index(2)],
              shape: [2, 3], values: [10, 6, 2, 22, 18, 14]),
        .init(numpy: "5:-10", indices: [.range(5, -10)], shape: [0, 3, 4], values: []),
        .init(numpy: "-2:", indices: [.range(-2, nil)], shape: [2, 3, 4], values: (0..<24).map(Double.init)),
        .init(numpy: ":, ::-2, -3::-1", indices: [.all, .range(start: nil, stop: nil, step: -2), .range(start: -3, stop: nil, step: -1)],
              shape: [2, 2, 2], values: [9, 8, 1, 0, 21, 20, 13, 12]),
        .init(numpy: "1", indices: [.index(1)], shape: [3, 4], values: (12..<24).map(Double.init)),
        .init(numpy: "0, 1:", indices: [.index(0), .range(1, nil)], shape: [2, 4], values: [4, 5, 6, 7, 8, 9, 10, 11]),
        .init(numpy: ":, 1:100, -100:2", indices: [.all, .range(1, 100), .range(-100, 2)], shape: [2, 2, 2], values: [4, 5, 8, 9, 16, 17, 20, 21]),
        .init(numpy: "::-1, 2:0:-1, ::3", indices: [.range(start: nil, stop: nil, step: -1), .range(start: 2, stop: 0, step: -1), .range(start: nil, stop: nil, step: 3)],
              shape: [2, 2, 2], values: [20, 23, 16, 19, 8, 11, 4, 7]),
        .init(numpy: ":, 0:3:2, 3:0:-2", indices: [.all, .range(start: 0, stop: 3, step: 2), .range(start: 3, stop: 0, step: -2)],
              shape: [2, 2, 2], values: [3, 1, 11, 9, 15, 13, 23, 21]),
        .init(numpy: "1, -1, -1", indices: [.index(1), .index(-1), .index(-1)], shape: [], values: [23]),
        .init(numpy: ":, 2:1", indices: [.all, .range(2, 1)], shape: [2, 0, 4], values: []),
        .init(numpy: "::-1, :, -1:-5:-3", indices: [.range(start: nil, stop: nil, step: -1), .all, .range(start: -1, stop: -5, step: -3)],
              shape: [2, 3, 2], values: [15, 12, 19, 16, 23, 20, 3, 0, 7, 4, 11, 8]),
        .init(numpy: "", indices: [], shape: [2, 3, 4], values: (0..<24).map(Double.init)),
    ]

    @Test(arguments: sliceCases, elementTypes)
    func slice(_ c: SliceCase, dtype: DType) throws {
        let y = try Self.x(dtype).slice(c.indices)
        #expect(y.dtype == dtype)
        #expect(y.shape == c.shape)
        #expect(y.doubles == c.values)
    }

    @Test func sliceBoolKeepsBytes() throws {
        let b = NDArray([true, false, false, true, true, false], shape: [2, 3])
        #expect(try b.slice([.all, .range(start: nil, stop: nil, step: -1)]).scalars(as: Bool.self) == [false, false, true, false, true, true])
    }

    @Test func sliceErrors() {
        let a = Self.x(.float32)
        expectTensorError("slice", mentioning: ["4 indices", "rank 3", "(2, 3, 4)"]) {
            _ = try a.slice([.all, .all, .all, .all])
        }
        expectTensorError("slice", mentioning: ["step cannot be zero"]) { _ = try a.slice([.range(start: 0, stop: 2, step: 0)]) }
        expectTensorError("slice", mentioning: ["index 3", "axis 1", "size 3"]) { _ = try a.slice([.all, .index(3)]) }
        expectTensorError("slice", mentioning: ["index -3", "axis 0", "size 2"]) { _ = try a.slice([.index(-3)]) }
    }

    @Test func sliceIndexDescriptions() {
        #expect(SliceIndex.all.description == ":")
        #expect(SliceIndex.range(start: -1, stop: nil, step: -2).description == "-1::-2")
        #expect(SliceIndex.range(1, 3).description == "1:3")
        #expect(SliceIndex.index(-4).description == "-4")
    }

    // MARK: updatingSlice

    @Test(arguments: elementTypes)
    func updatingSliceSets(dtype: DType) throws {
        let a = Self.x(dtype)
        // y = x.copy(); y[:, ::-2, 1] = [100, 200]  (values broadcast over the first axis)
        let y = try a.updatingSlice([.all, .range(start: nil, stop: nil, step: -2), .index(1)], with: NDArray([100, 200] as [Int32]))
        #expect(y.dtype == dtype)
        #expect(y.doubles == [0, 200, 2, 3, 4, 5, 6, 7, 8, 100, 10, 11, 12, 200, 14, 15, 16, 17, 18, 19, 20, 100, 22, 23])
        #expect(a.doubles == (0..<24).map(Double.init)) // the original is untouched
        // y[0] = 7
        let z = try a.updatingSlice([.index(0)], with: NDArray(scalar: 7.0))
        #expect(z.doubles == [Double](repeating: 7, count: 12) + (12..<24).map(Double.init))
    }

    @Test(arguments: elementTypes)
    func updatingSliceIncrements(dtype: DType) throws {
        let a = Self.x(dtype)
        // y = x.copy(); y[1, 1:, ::-1] += [[10], [20]]
        let y = try a.updatingSlice([.index(1), .range(1, nil), .range(start: nil, stop: nil, step: -1)],
                                    with: NDArray([10, 20] as [Float], shape: [2, 1]), accumulate: true)
        #expect(y.doubles == [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 26, 27, 28, 29, 40, 41, 42, 43])
        // y = x.copy(); y[:, -1, -2:] += [1, 2]
        let z = try a.updatingSlice([.all, .index(-1), .range(-2, nil)], with: NDArray([1, 2] as [Float]), accumulate: true)
        #expect(z.doubles == [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 13, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23, 25])
    }

    @Test func updatingSliceOnBoolOrsWhenIncrementing() throws {
        let b = NDArray([true, false, false, false], shape: [4])
        let set = try b.updatingSlice([.range(1, 3)], with: NDArray([true, false]))
        #expect(set.scalars(as: Bool.self) == [true, true, false, false])
        let inc = try b.updatingSlice([.range(start: nil, stop: nil, step: 2)], with: NDArray(scalar: true), accumulate: true)
        #expect(inc.scalars(as: Bool.self) == [true, false, true, false])
    }

    @Test func updatingSliceErrors() {
        let a = Self.x(.float32)
        expectTensorError("set_subtensor", mentioning: ["(3,)", "(2, 4)"]) {
            _ = try a.updatingSlice([.index(0), .range(1, nil)], with: NDArray(zeros: [3]))
        }
        expectTensorError("inc_subtensor", mentioning: ["(2, 2)", "(2,)"]) {
            _ = try a.updatingSlice([.all, .index(0), .index(0)], with: NDArray(zeros: [2, 2]), accumulate: true)
        }
        expectTensorError("slice", mentioning: ["index 5"]) { _ = try a.updatingSlice([.index(5)], with: NDArray(zeros: [])) }
    }

    // MARK: concatenate and stack

    // a = np.arange(6).reshape(2,3); b = np.arange(100,104).reshape(2,2); c = np.arange(200,209).reshape(3,3)
    static let a = NDArray((0..<6).map { Float($0) }, shape: [2, 3])
    static let b = NDArray((100..<104).map { Float($0) }, shape: [2, 2])
    static let c = NDArray((200..<209).map { Float($0) }, shape: [3, 3])

    @Test func concatenate() throws {
        let ab = try NDArray.concatenate([Self.a, Self.b], axis: 1)
        #expect(ab.shape == [2, 5])
        #expect(ab.doubles == [0, 1, 2, 100, 101, 3, 4, 5, 102, 103])
        let ac = try NDArray.concatenate([Self.a, Self.c], axis: 0)
        #expect(ac.shape == [5, 3])
        #expect(ac.doubles == [0, 1, 2, 3, 4, 5, 200, 201, 202, 203, 204, 205, 206, 207, 208])
        let aba = try NDArray.concatenate([Self.a, Self.b, Self.a], axis: -1)
        #expect(aba.shape == [2, 8])
        #expect(aba.doubles == [0, 1, 2, 100, 101, 0, 1, 2, 3, 4, 5, 102, 103, 3, 4, 5])
        let one = try NDArray.concatenate([Self.a], axis: 0)
        #expect(one.doubles == Self.a.doubles)
        let withEmpty = try NDArray.concatenate([NDArray(zeros: [0, 3]), Self.a.cast(to: .float32)], axis: 0)
        #expect(withEmpty.shape == [2, 3])
        let ints = try NDArray.concatenate([NDArray([1, 2] as [Int32]), NDArray([3] as [Int32])], axis: 0)
        #expect(ints.dtype == .int32)
        #expect(ints.doubles == [1, 2, 3])
        let bools = try NDArray.concatenate([NDArray([true], shape: [1, 1]), NDArray([false, true], shape: [1, 2])], axis: 1)
        #expect(bools.scalars(as: Bool.self) == [true, false, true])
    }

    @Test func concatenateErrors() {
        expectTensorError("concatenate", mentioning: ["(2, 3)", "(2, 2)", "outside axis 0"]) {
            _ = try NDArray.concatenate([Self.a, Self.b], axis: 0)
        }
        expectTensorError("concatenate", mentioning: ["float32", "float64"]) {
            _ = try NDArray.concatenate([Self.a, Self.a.cast(to: .float64)], axis: 0)
        }
        expectTensorError("concatenate", mentioning: ["axis 2", "rank 2"]) { _ = try NDArray.concatenate([Self.a], axis: 2) }
        expectTensorError("concatenate", mentioning: ["axis -3"]) { _ = try NDArray.concatenate([Self.a], axis: -3) }
        expectTensorError("concatenate", mentioning: ["at least one"]) { _ = try NDArray.concatenate([], axis: 0) }
        expectTensorError("concatenate", mentioning: ["(2, 3)", "(6,)"]) {
            _ = try NDArray.concatenate([Self.a, NDArray(zeros: [6])], axis: 0)
        }
    }

    @Test(arguments: [
        // np.stack([a, a + 10], axis)
        (0, [2, 2, 3], [0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15]),
        (1, [2, 2, 3], [0, 1, 2, 10, 11, 12, 3, 4, 5, 13, 14, 15]),
        (2, [2, 3, 2], [0, 10, 1, 11, 2, 12, 3, 13, 4, 14, 5, 15]),
        (-1, [2, 3, 2], [0, 10, 1, 11, 2, 12, 3, 13, 4, 14, 5, 15]),
        (-3, [2, 2, 3], [0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15]),
    ] as [(Int, [Int], [Double])])
    func stack(axis: Int, shape: [Int], values: [Double]) throws {
        let y = try NDArray.stack([Self.a, Self.a + NDArray(scalar: Float(10))], axis: axis)
        #expect(y.shape == shape)
        #expect(y.doubles == values)
    }

    @Test func stackErrors() {
        expectTensorError("stack", mentioning: ["(2, 3)", "(2, 2)"]) { _ = try NDArray.stack([Self.a, Self.b]) }
        expectTensorError("stack", mentioning: ["axis 3"]) { _ = try NDArray.stack([Self.a], axis: 3) }
        expectTensorError("stack", mentioning: ["axis -4"]) { _ = try NDArray.stack([Self.a], axis: -4) }
        expectTensorError("stack", mentioning: ["at least one"]) { _ = try NDArray.stack([]) }
        expectTensorError("concatenate", mentioning: ["dtypes differ"]) { _ = try NDArray.stack([Self.a, Self.a.cast(to: .int32)]) }
    }

    // MARK: gathering

    @Test(arguments: elementTypes)
    func gathering(dtype: DType) throws {
        let a = Self.x(dtype)
        // np.take(x, [2, -1, 0], axis=1)
        let g1 = try a.gathering(NDArray([2, -1, 0] as [Int32]), axis: 1)
        #expect(g1.dtype == dtype)
        #expect(g1.shape == [2, 3, 4])
        #expect(g1.doubles == [8, 9, 10, 11, 8, 9, 10, 11, 0, 1, 2, 3, 20, 21, 22, 23, 20, 21, 22, 23, 12, 13, 14, 15])
        // np.take(x, [[1, 0], [0, 1]], axis=0)
        let g0 = try a.gathering(NDArray([1, 0, 0, 1] as [Int32], shape: [2, 2]))
        #expect(g0.shape == [2, 2, 3, 4])
        let rows: [Double] = (0..<24).map(Double.init)
        #expect(g0.doubles == Array(rows[12...] + rows[..<12] + rows))
        // np.take(x, [-4, 3], axis=-1)
        let g2 = try a.gathering(NDArray([-4, 3] as [Int32]), axis: -1)
        #expect(g2.shape == [2, 3, 2])
        #expect(g2.doubles == [0, 3, 4, 7, 8, 11, 12, 15, 16, 19, 20, 23])
        // np.take(x, 1, axis=2): a scalar index drops the axis
        let g3 = try a.gathering(NDArray(scalar: Int32(1)), axis: 2)
        #expect(g3.shape == [2, 3])
        #expect(g3.doubles == [1, 5, 9, 13, 17, 21])
        // no indices: an empty axis
        #expect(try a.gathering(NDArray(zeros: [0], dtype: .int32), axis: 1).shape == [2, 0, 4])
    }

    @Test func gatheringErrors() {
        let a = Self.x(.float32)
        expectTensorError("gather", mentioning: ["index 3", "size 3"]) { _ = try a.gathering(NDArray([0, 3] as [Int32]), axis: 1) }
        expectTensorError("gather", mentioning: ["index -5", "size 4"]) { _ = try a.gathering(NDArray([-5] as [Int32]), axis: 2) }
        expectTensorError("gather", mentioning: ["int32", "float32"]) { _ = try a.gathering(NDArray([0] as [Float])) }
        expectTensorError("gather", mentioning: ["axis 3"]) { _ = try a.gathering(NDArray([0] as [Int32]), axis: 3) }
    }
}
