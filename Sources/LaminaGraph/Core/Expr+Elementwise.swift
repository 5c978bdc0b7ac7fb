import LaminaTensor

/// Elementwise arithmetic, comparisons and functions on expressions, with
/// NumPy broadcasting (see ``TensorType`` for the rule on unknown sizes).
extension Expr {
    /// `f(self)` elementwise.
    public func applying(_ f: UnaryFunction) throws -> Expr {
        try Expr.apply(ElementwiseOp(program: .unary(f), label: f.name), [self])
    }

    /// `f(self, other)` elementwise, broadcasting.
    public func combining(_ f: BinaryFunction, _ other: Expr) throws -> Expr {
        try Expr.apply(ElementwiseOp(program: .binary(f), label: f.rawValue), [self, other])
    }

    /// A rank-0 constant in this expression's float dtype (float64 for integer `self` with a fractional value).
    public func literal(_ value: Double) -> Expr {
        if dtype.isFloatingPoint { return Expr.scalar(value, dtype: dtype) }
        return Expr.scalar(value, dtype: value == value.rounded() && Swift.abs(value) < 2e9 ? .int32 : .float64)
    }

    public static func + (a: Expr, b: Expr) throws -> Expr { try a.combining(.add, b) }
    public static func - (a: Expr, b: Expr) throws -> Expr { try a.combining(.subtract, b) }
    public static func * (a: Expr, b: Expr) throws -> Expr { try a.combining(.multiply, b) }
    public static func / (a: Expr, b: Expr) throws -> Expr { try a.combining(.divide, b) }
    public static func + (a: Expr, b: Double) throws -> Expr { try a + a.literal(b) }
    public static func - (a: Expr, b: Double) throws -> Expr { try a - a.literal(b) }
    public static func * (a: Expr, b: Double) throws -> Expr { try a * a.literal(b) }
    public static func / (a: Expr, b: Double) throws -> Expr { try a / a.literal(b) }
    public static func + (a: Double, b: Expr) throws -> Expr { try b.literal(a) + b }
    public static func - (a: Double, b: Expr) throws -> Expr { try b.literal(a) - b }
    public static func * (a: Double, b: Expr) throws -> Expr { try b.literal(a) * b }
    public static func / (a: Double, b: Expr) throws -> Expr { try b.literal(a) / b }
    public static prefix func - (a: Expr) throws -> Expr { try a.applying(.negate) }

    /// self ** exponent
    public func pow(_ exponent: Expr) throws -> Expr { try combining(.power, exponent) }
    /// self ** exponent
    public func pow(_ exponent: Double) throws -> Expr { try combining(.power, literal(exponent)) }
    /// Elementwise maximum (NaN propagates).
    public func maximum(_ other: Expr) throws -> Expr { try combining(.maximum, other) }
    /// Elementwise minimum (NaN propagates).
    public func minimum(_ other: Expr) throws -> Expr { try combining(.minimum, other) }

    /// self == other (bool)
    public func isEqual(to other: Expr) throws -> Expr { try combining(.equal, other) }
    /// self != other (bool)
    public func isNotEqual(to other: Expr) throws -> Expr { try combining(.notEqual, other) }
    /// self < other (bool)
    public func isLess(than other: Expr) throws -> Expr { try combining(.less, other) }
    /// self <= other (bool)
    public func isLessOrEqual(to other: Expr) throws -> Expr { try combining(.lessEqual, other) }
    /// self > other (bool)
    public func isGreater(than other: Expr) throws -> Expr { try combining(.greater, other) }
    /// self >= other (bool)
    public func isGreaterOrEqual(to other: Expr) throws -> Expr { try combining(.greaterEqual, other) }
    /// Logical and of two masks.
    public func and(_ other: Expr) throws -> Expr { try combining(.logicalAnd, other) }
    /// Logical or of two masks.
    public func or(_ other: Expr) throws -> Expr { try combining(.logicalOr, other) }
    /// Logical not of a mask.
    public func not() throws -> Expr { try applying(.logicalNot) }

    /// e^x
    public func exp() throws -> Expr { try applying(.exp) }
    /// ln x
    public func log() throws -> Expr { try applying(.log) }
    /// ln(1 + x)
    public func log1p() throws -> Expr { try applying(.log1p) }
    /// e^x − 1
    public func expm1() throws -> Expr { try applying(.expm1) }
    /// √x
    public func sqrt() throws -> Expr { try applying(.sqrt) }
    /// |x|
    public func abs() throws -> Expr { try applying(.abs) }
    /// sign(x) ∈ {−1, 0, 1}
    public func sign() throws -> Expr { try applying(.sign) }
    /// tanh x
    public func tanh() throws -> Expr { try applying(.tanh) }
    /// σ(x) = 1/(1 + e^−x)
    public func sigmoid() throws -> Expr { try applying(.sigmoid) }
    /// clip(slope·x + 0.5, 0, 1); slope 0.2 (Theano, Keras 1/2) or 1/6 (Keras 3).
    public func hardSigmoid(slope: Double = 0.2) throws -> Expr { try applying(.hardSigmoid(slope: slope)) }
    /// ln(1 + e^x), computed stably.
    public func softplus() throws -> Expr { try applying(.softplus) }
    /// x²
    public func square() throws -> Expr { try applying(.square) }
    /// max(x, 0)
    public func rectify() throws -> Expr { try applying(.rectify) }
    /// ⌊x⌋
    public func floor() throws -> Expr { try applying(.floor) }

    /// Elements limited to [low, high].
    public func clip(_ low: Expr, _ high: Expr) throws -> Expr {
        try Expr.apply(ElementwiseOp(program: .ternary(.clip), label: "clip"), [self, low, high])
    }
    /// Elements limited to [low, high].
    public func clip(_ low: Double, _ high: Double) throws -> Expr { try clip(literal(low), literal(high)) }

    /// `where(condition, a, b)`: `a` where `condition` is nonzero, else `b`, broadcasting all three.
    public static func select(_ condition: Expr, _ a: Expr, _ b: Expr) throws -> Expr {
        try Expr.apply(ElementwiseOp(program: .ternary(.select), label: "where"), [condition, a, b])
    }

    /// The expression converted to `dtype` (floats to int32 truncate toward zero; nonzero is true).
    public func cast(to dtype: DType) throws -> Expr {
        if dtype == self.dtype { return self }
        return try Expr.apply(ElementwiseOp(program: .unary(.identity), resultDType: dtype, label: "cast{\(dtype)}"), [self])
    }

    /// An expression of `self`'s shape and dtype (or `dtype`) filled with `value`.
    public func filledLike(_ value: Double, dtype: DType? = nil) throws -> Expr {
        var p = ElementwiseProgram()
        p.outputs = [p.append(.constant(value))]
        return try Expr.apply(ElementwiseOp(program: p, resultDType: dtype ?? self.dtype, label: "fill{\(value)}"), [self])
    }
    /// Zeros of `self`'s shape and dtype.
    public func zerosLike() throws -> Expr { try filledLike(0) }
    /// Ones of `self`'s shape and dtype.
    public func onesLike() throws -> Expr { try filledLike(1) }

    /// `self` broadcast to the shape of `other` (values of `self`, dtype of `self`).
    public func broadcast(like other: Expr) throws -> Expr {
        if type.shape == other.type.shape && type.isFullyKnown { return self }
        var p = ElementwiseProgram()
        p.outputs = [p.append(.input(0))]
        return try Expr.apply(ElementwiseOp(program: p, resultDType: dtype, label: "broadcast"), [self, other])
    }
}
