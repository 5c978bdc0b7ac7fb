/// Elementwise functions of one argument.
public enum UnaryFunction: Hashable, Sendable {
    /// −x
    case negate
    /// e^x
    case exp
    /// ln x
    case log
    /// ln(1 + x)
    case log1p
    /// e^x − 1
    case expm1
    /// √x
    case sqrt
    /// |x|
    case abs
    /// −1, 0 or 1 by the sign of x (NaN stays NaN)
    case sign
    /// tanh x
    case tanh
    /// σ(x) = 1 / (1 + e^−x)
    case sigmoid
    /// clip(slope·x + 0.5, 0, 1). Slope 0.2 is Theano's and Keras 1/2's;
    /// slope 1/6 is Keras 3's relu6(x + 3)/6.
    case hardSigmoid(slope: Double)
    /// softplus(x) = ln(1 + e^x), computed as max(x, 0) + ln(1 + e^−|x|)
    case softplus
    /// x²
    case square
    /// 1/x
    case reciprocal
    /// max(x, 0)
    case rectify
    /// logical not (bool)
    case logicalNot
    /// x (used for casts: the output dtype does the work)
    case identity
    /// ⌊x⌋
    case floor

    /// The dtype of the result for an operand of dtype `input`.
    public func resultType(_ input: DType) -> DType {
        switch self {
        case .logicalNot: return .bool
        case .identity: return input
        case .negate, .abs, .sign, .square, .rectify, .floor:
            return input == .bool ? .int32 : input
        default:
            return input.isFloatingPoint ? input : .float64
        }
    }

    /// Short name used when printing graphs.
    public var name: String {
        switch self {
        case .hardSigmoid(let slope): return slope == 0.2 ? "hard_sigmoid" : "hard_sigmoid(slope=\(slope))"
        default: return "\(self)"
        }
    }
}

/// Elementwise functions of two arguments.
public enum BinaryFunction: String, Hashable, Sendable, CaseIterable {
    case add, subtract, multiply, divide, power, maximum, minimum
    case equal, notEqual, less, lessEqual, greater, greaterEqual
    case logicalAnd, logicalOr

    /// Whether the result is bool.
    public var isPredicate: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual, .logicalAnd, .logicalOr: return true
        default: return false
        }
    }

    /// The dtype of the result for operands of the given dtypes.
    public func resultType(_ a: DType, _ b: DType) -> DType {
        if isPredicate { return .bool }
        let p = DType.promoted(a, b)
        switch self {
        case .divide, .power: return p.isFloatingPoint ? p : .float64
        default: return p == .bool ? .int32 : p
        }
    }

    /// The operator symbol or function name used when printing graphs.
    public var symbol: String {
        switch self {
        case .add: return "+"
        case .subtract: return "-"
        case .multiply: return "*"
        case .divide: return "/"
        case .power: return "**"
        case .equal: return "=="
        case .notEqual: return "!="
        case .less: return "<"
        case .lessEqual: return "<="
        case .greater: return ">"
        case .greaterEqual: return ">="
        case .logicalAnd: return "&&"
        case .logicalOr: return "||"
        default: return rawValue
        }
    }
}

/// Elementwise functions of three arguments.
public enum TernaryFunction: String, Hashable, Sendable {
    /// where(condition, a, b): a where condition is nonzero, else b
    case select
    /// clip(x, low, high) = min(max(x, low), high)
    case clip

    /// The dtype of the result.
    public func resultType(_ a: DType, _ b: DType, _ c: DType) -> DType {
        switch self {
        case .select: return DType.promoted(b, c)
        case .clip: return DType.promoted(DType.promoted(a, b), c)
        }
    }
}
