import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// Gradients of sum, mean, max, min and prod over one, several and all axes, with and without keepDims.
@Suite struct GradientTestsReductions {
    struct Axes: Sendable, CustomTestStringConvertible {
        let axes: [Int]?
        let keepDims: Bool
        var testDescription: String { "axes \(axes.map { "\($0)" } ?? "all")\(keepDims ? " keepDims" : "")" }
    }

    static let axesCases: [Axes] = [
        .init(axes: [1], keepDims: false),
        .init(axes: [-1], keepDims: false),
        .init(axes: [0, 2], keepDims: false),
        .init(axes: nil, keepDims: false),
        .init(axes: [1], keepDims: true),
        .init(axes: [2, 0], keepDims: true),
        .init(axes: nil, keepDims: true),
    ]

    /// A (2, 3, 4) point with no ties and no zeros (magnitudes in [0.5, 1.5), alternating signs).
    static let point: NDArray = {
        let u = uniform([2, 3, 4], seed: 31, low: 0.5, high: 1.5).doubles
        return f64(u.enumerated().map { $0.offset % 3 == 1 ? -$0.element : $0.element }, [2, 3, 4])
    }()

    @Test(arguments: [ReductionKind.sum, .mean, .max, .min, .prod], axesCases)
    func finiteDifferences(_ kind: ReductionKind, _ a: Axes) throws {
        try checkGradient({ x in try probe(x[0].reduce(kind, axes: a.axes, keepDims: a.keepDims)) }, at: [Self.point])
    }

    /// Unknown sizes: mean's element count and the restored axes are found at run time.
    @Test(arguments: [ReductionKind.sum, .mean, .max, .min, .prod])
    func unknownSizes(_ kind: ReductionKind) throws {
        try checkGradient({ x in try x[0].reduce(kind, axes: [0]).square().sum() },
                          at: [Self.point.reshapedOrFail([6, 4])], shapes: [[nil, nil]])
        try checkGradient({ x in try x[0].reduce(kind, axes: [1], keepDims: true).square().mean() },
                          at: [Self.point.reshapedOrFail([6, 4])], shapes: [[nil, 4]])
    }

    /// Hand-computed: the gradient of max goes to the maximal element only; mean's is 1/n.
    @Test func handComputedMaxAndMean() throws {
        let x = Expr.input("x", dtype: .float64, shape: [2, 3])
        let gs = try [grad(x.max(axes: [1]).sum(), wrt: [x])[0], grad(x.mean(), wrt: [x])[0]]
        let r = try function(inputs: [x], outputs: gs)(f64([1, 5, 2, 7, -1, 3], [2, 3]))
        expectClose(r[0], [0, 1, 0, 1, 0, 0], shape: [2, 3], absolute: 1e-12, relative: 1e-12)
        expectClose(r[1], [Double](repeating: 1.0 / 6, count: 6), shape: [2, 3], absolute: 1e-12, relative: 1e-12)
    }
}

extension NDArray {
    func reshapedOrFail(_ shape: [Int]) -> NDArray { try! reshaped(shape) }
}
