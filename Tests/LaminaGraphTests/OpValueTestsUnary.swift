import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// Each named unary method of Expr computes its function (float64 through a compiled graph).
@Suite struct OpValueTestsUnary {
    // Expected values computed with numpy 2.4 on x = np.array([-1.5,-0.5,0.25,2.]) (and on
    // y = np.array([0.5,1,2.25,4.]) for log, log1p, sqrt): np.exp(x), np.expm1(x), ..., 1/(1+np.exp(-x)),
    // np.clip(0.2*x+0.5,0,1), np.clip(x/6+0.5,0,1), np.logaddexp(0,x), np.maximum(x,0), np.floor(x).
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let positive: Bool
        let f: @Sendable (Expr) throws -> Expr
        let expected: [Double]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        .init(name: "negate", positive: false, f: { try -$0 }, expected: [1.5, 0.5, -0.25, -2.0]),
        .init(name: "exp", positive: false, f: { try $0.exp() }, expected: [0.22313016014842982, 0.6065306597126334, 1.2840254166877414, 7.38905609893065]),
        .init(name: "expm1", positive: false, f: { try $0.expm1() }, expected: [-0.7768698398515702, -0.3934693402873666, 0.2840254166877415, 6.38905609893065]),
        .init(name: "abs", positive: false, f: { try $0.abs() }, expected: [1.5, 0.5, 0.25, 2.0]),
        .init(name: "sign", positive: false, f: { try $0.sign() }, expected: [-1.0, -1.0, 1.0, 1.0]),
        .init(name: "tanh", positive: false, f: { try $0.tanh() }, expected: [-0.9051482536448665, -0.46211715726000974, 0.24491866240370913, 0.9640275800758169]),
        .init(name: "sigmoid", positive: false, f: { try $0.sigmoid() }, expected: [0.18242552380635635, 0.3775406687981454, 0.5621765008857981, 0.8807970779778823]),
        .init(name: "hardSigmoid", positive: false, f: { try $0.hardSigmoid() }, expected: [0.19999999999999996, 0.4, 0.55, 0.9]),
        .init(name: "hardSigmoid 1/6", positive: false, f: { try $0.hardSigmoid(slope: 1.0 / 6) }, expected: [0.25, 0.4166666666666667, 0.5416666666666666, 0.8333333333333333]),
        .init(name: "softplus", positive: false, f: { try $0.softplus() }, expected: [0.2014132779827524, 0.4740769841801067, 0.8259394198788436, 2.1269280110429727]),
        .init(name: "square", positive: false, f: { try $0.square() }, expected: [2.25, 0.25, 0.0625, 4.0]),
        .init(name: "rectify", positive: false, f: { try $0.rectify() }, expected: [0.0, 0.0, 0.25, 2.0]),
        .init(name: "floor", positive: false, f: { try $0.floor() }, expected: [-2.0, -1.0, 0.0, 2.0]),
        .init(name: "log", positive: true, f: { try $0.log() }, expected: [-0.6931471805599453, 0.0, 0.8109302162163288, 1.3862943611198906]),
        .init(name: "log1p", positive: true, f: { try $0.log1p() }, expected: [0.4054651081081644, 0.6931471805599453, 1.1786549963416462, 1.6094379124341003]),
        .init(name: "sqrt", positive: true, f: { try $0.sqrt() }, expected: [0.7071067811865476, 1.0, 1.5, 2.0]),
    ]

    @Test(arguments: cases)
    func namedMethod(_ c: Case) throws {
        let x = Expr.input("x", dtype: .float64, shape: [4])
        let value = c.positive ? f64([0.5, 1, 2.25, 4], [4]) : f64([-1.5, -0.5, 0.25, 2], [4])
        try expectValues(c.f(x), [(x, value)], c.expected, shape: [4], absolute: 1e-15, relative: 1e-14)
    }
}
