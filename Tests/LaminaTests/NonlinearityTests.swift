import Foundation
import Testing
import LaminaTensor
import LaminaGraph
@testable import Lamina
import LaminaTestSupport

@Suite("Nonlinearities")
struct NonlinearityTests {
    static let inputs: [Double] = [-2, -0.5, 0, 0.5, 3]
    static let seluScale = 1.0507009873554805, seluAlpha = 1.6732632423543772

    static let cases: [(String, Nonlinearity, @Sendable (Double) -> Double)] = [
        ("sigmoid", .sigmoid, { 1 / (1 + exp(-$0)) }),
        ("hard sigmoid 0.2", .hardSigmoid, { min(max(0.2 * $0 + 0.5, 0), 1) }),
        ("hard sigmoid 1/6", .hardSigmoidKeras3, { min(max($0 / 6 + 0.5, 0), 1) }),
        ("tanh", .tanh, { tanh($0) }),
        ("scaled tanh", .scaledTanh(scaleIn: 2.0 / 3, scaleOut: 1.7159), { 1.7159 * tanh(2 * $0 / 3) }),
        ("rectify", .rectify, { max($0, 0) }),
        ("leaky rectify", .leakyRectify(), { $0 > 0 ? $0 : 0.01 * $0 }),
        ("very leaky rectify", .veryLeakyRectify, { $0 > 0 ? $0 : $0 / 3 }),
        ("elu", .elu, { $0 > 0 ? $0 : exp($0) - 1 }),
        ("selu", .selu, { seluScale * ($0 > 0 ? $0 : seluAlpha * (exp($0) - 1)) }),
        ("softplus", .softplus, { log(1 + exp($0)) }),
        ("linear", .linear, { $0 }),
    ]

    @Test(arguments: cases.indices)
    func valuesMatchTheirFormula(_ index: Int) throws {
        let (label, nonlinearity, formula) = NonlinearityTests.cases[index]
        let x = Expr.constant(f64(NonlinearityTests.inputs, [5]))
        expectClose(try nonlinearity(x).eval().doubles, NonlinearityTests.inputs.map(formula), absolute: 1e-12, relative: 1e-12, "\(label)")
    }

    @Test(arguments: cases.indices)
    func gradientsMatchFiniteDifferences(_ index: Int) throws {
        let (_, nonlinearity, _) = NonlinearityTests.cases[index]
        // Points away from kinks (0 and the hard sigmoid's corners).
        let x = Expr.input("x", dtype: .float64, shape: [4])
        try checkGradients(of: try nonlinearity(x), wrt: [], feeds: [x: f64([-1.3, -0.4, 0.7, 1.9], [4])], differentiateInputs: true)
    }

    @Test func softmaxNormalizesTheLastAxis() throws {
        let y = try Nonlinearity.softmax(Expr.constant(f64([1, 2, 3, 0, 0, 0], [2, 3]))).eval()
        let e: [Double] = [exp(1.0), exp(2.0), exp(3.0)]
        let total: Double = e.reduce(0, +)
        var expected: [Double] = e.map { $0 / total }
        expected.append(contentsOf: [Double](repeating: 1.0 / 3, count: 3))
        expectClose(y, expected, shape: [2, 3], absolute: 1e-15, relative: 1e-9)
    }

    @Test func eluNeverOverflowsForLargeInputs() throws {
        let y = try Nonlinearity.elu(Expr.constant(f64([1000, -1000], [2]))).eval()
        #expect(y.doubles == [1000, -1])
    }

    @Test func customNonlinearitiesAreClosures() throws {
        let swish = Nonlinearity("swish") { x in try x * x.sigmoid() }
        #expect(swish.description == "swish")
        expectClose(try swish(Expr.constant(f64([1], [1]))).eval().doubles, [1 / (1 + exp(-1.0))], absolute: 1e-15, relative: 1e-9)
    }
}
