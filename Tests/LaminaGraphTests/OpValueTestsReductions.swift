import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// Forward values of the reductions and argmax.
@Suite struct OpValueTestsReductions {
    // Expected values computed with numpy 2.4 on X of shape (2, 2, 4):
    //   X = np.array([[[1.5,-2,3,0.5],[4,-1,2.5,-3]],[[0.25,6,-0.5,1],[2,-4,3.5,-1.5]]])
    //   g(X), g(X, axis=1), g(X, axis=(0,2)), g(X, axis=-1, keepdims=True) for g in np.sum, ...
    static let values: [Double] = [1.5, -2, 3, 0.5, 4, -1, 2.5, -3, 0.25, 6, -0.5, 1, 2, -4, 3.5, -1.5]
    static let x = Expr.input("X", dtype: .float64, shape: [2, 2, 4])
    static var feeds: [(Expr, NDArray)] { [(x, f64(values, [2, 2, 4]))] }

    struct Case: Sendable, CustomTestStringConvertible {
        let kind: ReductionKind
        let all: Double
        let axis1: [Double]
        let axes02: [Double]
        let lastKeepDims: [Double]
        var testDescription: String { kind.rawValue }
    }

    static let cases: [Case] = [
        .init(kind: .sum, all: 12.25, axis1: [5.5, -3.0, 5.5, -2.5, 2.25, 2.0, 3.0, -0.5], axes02: [9.75, 2.5],
              lastKeepDims: [3.0, 2.5, 6.75, 0.0]),
        .init(kind: .mean, all: 0.765625, axis1: [2.75, -1.5, 2.75, -1.25, 1.125, 1.0, 1.5, -0.25], axes02: [1.21875, 0.3125],
              lastKeepDims: [0.75, 0.625, 1.6875, 0.0]),
        .init(kind: .max, all: 6.0, axis1: [4.0, -1.0, 3.0, 0.5, 2.0, 6.0, 3.5, 1.0], axes02: [6.0, 4.0],
              lastKeepDims: [3.0, 4.0, 6.0, 3.5]),
        .init(kind: .min, all: -4.0, axis1: [1.5, -2.0, 2.5, -3.0, 0.25, -4.0, -0.5, -1.5], axes02: [-2.0, -4.0],
              lastKeepDims: [-2.0, -3.0, -0.5, -4.0]),
        .init(kind: .prod, all: 4252.5, axis1: [6.0, 2.0, 7.5, -1.5, 0.5, -24.0, -1.75, -1.5], axes02: [3.375, 1260.0],
              lastKeepDims: [-4.5, 30.0, -0.75, 42.0]),
    ]

    @Test(arguments: cases)
    func reductions(_ c: Case) throws {
        let x = Self.x
        try expectValues(x.reduce(c.kind), Self.feeds, [c.all], shape: [])
        try expectValues(x.reduce(c.kind, axes: [1]), Self.feeds, c.axis1, shape: [2, 4])
        try expectValues(x.reduce(c.kind, axes: [0, 2]), Self.feeds, c.axes02, shape: [2])
        try expectValues(x.reduce(c.kind, axes: [-1], keepDims: true), Self.feeds, c.lastKeepDims, shape: [2, 2, 1])
        try expectValues(x.reduce(c.kind, keepDims: true), Self.feeds, [c.all], shape: [1, 1, 1])
    }

    /// The convenience methods are the same reductions.
    @Test func namedMethods() throws {
        let x = Self.x
        try expectValues(x.sum(axes: [0, 2]), Self.feeds, [9.75, 2.5], shape: [2])
        try expectValues(x.mean(), Self.feeds, [0.765625], shape: [])
        try expectValues(x.max(axes: [1]), Self.feeds, [4.0, -1.0, 3.0, 0.5, 2.0, 6.0, 3.5, 1.0], shape: [2, 4])
        try expectValues(x.min(axes: [0, 2]), Self.feeds, [-2.0, -4.0], shape: [2])
        try expectValues(x.prod(), Self.feeds, [4252.5], shape: [])
    }

    /// np.argmax(X, axis=-1), axis=0 and axis=1 (int32).
    @Test func argmax() throws {
        let x = Self.x
        try expectValues(x.argmax(), Self.feeds, [2, 0, 1, 2], shape: [2, 2], dtype: .int32)
        try expectValues(x.argmax(axis: 0), Self.feeds, [0, 1, 0, 1, 0, 0, 1, 1], shape: [2, 4], dtype: .int32)
        try expectValues(x.argmax(axis: 1, keepDims: true), Self.feeds, [1, 1, 0, 0, 1, 0, 1, 0], shape: [2, 1, 4], dtype: .int32)
    }

    /// The mean of an int32 array is float64; unknown sizes are counted at run time.
    @Test func meanOfIntegersAndUnknownSizes() throws {
        let i = Expr.input("i", dtype: .int32, shape: [nil, 2])
        try expectValues(i.mean(axes: [0]), [(i, i32([1, 2, 4, 7, 10, 3], [3, 2]))], [5, 4], shape: [2], dtype: .float64)
        try expectValues(i.sum(), [(i, i32([1, 2, 4, 7, 10, 3], [3, 2]))], [27], shape: [], dtype: .int32)
    }
}
