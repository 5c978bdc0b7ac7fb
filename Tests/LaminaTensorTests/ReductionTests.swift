import Testing
@testable import LaminaTensor
import LaminaTestSupport

/// sum, mean, max, min, prod and argmax over axes, against numpy.
@Suite struct ReductionTests {
    /// x = ((np.arange(24)*7 % 11) - 5.5) * 0.5, shape (2, 3, 4): no zeros, mixed signs.
    static let x: [Double] = [-2.75, 0.75, -1.25, 2.25, 0.25, -1.75, 1.75, -0.25, -2.25, 1.25, -0.75, -2.75,
                              0.75, -1.25, 2.25, 0.25, -1.75, 1.75, -0.25, -2.25, 1.25, -0.75, -2.75, 0.75]

    struct Case: Sendable, CustomTestStringConvertible {
        let kind: ReductionKind
        let axes: [Int]?
        let shape: [Int]
        let expected: [Double]
        var testDescription: String { "\(kind) over \(axes.map { "\($0)" } ?? "all")" }
    }

    // np.sum / np.mean / np.max / np.min / np.prod(x, axis=axes) in float64.
    // Axes are written in several equivalent forms (negative, unsorted) on purpose.
    static let cases: [Case] = [
        .init(kind: .sum, axes: [0], shape: [3, 4], expected: [-2.0, -0.5, 1.0, 2.5, -1.5, 0.0, 1.5, -2.5, -1.0, 0.5, -3.5, -2.0]),
        .init(kind: .mean, axes: [0], shape: [3, 4], expected: [-1.0, -0.25, 0.5, 1.25, -0.75, 0.0, 0.75, -1.25, -0.5, 0.25, -1.75, -1.0]),
        .init(kind: .max, axes: [-3], shape: [3, 4], expected: [0.75, 0.75, 2.25, 2.25, 0.25, 1.75, 1.75, -0.25, 1.25, 1.25, -0.75, 0.75]),
        .init(kind: .min, axes: [0], shape: [3, 4], expected: [-2.75, -1.25, -1.25, 0.25, -1.75, -1.75, -0.25, -2.25, -2.25, -0.75, -2.75, -2.75]),
        .init(kind: .prod, axes: [0], shape: [3, 4], expected: [-2.0625, -0.9375, -2.8125, 0.5625, -0.4375, -3.0625, -0.4375, 0.5625, -2.8125, -0.9375, 2.0625, -2.0625]),
        .init(kind: .sum, axes: [1], shape: [2, 4], expected: [-4.75, 0.25, -0.25, -0.75, 0.25, -0.25, -0.75, -1.25]),
        .init(kind: .mean, axes: [-2], shape: [2, 4], expected: [-1.5833333333333333, 0.08333333333333333, -0.08333333333333333, -0.25, 0.08333333333333333, -0.08333333333333333, -0.25, -0.4166666666666667]),
        .init(kind: .max, axes: [1], shape: [2, 4], expected: [0.25, 1.25, 1.75, 2.25, 1.25, 1.75, 2.25, 0.75]),
        .init(kind: .min, axes: [1], shape: [2, 4], expected: [-2.75, -1.75, -1.25, -2.75, -1.75, -1.25, -2.75, -2.25]),
        .init(kind: .prod, axes: [1], shape: [2, 4], expected: [1.546875, -1.640625, 1.640625, 1.546875, -1.640625, 1.640625, 1.546875, -0.421875]),
        .init(kind: .sum, axes: [-1], shape: [2, 3], expected: [-1.0, 0.0, -4.5, 2.0, -2.5, -1.5]),
        .init(kind: .mean, axes: [2], shape: [2, 3], expected: [-0.25, 0.0, -1.125, 0.5, -0.625, -0.375]),
        .init(kind: .max, axes: [2], shape: [2, 3], expected: [2.25, 1.75, 1.25, 2.25, 1.75, 1.25]),
        .init(kind: .min, axes: [-1], shape: [2, 3], expected: [-2.75, -1.75, -2.75, -1.25, -2.25, -2.75]),
        .init(kind: .prod, axes: [2], shape: [2, 3], expected: [5.80078125, 0.19140625, -5.80078125, -0.52734375, -1.72265625, 1.93359375]),
        // non-adjacent axes
        .init(kind: .sum, axes: [0, 2], shape: [3], expected: [1.0, -2.5, -6.0]),
        .init(kind: .mean, axes: [2, 0], shape: [3], expected: [0.125, -0.3125, -0.75]),
        .init(kind: .max, axes: [-3, -1], shape: [3], expected: [2.25, 1.75, 1.25]),
        .init(kind: .min, axes: [0, 2], shape: [3], expected: [-2.75, -2.25, -2.75]),
        .init(kind: .prod, axes: [0, -1], shape: [3], expected: [-3.0590057373046875, -0.3297271728515625, -11.216354370117188]),
        // adjacent pairs
        .init(kind: .sum, axes: [0, 1], shape: [4], expected: [-4.5, 0.0, -1.0, -2.0]),
        .init(kind: .mean, axes: [1, 0], shape: [4], expected: [-0.75, 0.0, -0.16666666666666666, -0.3333333333333333]),
        .init(kind: .max, axes: [0, 1], shape: [4], expected: [1.25, 1.75, 2.25, 2.25]),
        .init(kind: .min, axes: [1, 2], shape: [2], expected: [-2.75, -2.75]),
        .init(kind: .prod, axes: [1, 2], shape: [2], expected: [-6.440640985965729, 1.756538450717926]),
        // all axes
        .init(kind: .sum, axes: nil, shape: [], expected: [-7.5]),
        .init(kind: .mean, axes: [0, 1, 2], shape: [], expected: [-0.3125]),
        .init(kind: .max, axes: nil, shape: [], expected: [2.25]),
        .init(kind: .min, axes: [2, 1, 0], shape: [], expected: [-2.75]),
        .init(kind: .prod, axes: nil, shape: [], expected: [-11.313233539118617]),
    ]

    @Test(arguments: cases, [DType.float32, .float64])
    func reduceFloats(_ c: Case, dtype: DType) throws {
        let a = NDArray.floats(Self.x, shape: [2, 3, 4], dtype: dtype)
        let y = try a.reduced(c.kind, axes: c.axes)
        #expect(y.dtype == dtype)
        #expect(y.shape == c.shape)
        let tolerance = dtype == .float32 ? 1e-6 : 1e-14
        expectClose(y.doubles, c.expected, absolute: tolerance, relative: tolerance)
        // keepDims: the same values, with the reduced axes kept as 1
        let kept = try a.reduced(c.kind, axes: c.axes, keepDims: true)
        let reduced = Set((c.axes ?? [0, 1, 2]).map { $0 < 0 ? $0 + 3 : $0 })
        #expect(kept.shape == (0..<3).map { reduced.contains($0) ? 1 : [2, 3, 4][$0] })
        expectClose(kept.doubles, c.expected, absolute: tolerance, relative: tolerance)
    }

    @Test func namedMethodsMatchKinds() throws {
        let a = NDArray(Self.x, shape: [2, 3, 4])
        // np.sum(x, axis=(0, 2), keepdims=True) has shape (1, 3, 1)
        let s = try a.sum(axes: [0, 2], keepDims: true)
        #expect(s.shape == [1, 3, 1])
        #expect(s.doubles == [1.0, -2.5, -6.0])
        #expect(try a.mean().scalarValue == -0.3125)
        #expect(try a.max(axes: [1, 2]).doubles == [2.25, 2.25])
        #expect(try a.min(axes: [1, 2]).doubles == [-2.75, -2.75])
        #expect(try a.prod(axes: [0]).shape == [3, 4])
    }

    @Test func rank4NonAdjacentAxes() throws {
        // y = np.arange(120.).reshape(2,3,4,5) % 13 - 6
        let y = NDArray((0..<120).map { Double($0 % 13) - 6 }, shape: [2, 3, 4, 5])
        let s = try y.sum(axes: [1, 3])
        #expect(s.shape == [2, 4])
        #expect(s.doubles == [-20.0, 3.0, 0.0, -3.0, 22.0, -20.0, 3.0, 0.0])
        let m = try y.max(axes: [0, 2])
        #expect(m.shape == [3, 5])
        #expect(m.doubles == [4.0, 5.0, 6.0, 5.0, 6.0, 6.0, 4.0, 5.0, 6.0, 5.0, 5.0, 6.0, 5.0, 6.0, 4.0])
        let mean = try y.mean(axes: [0, -1], keepDims: true)
        #expect(mean.shape == [1, 3, 4, 1])
        expectClose(mean.doubles, [0.0, -1.5, 0.9, -0.6, 0.5, 0.3, -1.2, 1.2, -0.3, -0.5, 0.6, -0.9], absolute: 1e-15, relative: 1e-15)
    }

    @Test(arguments: [7, 8, 9, 1000, 1001])
    func longRowsSumExactly(count: Int) throws {
        // 0 + 1 + … + (n−1) = n(n−1)/2 (exact in float32 for these sizes)
        let a = NDArray.arange([count])
        #expect(try a.sum().scalarValue == Double(count * (count - 1) / 2))
        #expect(try a.max().scalarValue == Double(count - 1))
        #expect(try a.min().scalarValue == 0)
        #expect(try a.argmax().scalarValue == Double(count - 1))
    }

    @Test func float32SumOfManySmallValuesStaysAccurate() throws {
        // 100000 × Float(0.1) = 10000.0001490116 exactly. Eight float32 partial sums gave
        // 9998.735; sums this long accumulate in Double, so the float32 result is the
        // exact sum rounded once (numpy's pairwise sum: 10000.001).
        let a = NDArray(repeating: 0.1, shape: [100_000])
        let exact = 100_000 * Double(Float(0.1))
        #expect(try a.sum().scalarValue == Double(Float(exact)))
        #expect(abs(try a.mean().scalarValue - exact / 100_000) / (exact / 100_000) < 1e-7)
    }

    @Test(arguments: [
        // argmax along an axis (np.argmax(x, axis)); ties and order: first occurrence wins
        (0, [3, 4], [1.0, 0.0, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0]),
        (1, [2, 4], [1.0, 2.0, 1.0, 0.0, 2.0, 1.0, 0.0, 2.0]),
        (-1, [2, 3], [3.0, 2.0, 1.0, 2.0, 1.0, 0.0]),
        (2, [2, 3], [3.0, 2.0, 1.0, 2.0, 1.0, 0.0]),
    ] as [(Int, [Int], [Double])])
    func argmaxAlongAxis(axis: Int, shape: [Int], expected: [Double]) throws {
        let y = try NDArray(Self.x, shape: [2, 3, 4]).argmax(axis: axis)
        #expect(y.dtype == .int32)
        #expect(y.shape == shape)
        #expect(y.doubles == expected)
    }

    @Test func argmaxFlattenedKeepDimsAndTies() throws {
        let a = NDArray(Self.x, shape: [2, 3, 4])
        let flat = try a.argmax()
        #expect(flat.shape == [])
        #expect(flat.scalarValue == 3) // np.argmax(x): first 2.25
        // np.argmax(x, keepdims=True) keeps every axis as 1
        let flatKept = try a.argmax(keepDims: true)
        #expect(flatKept.shape == [1, 1, 1])
        #expect(flatKept.doubles == [3])
        let kept = try a.argmax(axis: 1, keepDims: true)
        #expect(kept.shape == [2, 1, 4])
        #expect(kept.doubles == [1.0, 2.0, 1.0, 0.0, 2.0, 1.0, 0.0, 2.0])
        #expect(try NDArray([3, 1, 3, 2] as [Int32]).argmax().scalarValue == 0)
        #expect(try NDArray([false, true, true]).argmax().scalarValue == 1)
        #expect(try NDArray([-.infinity, -.infinity] as [Float]).argmax().scalarValue == 0)
    }

    @Test func int32Reductions() throws {
        let a = NDArray([1, -2, 3, 4, 5, -6] as [Int32], shape: [2, 3])
        let s = try a.sum(axes: [0])
        #expect(s.dtype == .int32)
        #expect(s.scalars(as: Int32.self) == [5, 3, -3])
        let m = try a.mean(axes: [1])
        #expect(m.dtype == .float64)
        expectClose(m.doubles, [2.0 / 3, 1], absolute: 1e-15, relative: 1e-15)
        #expect(try a.max().scalars(as: Int32.self) == [5])
        #expect(try a.min(axes: [0]).scalars(as: Int32.self) == [1, -2, -6])
        #expect(try a.prod(axes: [-1]).scalars(as: Int32.self) == [-6, -120])
        // exact beyond float32's 24 bits
        #expect(try NDArray([2_000_000_000, 100_000_000, 47_483_647] as [Int32]).sum().scalars(as: Int32.self) == [2_147_483_647])
    }

    @Test func boolReductions() throws {
        let a = NDArray([true, false, true, false, false, true], shape: [2, 3])
        let s = try a.sum(axes: [0])
        #expect(s.dtype == .int32)
        #expect(s.doubles == [1, 0, 2])
        #expect(try a.sum().scalars(as: Int32.self) == [3])
        let any = try a.max(axes: [1])
        #expect(any.dtype == .bool)
        #expect(any.scalars(as: Bool.self) == [true, true])
        #expect(try a.min(axes: [0]).scalars(as: Bool.self) == [false, false, true])
        let mean = try a.mean(axes: [1])
        #expect(mean.dtype == .float64)
        expectClose(mean.doubles, [2.0 / 3, 1.0 / 3], absolute: 1e-15, relative: 1e-15)
        let prod = try a.prod(axes: [0])
        #expect(prod.dtype == .int32)
        #expect(prod.doubles == [0, 0, 1])
    }

    @Test(arguments: [0, 7, 8, 19])
    func nanPropagatesAlongAContiguousRow(position: Int) throws {
        for dtype in [DType.float32, .float64] {
            var values = (0..<20).map { Double($0) - 5 }
            values[position] = .nan
            let a = NDArray.floats(values, shape: [1, 20], dtype: dtype)
            for kind in [ReductionKind.sum, .mean, .max, .min, .prod] {
                #expect(try a.reduced(kind, axes: [1]).doubles[0].isNaN, "\(kind) \(dtype)")
            }
            #expect(try a.argmax(axis: 1).doubles == [Double(position)]) // a NaN counts as the largest
        }
    }

    @Test func nanPropagatesAlongAnOuterAxis() throws {
        // reducing axis 0 of a (3, 4) array uses the strided path
        let a = NDArray([1, 2, 3, 4, 5, .nan, 7, 8, 9, 10, 11, .nan], shape: [3, 4])
        expectClose(try a.max(axes: [0]).doubles, [9, .nan, 11, .nan], absolute: 0, relative: 0)
        expectClose(try a.min(axes: [0]).doubles, [1, .nan, 3, .nan], absolute: 0, relative: 0)
        expectClose(try a.sum(axes: [0]).doubles, [15, .nan, 21, .nan], absolute: 0, relative: 0)
        #expect(try a.argmax(axis: 0).doubles == [2, 1, 2, 2])
        // NaN first, then larger values: still NaN
        let b = NDArray([.nan, 1, 5] as [Float])
        #expect(try b.max().scalarValue.isNaN)
        #expect(try b.min().scalarValue.isNaN)
    }

    @Test func emptyAxes() throws {
        let e = NDArray(zeros: [2, 0])
        #expect(try e.sum(axes: [1]).doubles == [0, 0])
        #expect(try e.prod(axes: [1]).doubles == [1, 1])
        #expect(try e.mean(axes: [1]).doubles.allSatisfy(\.isNaN)) // numpy: nan (0/0)
        #expect(try e.sum().scalarValue == 0)
        // reducing the non-empty axis leaves an empty result, which is fine
        #expect(try e.max(axes: [0]).shape == [0])
        expectTensorError("max", mentioning: ["empty axis", "(2, 0)"]) { _ = try e.max(axes: [1]) }
        expectTensorError("min", mentioning: ["empty axis", "(2, 0)"]) { _ = try e.min() }
        expectTensorError("argmax", mentioning: ["empty axis", "(2, 0)"]) { _ = try e.argmax(axis: -1) }
    }

    @Test func badAxesAreRejected() {
        let a = NDArray(zeros: [2, 3, 4])
        expectTensorError("sum", mentioning: ["axis 3 is out of range", "rank 3"]) { _ = try a.sum(axes: [3]) }
        expectTensorError("mean", mentioning: ["axis -4 is out of range"]) { _ = try a.mean(axes: [-4]) }
        expectTensorError("max", mentioning: ["repeated"]) { _ = try a.max(axes: [0, -3]) }
        expectTensorError("argmax", mentioning: ["axis 5"]) { _ = try a.argmax(axis: 5) }
    }

    @Test func noAxesIsACopy() throws {
        let a = NDArray([1, 2, 3] as [Float])
        #expect(try a.sum(axes: []).doubles == [1, 2, 3])
        #expect(try NDArray(scalar: 4.5).sum().scalarValue == 4.5)
    }

    @Test func resultTypes() {
        #expect(ReductionKind.sum.resultType(.bool) == .int32)
        #expect(ReductionKind.prod.resultType(.int32) == .int32)
        #expect(ReductionKind.mean.resultType(.int32) == .float64)
        #expect(ReductionKind.mean.resultType(.float32) == .float32)
        #expect(ReductionKind.max.resultType(.bool) == .bool)
        #expect(Reduction.resultShape([2, 3, 4], axes: [0, 2], keepDims: false) == [3])
        #expect(Reduction.resultShape([2, 3, 4], axes: [0, 2], keepDims: true) == [1, 3, 1])
    }
}
