import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// Forward values of subtensor, set/inc subtensor, take, oneHot and shapeOf.
@Suite struct OpValueTestsIndexing {
    // Expected values computed with numpy 2.4 on X = np.arange(12.).reshape(3,4) and
    // W = np.arange(12.).reshape(4,3): X[::-1, 1::2], ..., Y = X.copy(); Y[1:, ::2] = ...; np.take(W, ...).
    static let range12: [Double] = (0..<12).map(Double.init)
    static let x = Expr.input("X", dtype: .float64, shape: [3, 4])
    static var feeds: [(Expr, NDArray)] { [(x, f64(range12, [3, 4]))] }

    struct Slice: Sendable, CustomTestStringConvertible {
        let text: String
        let indices: [SliceIndex]
        let shape: [Int]
        let expected: [Double]
        var testDescription: String { text }
    }

    static let slices: [Slice] = [
        .init(text: "X[::-1, 1::2]", indices: [.range(start: nil, stop: nil, step: -1), .range(start: 1, stop: nil, step: 2)],
              shape: [3, 2], expected: [9, 11, 5, 7, 1, 3]),
        .init(text: "X[-1, ::-2]", indices: [.index(-1), .range(start: nil, stop: nil, step: -2)], shape: [2], expected: [11, 9]),
        .init(text: "X[1:, -1]", indices: [.range(1, nil), .index(-1)], shape: [2], expected: [7, 11]),
        .init(text: "X[-1:0:-1, 3::-2]", indices: [.range(start: -1, stop: 0, step: -1), .range(start: 3, stop: nil, step: -2)],
              shape: [2, 2], expected: [11, 9, 7, 5]),
        .init(text: "X[1]", indices: [.index(1)], shape: [4], expected: [4, 5, 6, 7]),
        .init(text: "X[:, 1:3]", indices: [.all, .range(1, 3)], shape: [3, 2], expected: [1, 2, 5, 6, 9, 10]),
        .init(text: "X[::-2, ::-3]", indices: [.range(start: nil, stop: nil, step: -2), .range(start: nil, stop: nil, step: -3)],
              shape: [2, 2], expected: [11, 8, 3, 0]),
        .init(text: "X[1, 2]", indices: [.index(1), .index(2)], shape: [], expected: [6]),
    ]

    @Test(arguments: slices)
    func subtensor(_ s: Slice) throws {
        try expectValues(Self.x.subtensor(s.indices), Self.feeds, s.expected, shape: s.shape)
    }

    @Test func settingSubtensor() throws {
        let x = Self.x
        let block = Expr.constant(f64([100, 200, 300, 400], [2, 2]))
        try expectValues(x.settingSubtensor([.range(1, nil), .range(start: nil, stop: nil, step: 2)], to: block), Self.feeds,
                         [0, 1, 2, 3, 100, 5, 200, 7, 300, 9, 400, 11], shape: [3, 4])
        let six = Expr.constant(f64([1, 2, 3, 4, 5, 6], [3, 2]))
        try expectValues(x.settingSubtensor([.range(start: nil, stop: nil, step: -1), .range(start: 3, stop: 0, step: -2)], to: six),
                         Self.feeds, [0, 6, 2, 5, 4, 4, 6, 3, 8, 2, 10, 1], shape: [3, 4])
        // Broadcast values: a row added to two rows, and a scalar written into a column.
        try expectValues(x.settingSubtensor([.range(0, 2)], to: Expr.constant(f64([10, 20, 30, 40], [4])), accumulate: true),
                         Self.feeds, [10, 21, 32, 43, 14, 25, 36, 47, 8, 9, 10, 11], shape: [3, 4])
        try expectValues(x.settingSubtensor([.all, .index(2)], to: x.literal(-1)), Self.feeds,
                         [0, 1, -1, 3, 4, 5, -1, 7, 8, 9, -1, 11], shape: [3, 4])
    }

    /// The operand is not modified: x and the updated copy are both outputs.
    @Test func settingSubtensorLeavesTheOperandIntact() throws {
        let x = Self.x
        let updated = try x.settingSubtensor([.index(0)], to: x.literal(7))
        for (_, r) in try evaluateBoth([updated, x * 1], Self.feeds) {
            expectClose(r[0], [7, 7, 7, 7] + Self.range12[4...], shape: [3, 4], absolute: 1e-12, relative: 1e-12)
            expectClose(r[1], Self.range12, shape: [3, 4], absolute: 1e-12, relative: 1e-12)
        }
    }

    @Test func take() throws {
        let w = Expr.input("W", dtype: .float64, shape: [4, 3])
        let feeds = [(w, f64(Self.range12, [4, 3]))]
        try expectValues(w.take(Expr.constant(i32([0, 2, 0, 3], [4]))), feeds, [0, 1, 2, 6, 7, 8, 0, 1, 2, 9, 10, 11], shape: [4, 3])
        try expectValues(w.take(Expr.constant(i32([1, 1, 3, 0], [2, 2]))), feeds, [3, 4, 5, 3, 4, 5, 9, 10, 11, 0, 1, 2], shape: [2, 2, 3])
        try expectValues(w.take(Expr.constant(i32([2, 0, 2], [3])), axis: 1), feeds, [2, 0, 2, 5, 3, 5, 8, 6, 8, 11, 9, 11], shape: [4, 3])
        // Negative indices count from the end, as in np.take(W, [-1, 0, -1], axis=0).
        try expectValues(w.take(Expr.constant(i32([-1, 0, -1], [3]))), feeds, [9, 10, 11, 0, 1, 2, 9, 10, 11], shape: [3, 3])
        let t = Expr.input("T", dtype: .float64, shape: [2, 2, 3])
        try expectValues(t.take(Expr.constant(i32([2, 1], [2])), axis: -1), [(t, f64(Self.range12, [2, 2, 3]))],
                         [2, 1, 5, 4, 8, 7, 11, 10], shape: [2, 2, 2])
    }

    /// np.eye(4)[[2, 0, 3]]; an index outside 0..<depth gives a zero row.
    @Test func oneHot() throws {
        let i = Expr.input("i", dtype: .int32, shape: [4])
        let feeds = [(i, i32([2, 0, 3, 7], [4]))]
        let expected: [Double] = [0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0]
        try expectValues(i.oneHot(depth: 4), feeds, expected, shape: [4, 4], dtype: .float32)
        try expectValues(i.oneHot(depth: 4, dtype: .float64), feeds, expected, shape: [4, 4], dtype: .float64)
        let j = Expr.input("j", dtype: .int32, shape: [2, 1])
        try expectValues(j.oneHot(depth: 3), [(j, i32([1, -1], [2, 1]))], [0, 1, 0, 0, 0, 0], shape: [2, 1, 3])
    }

    @Test func shapeOf() throws {
        let u = Expr.input("u", dtype: .float64, shape: [nil, 3, nil])
        let s = try u.shapeOf()
        #expect(s.type == TensorType(.int32, [3]))
        try expectValues(s, [(u, NDArray(zeros: [5, 3, 2], dtype: .float64))], [5, 3, 2], shape: [3], dtype: .int32)
        let scalar = Expr.input("s", dtype: .float64, shape: [])
        try expectValues(scalar.shapeOf(), [(scalar, f64([1], []))], [], shape: [0], dtype: .int32)
    }
}
