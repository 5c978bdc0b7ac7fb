import LaminaTensor

// Gradient rules of the elementwise functions, as expressions. `x` is the
// operand, `y` the op's output, `g` the gradient of the cost with respect to
// `y`. Callers sum over broadcast axes and cast (see `unbroadcast`).

/// ∂cost/∂x for y = f(x).
func unaryGradient(_ f: UnaryFunction, x: Expr, y: Expr, g: Expr) throws -> Expr? {
    switch f {
    case .negate: return try -g
    case .exp: return try g * y                                   // d e^x = e^x
    case .log: return try g / x                                   // d ln x = 1/x
    case .log1p: return try g / (x + 1)                           // 1/(1+x)
    case .expm1: return try g * (y + 1)                           // e^x
    case .sqrt: return try g * 0.5 / y                            // 1/(2√x)
    case .abs: return try g * x.sign()                            // sign(x)
    case .sign, .floor: return try g.zerosLike()                  // piecewise constant
    case .tanh: return try g * (1 - y.square())                   // 1 − tanh²
    case .sigmoid: return try g * y * (1 - y)                     // σ(1 − σ)
    case .hardSigmoid(let slope):                                 // slope inside the linear zone
        let inside = try x.isGreater(than: x.literal(-0.5 / slope)).and(x.isLess(than: x.literal(0.5 / slope)))
        return try Expr.select(inside, g * slope, g.zerosLike())
    case .softplus: return try g * x.sigmoid()                    // σ(x)
    case .square: return try g * x * 2                            // 2x
    case .reciprocal: return try -(g * y.square())                // −1/x²
    case .rectify: return try Expr.select(x.isGreater(than: x.literal(0)), g, g.zerosLike())
    case .logicalNot: return nil
    case .identity: return g
    }
}

/// (∂cost/∂a, ∂cost/∂b) for y = f(a, b).
func binaryGradient(_ f: BinaryFunction, a: Expr, b: Expr, y: Expr, g: Expr) throws -> (Expr?, Expr?) {
    switch f {
    case .add: return (g, g)
    case .subtract: return (g, try -g)
    case .multiply: return (try g * b, try g * a)
    case .divide: return (try g / b, try -(g * a / b.square()))   // −a/b²
    case .power:
        // d a^b/da = b·a^(b−1); d a^b/db = ln(a)·a^b
        return (try g * b * a.pow(b - 1), try g * a.log() * y)
    case .maximum:
        let first = try a.isGreaterOrEqual(to: b)                 // ties go to the first operand
        return (try Expr.select(first, g, g.zerosLike()), try Expr.select(first, g.zerosLike(), g))
    case .minimum:
        let first = try a.isLessOrEqual(to: b)
        return (try Expr.select(first, g, g.zerosLike()), try Expr.select(first, g.zerosLike(), g))
    default:
        return (nil, nil)                                         // comparisons and logic
    }
}

/// Gradients of where(c, a, b) and clip(x, lo, hi) for each operand.
func ternaryGradient(_ f: TernaryFunction, a: Expr, b: Expr, c: Expr, g: Expr) throws -> [Expr?] {
    let zero = try g.zerosLike()
    switch f {
    case .select:
        return [nil, try Expr.select(a, g, zero), try Expr.select(a, zero, g)]
    case .clip:
        let below = try a.isLess(than: b), above = try a.isGreater(than: c)
        let inside = try below.or(above).not()
        return [try Expr.select(inside, g, zero), try Expr.select(below, g, zero), try Expr.select(above, g, zero)]
    }
}
