import Testing
@testable import LaminaTensor
import LaminaTestSupport

/// Every unary, binary and ternary elementwise function, on every dtype, including NaN and ±inf inputs.
@Suite struct ElementwiseTests {
    // Expected values below were computed with numpy 2.4 in float64 on the same
    // inputs (np.exp, np.log, np.log1p, np.expm1, np.sqrt, np.sign, np.tanh,
    // 1/(1+np.exp(-x)), np.clip(s*x+0.5, 0, 1), np.logaddexp(0, x), np.logical_not,
    // np.floor, ...), under np.seterr(all='ignore').
    static let x: [Double] = [-.infinity, -3.0, -1.0, -0.5, -0.0, 0.0, 0.25, 0.5, 1.0, 2.0, 10.0, .infinity, .nan]

    struct UnaryCase: Sendable, CustomTestStringConvertible {
        let function: UnaryFunction
        let expected: [Double]
        var testDescription: String { function.name }
    }

    static let unaryCases: [UnaryCase] = [
        .init(function: .negate, expected: [.infinity, 3.0, 1.0, 0.5, 0.0, -0.0, -0.25, -0.5, -1.0, -2.0, -10.0, -.infinity, .nan]),
        .init(function: .exp, expected: [0.0, 0.049787068367863944, 0.36787944117144233, 0.6065306597126334, 1.0, 1.0, 1.2840254166877414, 1.6487212707001282, 2.718281828459045, 7.38905609893065, 22026.465794806718, .infinity, .nan]),
        .init(function: .log, expected: [.nan, .nan, .nan, .nan, -.infinity, -.infinity, -1.3862943611198906, -0.6931471805599453, 0.0, 0.6931471805599453, 2.302585092994046, .infinity, .nan]),
        .init(function: .log1p, expected: [.nan, .nan, -.infinity, -0.6931471805599453, -0.0, 0.0, 0.22314355131420976, 0.4054651081081644, 0.6931471805599453, 1.0986122886681096, 2.3978952727983707, .infinity, .nan]),
        .init(function: .expm1, expected: [-1.0, -0.950212931632136, -0.6321205588285577, -0.3934693402873666, -0.0, 0.0, 0.2840254166877415, 0.6487212707001282, 1.718281828459045, 6.38905609893065, 22025.465794806718, .infinity, .nan]),
        .init(function: .sqrt, expected: [.nan, .nan, .nan, .nan, -0.0, 0.0, 0.5, 0.7071067811865476, 1.0, 1.4142135623730951, 3.1622776601683795, .infinity, .nan]),
        .init(function: .abs, expected: [.infinity, 3.0, 1.0, 0.5, 0.0, 0.0, 0.25, 0.5, 1.0, 2.0, 10.0, .infinity, .nan]),
        .init(function: .sign, expected: [-1.0, -1.0, -1.0, -1.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, .nan]),
        .init(function: .tanh, expected: [-1.0, -0.9950547536867305, -0.7615941559557649, -0.46211715726000974, -0.0, 0.0, 0.24491866240370913, 0.46211715726000974, 0.7615941559557649, 0.9640275800758169, 0.9999999958776927, 1.0, .nan]),
        .init(function: .sigmoid, expected: [0.0, 0.04742587317756678, 0.2689414213699951, 0.3775406687981454, 0.5, 0.5, 0.5621765008857981, 0.6224593312018546, 0.7310585786300049, 0.8807970779778823, 0.9999546021312976, 1.0, .nan]),
        .init(function: .hardSigmoid(slope: 0.2), expected: [0.0, 0.0, 0.3, 0.4, 0.5, 0.5, 0.55, 0.6, 0.7, 0.9, 1.0, 1.0, .nan]),
        .init(function: .hardSigmoid(slope: 1.0 / 6), expected: [0.0, 0.0, 0.33333333333333337, 0.4166666666666667, 0.5, 0.5, 0.5416666666666666, 0.5833333333333334, 0.6666666666666666, 0.8333333333333333, 1.0, 1.0, .nan]),
        .init(function: .softplus, expected: [0.0, 0.04858735157374206, 0.31326168751822286, 0.4740769841801067, 0.6931471805599453, 0.6931471805599453, 0.8259394198788436, 0.9740769841801067, 1.3132616875182228, 2.1269280110429727, 10.000045398899218, .infinity, .nan]),
        .init(function: .square, expected: [.infinity, 9.0, 1.0, 0.25, 0.0, 0.0, 0.0625, 0.25, 1.0, 4.0, 100.0, .infinity, .nan]),
        .init(function: .reciprocal, expected: [-0.0, -0.3333333333333333, -1.0, -2.0, -.infinity, .infinity, 4.0, 2.0, 1.0, 0.5, 0.1, 0.0, .nan]),
        .init(function: .rectify, expected: [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.25, 0.5, 1.0, 2.0, 10.0, .infinity, .nan]),
        .init(function: .logicalNot, expected: [0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0]),
        .init(function: .identity, expected: [-.infinity, -3.0, -1.0, -0.5, -0.0, 0.0, 0.25, 0.5, 1.0, 2.0, 10.0, .infinity, .nan]),
        .init(function: .floor, expected: [-.infinity, -3.0, -1.0, -1.0, -0.0, 0.0, 0.0, 0.0, 1.0, 2.0, 10.0, .infinity, .nan]),
    ]

    @Test(arguments: unaryCases, [DType.float32, .float64])
    func unaryOnFloats(_ c: UnaryCase, dtype: DType) {
        let input = NDArray.floats(Self.x, shape: [Self.x.count], dtype: dtype)
        let y = input.applying(c.function)
        #expect(y.dtype == (c.function == .logicalNot ? .bool : dtype))
        #expect(y.shape == [Self.x.count])
        // float32 uses the fast polynomial kernels (a few ulp) and float32 rounding
        let tolerance = dtype == .float32 ? 1e-6 : 1e-14
        expectClose(y.doubles, c.expected, absolute: tolerance, relative: tolerance)
    }

    /// The case name; the switch has no default, so a new UnaryFunction case stops this
    /// file compiling until it is named here (and then `unaryTableCoversEveryFunction` fails until tested).
    static func caseName(_ f: UnaryFunction) -> String {
        switch f {
        case .negate: "negate"
        case .exp: "exp"
        case .log: "log"
        case .log1p: "log1p"
        case .expm1: "expm1"
        case .sqrt: "sqrt"
        case .abs: "abs"
        case .sign: "sign"
        case .tanh: "tanh"
        case .sigmoid: "sigmoid"
        case .hardSigmoid: "hardSigmoid"
        case .softplus: "softplus"
        case .square: "square"
        case .reciprocal: "reciprocal"
        case .rectify: "rectify"
        case .logicalNot: "logicalNot"
        case .identity: "identity"
        case .floor: "floor"
        }
    }

    @Test func unaryTableCoversEveryFunction() {
        let all: Set = ["negate", "exp", "log", "log1p", "expm1", "sqrt", "abs", "sign", "tanh", "sigmoid", "hardSigmoid",
                        "softplus", "square", "reciprocal", "rectify", "logicalNot", "identity", "floor"]
        #expect(Set(Self.unaryCases.map { Self.caseName($0.function) }) == all)
    }

    @Test func unaryOnAMatrixKeepsShape() {
        let a = NDArray([1, -2, 3, -4, 5, -6] as [Float], shape: [2, 3])
        let y = a.applying(.abs)
        #expect(y.shape == [2, 3])
        #expect(y.doubles == [1, 2, 3, 4, 5, 6])
        let s = NDArray(scalar: Float(-2.5)).applying(.square)
        #expect(s.shape == [])
        #expect(s.scalarValue == 6.25)
    }

    // Integer inputs: sign-like functions stay int32; transcendental ones give
    // float64 (values from numpy on np.int32 input).
    static let ints: [Int32] = [-7, -3, 0, 2, 5]

    @Test(arguments: [
        (UnaryFunction.negate, DType.int32, [7, 3, 0, -2, -5]),
        (.abs, .int32, [7, 3, 0, 2, 5]),
        (.sign, .int32, [-1, -1, 0, 1, 1]),
        (.square, .int32, [49, 9, 0, 4, 25]),
        (.rectify, .int32, [0, 0, 0, 2, 5]),
        (.floor, .int32, [-7, -3, 0, 2, 5]),
        (.identity, .int32, [-7, -3, 0, 2, 5]),
        (.logicalNot, .bool, [0, 0, 1, 0, 0]),
        (.exp, .float64, [0.0009118819655545162, 0.049787068367863944, 1.0, 7.38905609893065, 148.4131591025766]),
        (.log, .float64, [.nan, .nan, -.infinity, 0.6931471805599453, 1.6094379124341003]),
        (.sqrt, .float64, [.nan, .nan, 0.0, 1.4142135623730951, 2.23606797749979]),
        (.tanh, .float64, [-0.9999983369439447, -0.9950547536867305, 0.0, 0.9640275800758169, 0.9999092042625951]),
        (.reciprocal, .float64, [-0.14285714285714285, -0.3333333333333333, .infinity, 0.5, 0.2]),
        (.sigmoid, .float64, [0.0009110511944006454, 0.04742587317756678, 0.5, 0.8807970779778823, 0.9933071490757153]),
    ] as [(UnaryFunction, DType, [Double])])
    func unaryOnInt32(_ f: UnaryFunction, resultType: DType, expected: [Double]) {
        let y = NDArray(Self.ints).applying(f)
        #expect(y.dtype == resultType)
        #expect(f.resultType(.int32) == resultType)
        expectClose(y.doubles, expected, absolute: 1e-14, relative: 1e-14)
    }

    @Test(arguments: [
        (UnaryFunction.negate, DType.int32, [-1, 0]),
        (.abs, .int32, [1, 0]),
        (.square, .int32, [1, 0]),
        (.sign, .int32, [1, 0]),
        (.logicalNot, .bool, [0, 1]),
        (.identity, .bool, [1, 0]),
        (.exp, .float64, [2.718281828459045, 1.0]),
    ] as [(UnaryFunction, DType, [Double])])
    func unaryOnBool(_ f: UnaryFunction, resultType: DType, expected: [Double]) {
        let y = NDArray([true, false]).applying(f)
        #expect(y.dtype == resultType)
        expectClose(y.doubles, expected, absolute: 1e-14, relative: 1e-14)
    }

    // Binary functions: numpy float64 results of np.add, np.subtract, ...,
    // np.power, np.maximum/np.minimum (NaN-propagating), comparisons and np.logical_*.
    static let a: [Double] = [1.5, -2.0, 0.0, 3.0, .infinity, -.infinity, .nan, 2.0, 0.0, 4.0, 1.0, .nan, -0.5, 5.0]
    static let b: [Double] = [2.0, 0.5, 0.0, -3.0, 1.0, -.infinity, 1.0, .nan, -2.0, 0.5, .nan, 0.0, 2.0, 5.0]

    static let binaryCases: [(BinaryFunction, [Double])] = [
        (.add, [3.5, -1.5, 0.0, 0.0, .infinity, -.infinity, .nan, .nan, -2.0, 4.5, .nan, .nan, 1.5, 10.0]),
        (.subtract, [-0.5, -2.5, 0.0, 6.0, .infinity, .nan, .nan, .nan, 2.0, 3.5, .nan, .nan, -2.5, 0.0]),
        (.multiply, [3.0, -1.0, 0.0, -9.0, .infinity, .infinity, .nan, .nan, -0.0, 2.0, .nan, .nan, -1.0, 25.0]),
        (.divide, [0.75, -4.0, .nan, -1.0, .infinity, .nan, .nan, .nan, -0.0, 8.0, .nan, .nan, -0.25, 1.0]),
        (.power, [2.25, .nan, 1.0, 0.037037037037037035, .infinity, 0.0, .nan, .nan, .infinity, 2.0, 1.0, 1.0, 0.25, 3125.0]),
        (.maximum, [2.0, 0.5, 0.0, 3.0, .infinity, -.infinity, .nan, .nan, 0.0, 4.0, .nan, .nan, 2.0, 5.0]),
        (.minimum, [1.5, -2.0, 0.0, -3.0, 1.0, -.infinity, .nan, .nan, -2.0, 0.5, .nan, .nan, -0.5, 5.0]),
        (.equal, [0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1]),
        (.notEqual, [1, 1, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 0]),
        (.less, [1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]),
        (.lessEqual, [1, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 1]),
        (.greater, [0, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0]),
        (.greaterEqual, [0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0, 1]),
        (.logicalAnd, [1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 0, 1, 1]),
        (.logicalOr, [1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]),
    ]

    @Test func binaryCoversEveryFunction() {
        #expect(Set(Self.binaryCases.map(\.0)) == Set(BinaryFunction.allCases))
    }

    @Test(arguments: binaryCases, [DType.float32, .float64])
    func binaryOnFloats(_ c: (BinaryFunction, [Double]), dtype: DType) throws {
        let (f, expected) = c
        let lhs = NDArray.floats(Self.a, shape: [Self.a.count], dtype: dtype)
        let rhs = NDArray.floats(Self.b, shape: [Self.b.count], dtype: dtype)
        let y = try lhs.combining(f, rhs)
        #expect(y.dtype == (f.isPredicate ? .bool : dtype))
        let tolerance = dtype == .float32 ? 1e-6 : 1e-14
        expectClose(y.doubles, expected, absolute: tolerance, relative: tolerance)
    }

    // int32 operands (numpy on np.int32 arrays; divide is true division to float64,
    // power is np.power on the float64 values since Lamina's int power is float64).
    @Test(arguments: [
        (BinaryFunction.add, DType.int32, [-5, -6, 4, 4, 3, 12]),
        (.subtract, .int32, [-9, 0, -4, 0, 7, 6]),
        (.multiply, .int32, [-14, 9, 0, 4, -10, 27]),
        (.divide, .float64, [-3.5, 1.0, 0.0, 1.0, -2.5, 3.0]),
        (.power, .float64, [49.0, -0.037037037037037035, 0.0, 4.0, 0.04, 729.0]),
        (.maximum, .int32, [2, -3, 4, 2, 5, 9]),
        (.minimum, .int32, [-7, -3, 0, 2, -2, 3]),
        (.equal, .bool, [0, 1, 0, 1, 0, 0]),
        (.notEqual, .bool, [1, 0, 1, 0, 1, 1]),
        (.less, .bool, [1, 0, 1, 0, 0, 0]),
        (.lessEqual, .bool, [1, 1, 1, 1, 0, 0]),
        (.greater, .bool, [0, 0, 0, 0, 1, 1]),
        (.greaterEqual, .bool, [0, 1, 0, 1, 1, 1]),
        (.logicalAnd, .bool, [1, 1, 0, 1, 1, 1]),
        (.logicalOr, .bool, [1, 1, 1, 1, 1, 1]),
    ] as [(BinaryFunction, DType, [Double])])
    func binaryOnInt32(_ f: BinaryFunction, resultType: DType, expected: [Double]) throws {
        let lhs = NDArray([-7, -3, 0, 2, 5, 9] as [Int32]), rhs = NDArray([2, -3, 4, 2, -2, 3] as [Int32])
        let y = try lhs.combining(f, rhs)
        #expect(y.dtype == resultType)
        expectClose(y.doubles, expected, absolute: 1e-15, relative: 1e-15)
    }

    @Test func int32ArithmeticIsExactBeyondFloatPrecision() throws {
        // 16777217 = 2^24 + 1 is not a float32; computing in Float would lose it.
        let y = try NDArray([16_777_216, 2_000_000_000] as [Int32]) + NDArray([1, 147_483_647] as [Int32])
        #expect(y.dtype == .int32)
        #expect(y.scalars(as: Int32.self) == [16_777_217, 2_147_483_647])
    }

    @Test(arguments: [
        // bool operands: arithmetic promotes to int32, predicates stay bool (truth tables by hand).
        (BinaryFunction.add, DType.int32, [2, 1, 1, 0]),
        (.multiply, .int32, [1, 0, 0, 0]),
        (.subtract, .int32, [0, 1, -1, 0]),
        (.maximum, .int32, [1, 1, 1, 0]),
        (.divide, .float64, [1, .infinity, 0, .nan]),
        (.logicalAnd, .bool, [1, 0, 0, 0]),
        (.logicalOr, .bool, [1, 1, 1, 0]),
        (.equal, .bool, [1, 0, 0, 1]),
        (.less, .bool, [0, 0, 1, 0]),
    ] as [(BinaryFunction, DType, [Double])])
    func binaryOnBool(_ f: BinaryFunction, resultType: DType, expected: [Double]) throws {
        let lhs = NDArray([true, true, false, false]), rhs = NDArray([true, false, true, false])
        let y = try lhs.combining(f, rhs)
        #expect(y.dtype == resultType)
        expectClose(y.doubles, expected, absolute: 0, relative: 0)
    }

    // Ternary functions. select: np.where(cond != 0, a, b) — NaN is a true condition.
    @Test(arguments: [DType.float32, .float64])
    func selectOnFloats(dtype: DType) throws {
        let cond = NDArray.floats([1, 0, .nan, -2, 0, .infinity], shape: [6], dtype: dtype)
        let a = NDArray.floats([10, 20, 30, 40, 50, .infinity], shape: [6], dtype: dtype)
        let b = NDArray.floats([-1, -2, -3, -4, .nan, -6], shape: [6], dtype: dtype)
        let y = try NDArray.select(cond, a, b)
        #expect(y.dtype == dtype)
        expectClose(y.doubles, [10, -2, 30, 40, .nan, .infinity], absolute: 0, relative: 0)
    }

    @Test func selectPromotesTheBranchesNotTheCondition() throws {
        let cond = NDArray([true, false, true])
        let y = try NDArray.select(cond, NDArray([1, 2, 3] as [Int32]), NDArray([0.5, 1.5, 2.5] as [Float]))
        #expect(y.dtype == .float32)
        #expect(y.doubles == [1, 1.5, 3])
        let z = try NDArray.select(NDArray([0.0, 2.0]), NDArray([true, true]), NDArray([false, false]))
        #expect(z.dtype == .bool)
        #expect(z.doubles == [0, 1])
    }

    // clip: np.clip(x, lo, hi) = np.minimum(np.maximum(x, lo), hi); NaN passes through.
    @Test(arguments: [DType.float32, .float64])
    func clipOnFloats(dtype: DType) throws {
        let x = NDArray.floats([-5, 0.5, 5, .nan, -.infinity, .infinity, 0, 3], shape: [8], dtype: dtype)
        let lo = NDArray.floats([0, 0, 0, 0, 0, 0, 2, 2], shape: [8], dtype: dtype)
        let hi = NDArray.floats([1, 1, 1, 1, 1, 1, 1, 1], shape: [8], dtype: dtype)
        let y = try x.clipped(low: lo, high: hi)
        #expect(y.dtype == dtype)
        // the last two have low > high, where numpy gives high
        expectClose(y.doubles, [0, 0.5, 1, .nan, 0, 1, 1, 1], absolute: 0, relative: 0)
    }

    @Test func clipOnInt32WithScalarBounds() throws {
        let y = try NDArray([-5, 3, 9, 0] as [Int32]).clipped(low: NDArray(scalar: Int32(0)), high: NDArray(scalar: Int32(5)))
        #expect(y.dtype == .int32)
        #expect(y.scalars(as: Int32.self) == [0, 3, 5, 0])
    }

    // Promotion: Lamina's documented order is bool < int32 < float32 < float64.
    // (NumPy would give float64 for int32 with float32; Lamina keeps float32.)
    @Test(arguments: [
        (DType.bool, DType.bool, DType.bool), (.bool, .int32, .int32), (.bool, .float32, .float32), (.bool, .float64, .float64),
        (.int32, .int32, .int32), (.int32, .float32, .float32), (.int32, .float64, .float64),
        (.float32, .float32, .float32), (.float32, .float64, .float64), (.float64, .float64, .float64),
    ])
    func promotion(_ lhs: DType, _ rhs: DType, expected: DType) throws {
        #expect(DType.promoted(lhs, rhs) == expected)
        #expect(DType.promoted(rhs, lhs) == expected)
        // and an actual sum: 1 + 2 in the promoted type (bool + bool is int32)
        let one = NDArray(repeating: 1, shape: [2], dtype: lhs), two = NDArray(repeating: 2, shape: [2], dtype: rhs)
        let y = try one + two
        #expect(y.dtype == (expected == .bool ? .int32 : expected))
        #expect(y.doubles == (rhs == .bool ? [2, 2] : [3, 3]))
    }

    @Test func mixedFloatPrecisionComputesInFloat64() throws {
        // 1 + 1e-10 is lost in float32 but kept when the other operand is float64.
        let y = try NDArray([1] as [Float]) + NDArray([1e-10])
        #expect(y.dtype == .float64)
        #expect(y.doubles == [1 + 1e-10])
    }

    @Test(arguments: [
        (BinaryFunction.divide, DType.int32, DType.int32, DType.float64),
        (.power, .bool, .int32, .float64),
        (.divide, .float32, .int32, .float32),
        (.add, .bool, .bool, .int32),
        (.less, .float64, .float64, .bool),
        (.logicalAnd, .int32, .float32, .bool),
        (.maximum, .int32, .float64, .float64),
    ])
    func binaryResultTypes(_ f: BinaryFunction, _ lhs: DType, _ rhs: DType, expected: DType) {
        #expect(f.resultType(lhs, rhs) == expected)
    }

    @Test func ternaryResultTypes() {
        #expect(TernaryFunction.select.resultType(.float64, .int32, .int32) == .int32)
        #expect(TernaryFunction.clip.resultType(.int32, .float32, .int32) == .float32)
        #expect(TernaryFunction.clip.resultType(.float32, .float32, .float64) == .float64)
    }

    @Test func castTruncatesSaturatesAndTestsTruth() {
        let x = NDArray([-2.7, -0.5, 0, 0.9, 2.7, .nan, 1e10, -1e10, -.infinity])
        // truncation toward zero; NaN → 0 and saturation are Lamina's documented choices
        #expect(x.cast(to: .int32).scalars(as: Int32.self) == [-2, 0, 0, 0, 2, 0, .max, .min, .min])
        #expect(x.cast(to: .bool).scalars(as: Bool.self) == [true, true, false, true, true, true, true, true, true])
        expectClose(x.cast(to: .float32).doubles, [-2.7, -0.5, 0, 0.9, 2.7, .nan, 1e10, -1e10, -.infinity], absolute: 1e-7, relative: 1e-7)
        #expect(NDArray([true, false]).cast(to: .float64).doubles == [1, 0])
        #expect(NDArray([3, -4] as [Int32]).cast(to: .float32).scalars(as: Float.self) == [3, -4])
        #expect(NDArray([-0.0] as [Float]).cast(to: .bool).scalars(as: Bool.self) == [false])
    }

    @Test func operatorsMatchTheirFunctions() throws {
        let p = NDArray([6, -3, 1.5] as [Float]), q = NDArray([2, 4, -0.5] as [Float])
        #expect(try (p + q).doubles == [8, 1, 1])
        #expect(try (p - q).doubles == [4, -7, 2])
        #expect(try (p * q).doubles == [12, -12, -0.75])
        #expect(try (p / q).doubles == [3, -0.75, -3])
        #expect((-p).doubles == [-6, 3, -1.5])
    }

    @Test func namesAndSymbols() {
        #expect(UnaryFunction.hardSigmoid(slope: 0.2).name == "hard_sigmoid")
        #expect(UnaryFunction.hardSigmoid(slope: 0.5).name == "hard_sigmoid(slope=0.5)")
        #expect(UnaryFunction.log1p.name == "log1p")
        #expect(BinaryFunction.power.symbol == "**")
        #expect(BinaryFunction.greaterEqual.symbol == ">=")
        #expect(BinaryFunction.logicalOr.symbol == "||")
        #expect(BinaryFunction.maximum.symbol == "maximum")
        #expect(BinaryFunction.allCases.filter(\.isPredicate).count == 8)
    }

    @Test func emptyArraysGiveEmptyResults() throws {
        let e = NDArray(zeros: [0, 3])
        let y = try e + NDArray([1, 2, 3] as [Float])
        #expect(y.shape == [0, 3])
        #expect(y.count == 0)
        #expect(e.applying(.exp).shape == [0, 3])
    }
}
