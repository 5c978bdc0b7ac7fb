import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// Finite-difference checks of the arithmetic binary functions, with respect to both operands.
@Suite struct GradientTestsBinary {
    struct Case: Sendable, CustomTestStringConvertible {
        let function: BinaryFunction
        let a: [Double]
        let b: [Double]
        var testDescription: String { function.rawValue }
    }

    static let a: [Double] = [-1.3, -0.4, 0.7, 1.9, -2.2, 0.3]
    static let b: [Double] = [0.6, -1.1, 1.4, -0.5, 0.9, -1.7]   // no ties with a
    static let positive: [Double] = [0.35, 0.8, 1.1, 1.7, 2.4, 0.55]

    static let cases: [Case] = [
        .init(function: .add, a: a, b: b),
        .init(function: .subtract, a: a, b: b),
        .init(function: .multiply, a: a, b: b),
        .init(function: .divide, a: a, b: b),                 // b has no zeros
        .init(function: .power, a: positive, b: b),           // positive base
        .init(function: .maximum, a: a, b: b),
        .init(function: .minimum, a: a, b: b),
    ]

    @Test(arguments: cases)
    func finiteDifferences(_ c: Case) throws {
        try checkGradient({ x in try probe(x[0].combining(c.function, x[1])) },
                          at: [f64(c.a, [2, 3]), f64(c.b, [2, 3])])
    }

    /// The same expression on both sides: x·x, x/x·x, max(x, −x), x^x.
    @Test func sameOperandOnBothSides() throws {
        try checkGradient({ x in try probe(x[0] * x[0]) }, at: [f64(Self.a, [2, 3])])
        try checkGradient({ x in try probe(x[0] - x[0] * x[0]) }, at: [f64(Self.a, [2, 3])])
        try checkGradient({ x in try probe(x[0].maximum(-x[0])) }, at: [f64(Self.a, [2, 3])])
        try checkGradient({ x in try probe(x[0].pow(x[0])) }, at: [f64(Self.positive, [2, 3])])
    }

    /// Powers with a constant exponent, including fractional and negative ones.
    @Test(arguments: [3.0, 0.5, -1.5, 2.0])
    func constantExponent(_ p: Double) throws {
        try checkGradient({ x in try probe(x[0].pow(p)) }, at: [f64(Self.positive, [2, 3])])
    }

    /// Hand-computed: d(a·b)/da = b and d(a/b)/db = −a/b².
    @Test func handComputedProductAndQuotient() throws {
        let a = Expr.input("a", dtype: .float64, shape: [2]), b = Expr.input("b", dtype: .float64, shape: [2])
        let gs = try grad((a * b).sum(), wrt: [a]) + grad((a / b).sum(), wrt: [b])
        let r = try function(inputs: [a, b], outputs: gs)(f64([3, -2], [2]), f64([4, 0.5], [2]))
        expectClose(r[0], [4, 0.5], shape: [2], absolute: 1e-12, relative: 1e-12)
        expectClose(r[1], [-3.0 / 16, 2 / 0.25], shape: [2], absolute: 1e-12, relative: 1e-12)
    }
}
