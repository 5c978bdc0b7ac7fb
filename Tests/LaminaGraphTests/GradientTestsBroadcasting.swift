import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// Gradients of broadcast operands are summed back to each operand's shape.
@Suite struct GradientTestsBroadcasting {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let shapeA: [Int]
        let shapeB: [Int]
        var testDescription: String { "\(name) \(shapeA) with \(shapeB)" }
    }

    static let cases: [Case] = [
        .init(name: "row vector + matrix", shapeA: [1, 3], shapeB: [2, 3]),
        .init(name: "matrix + row vector", shapeA: [2, 3], shapeB: [1, 3]),
        .init(name: "column + row", shapeA: [2, 1], shapeB: [1, 3]),
        .init(name: "rank difference", shapeA: [3], shapeB: [2, 3]),
        .init(name: "rank difference, other side", shapeA: [2, 3], shapeB: [3]),
        .init(name: "rank and size-1 axes", shapeA: [2, 1, 3], shapeB: [4, 1]),
        .init(name: "scalar input", shapeA: [], shapeB: [2, 3]),
        .init(name: "scalar input, other side", shapeA: [2, 3], shapeB: []),
    ]

    @Test(arguments: cases, [BinaryFunction.add, .subtract, .multiply, .divide, .maximum])
    func finiteDifferences(_ c: Case, _ f: BinaryFunction) throws {
        // b stays in [0.5, 1.5) so division is safe; a in [-2, -0.5) has no ties with b.
        let a = uniform(c.shapeA, seed: 11, low: -2, high: -0.5)
        let b = uniform(c.shapeB, seed: 12, low: 0.5, high: 1.5)
        try checkGradient({ x in try probe(x[0].combining(f, x[1])) }, at: [a, b])
    }

    /// Scalar constants on either side of each operator.
    @Test func scalarConstants() throws {
        let point = [uniform([2, 3], seed: 13, low: 0.5, high: 2)]
        try checkGradient({ x in try probe(x[0] * 2.5) }, at: point)
        try checkGradient({ x in try probe(3 - x[0]) }, at: point)
        try checkGradient({ x in try probe(x[0] / 4) }, at: point)
        try checkGradient({ x in try probe(2 / x[0]) }, at: point)
        try checkGradient({ x in try probe(x[0] + 1) }, at: point)
        try checkGradient({ x in try probe(x[0] - 0.5) }, at: point)
        try checkGradient({ x in try probe(1.5 * x[0]) }, at: point)
        try checkGradient({ x in try probe(x[0].maximum(x[0].literal(1))) }, at: [f64([0.3, 1.2, 0.8, 1.7, 0.6, 2.0], [2, 3])])
    }

    /// A matrix of unknown row count plus a declared row vector.
    @Test func unknownSizesBroadcastAgainstDeclaredSizeOne() throws {
        try checkGradient({ x in try ((x[0] * x[1]).square()).sum() },
                          at: [uniform([2, 3], seed: 14), uniform([1, 3], seed: 15)],
                          shapes: [[nil, 3], [1, 3]])
    }

    /// Hand-computed: the gradient of Σ(a + b) for a (1, 3) and b (2, 3) is 2 for each element of a.
    @Test func handComputedSumOverBroadcastAxis() throws {
        let a = Expr.input("a", dtype: .float64, shape: [1, 3]), b = Expr.input("b", dtype: .float64, shape: [2, 3])
        let gs = try grad((a * b).sum(), wrt: [a, b])
        let r = try function(inputs: [a, b], outputs: gs)(f64([1, 2, 3], [1, 3]), f64([1, 2, 3, 4, 5, 6], [2, 3]))
        expectClose(r[0], [5, 7, 9], shape: [1, 3], absolute: 1e-12, relative: 1e-12)          // column sums of b
        expectClose(r[1], [1, 2, 3, 1, 2, 3], shape: [2, 3], absolute: 1e-12, relative: 1e-12)  // a repeated
    }
}
