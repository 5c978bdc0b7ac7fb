import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// Finite-difference checks of every unary elementwise function's gradient.
@Suite struct GradientTestsUnary {
    struct Case: Sendable, CustomTestStringConvertible {
        let function: UnaryFunction
        /// Check points (shape [2, 3]), inside the domain and away from kinks.
        let points: [Double]
        var testDescription: String { "\(function)" }
    }

    static let smooth: [Double] = [-1.3, -0.4, 0.7, 1.9, -2.2, 0.3]
    static let positive: [Double] = [0.35, 0.8, 1.1, 1.7, 2.4, 0.55]

    static let cases: [Case] = [
        .init(function: .negate, points: smooth),
        .init(function: .exp, points: smooth),
        .init(function: .log, points: positive),
        .init(function: .log1p, points: [-0.6, -0.2, 0.1, 0.9, 2.5, 0.45]),
        .init(function: .expm1, points: smooth),
        .init(function: .sqrt, points: positive),
        .init(function: .abs, points: smooth),                        // no zeros
        .init(function: .sign, points: smooth),                       // gradient zero away from 0
        .init(function: .tanh, points: smooth),
        .init(function: .sigmoid, points: smooth),
        // Linear zone |x| < 2.5; points on both sides, away from the kinks.
        .init(function: .hardSigmoid(slope: 0.2), points: [-3.1, -2.0, -0.7, 0.4, 1.9, 2.9]),
        // Linear zone |x| < 3.
        .init(function: .hardSigmoid(slope: 1.0 / 6), points: [-3.5, -2.5, -0.7, 0.4, 2.7, 3.6]),
        .init(function: .softplus, points: [-4.0, -1.3, -0.4, 0.7, 1.9, 5.0]),
        .init(function: .square, points: smooth),
        .init(function: .reciprocal, points: smooth),                 // no zeros
        .init(function: .rectify, points: smooth),                    // no zeros
        .init(function: .floor, points: smooth),                      // no integers: gradient zero
        .init(function: .identity, points: smooth),
    ]

    @Test(arguments: cases)
    func finiteDifferences(_ c: Case) throws {
        try checkGradient({ x in try probe(x[0].applying(c.function)) }, at: [f64(c.points, [2, 3])])
    }

    /// The named methods build the same functions (spot check through a chain).
    @Test func chainOfNamedMethods() throws {
        try checkGradient({ x in
            try probe(x[0].tanh().exp().sigmoid().softplus().square().sqrt().log1p().expm1())
        }, at: [f64(Self.smooth, [2, 3])])
    }

    /// sign, floor and the flat parts of hardSigmoid and rectify give exact zeros.
    @Test func piecewiseConstantPartsGiveZero() throws {
        let x = Expr.input("x", dtype: .float64, shape: [4])
        let parts = try [x.sign(), x.floor(), x.hardSigmoid(), x.rectify()]
        let grads = try parts.map { try grad(probe($0), wrt: [x])[0] }
        let point = f64([-3.7, -2.9, -2.6, -6.0], [4])
        let results = try function(inputs: [x], outputs: grads)(point)
        for r in results { expectClose(r, [0, 0, 0, 0], shape: [4], absolute: 1e-12, relative: 1e-12) }
    }
}
