import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// Gradients of where/select, clip, casts and fills.
@Suite struct GradientTestsSelectClipCast {
    static let mask = NDArray([true, false, false, true, true, false], shape: [2, 3])

    @Test func selectWithConstantCondition() throws {
        try checkGradient({ x in try probe(Expr.select(Expr.constant(Self.mask), x[0], x[1])) },
                          at: [uniform([2, 3], seed: 21), uniform([2, 3], seed: 22)])
    }

    /// A leaky rectifier: where(x > 0, x, 0.1·x), points away from 0.
    @Test func selectWithComputedCondition() throws {
        try checkGradient({ x in
            try probe(Expr.select(x[0].isGreater(than: x[0].literal(0)), x[0], x[0] * 0.1))
        }, at: [f64([-1.3, -0.4, 0.7, 1.9, -2.2, 0.3], [2, 3])])
    }

    /// Condition (1, 3), a scalar, b (2, 3): each operand's gradient has its own shape.
    @Test func selectBroadcasting() throws {
        let condition = Expr.constant(NDArray([true, false, true], shape: [1, 3]))
        try checkGradient({ x in try probe(Expr.select(condition, x[0], x[1])) },
                          at: [f64([0.7], []), uniform([2, 3], seed: 23)])
        try checkGradient({ x in try probe(Expr.select(condition, x[1], x[0])) },
                          at: [f64([0.7], []), uniform([2, 3], seed: 24)])
    }

    @Test func clipWithConstantBounds() throws {
        try checkGradient({ x in try probe(x[0].clip(-0.5, 0.5)) },
                          at: [f64([-1.3, -0.4, 0.7, 0.2, -2.2, 0.3], [2, 3])])
    }

    /// Bounds as inputs: lo a scalar, hi a (1, 3) row; gradients flow to the bound that is active.
    @Test func clipWithBoundInputs() throws {
        try checkGradient({ x in try probe(x[0].clip(x[1], x[2])) },
                          at: [f64([-1.3, -0.4, 0.7, 0.2, -2.2, 1.3], [2, 3]), f64([-0.5], []), f64([0.5, 0.1, 1.0], [1, 3])])
    }

    /// cast to the same dtype is the identity path.
    @Test func castFloat64ToFloat64() throws {
        try checkGradient({ x in try probe(x[0].cast(to: .float64).tanh()) }, at: [uniform([2, 3], seed: 25)])
    }

    /// The gradient through a widening cast comes back in the operand's dtype.
    @Test func castFloat32ToFloat64GradientIsFloat32() throws {
        let x = Expr.input("x", dtype: .float32, shape: [3])
        let g = try grad(x.cast(to: .float64).square().sum(), wrt: [x])[0]
        #expect(g.dtype == .float32)
        let r = try function(inputs: [x], outputs: [g])(NDArray([1.5, -2, 0.25] as [Float], shape: [3]))
        expectClose(r[0], [3, -4, 0.5], shape: [3], dtype: .float32, absolute: 1e-12, relative: 1e-12)
    }

    /// A narrowing cast passes the gradient back as float64.
    @Test func castFloat64ToFloat32GradientIsFloat64() throws {
        let x = Expr.input("x", dtype: .float64, shape: [3])
        let g = try grad(x.cast(to: .float32).square().sum(), wrt: [x])[0]
        #expect(g.dtype == .float64)
        let r = try function(inputs: [x], outputs: [g])(f64([1.5, -2, 0.25], [3]))
        expectClose(r[0], [3, -4, 0.5], shape: [3], dtype: .float64, absolute: 1e-12, relative: 1e-12)
    }

    /// zerosLike/onesLike/filledLike are constant in x; broadcast(like:) sums back.
    @Test func fillsAndBroadcastLike() throws {
        try checkGradient({ x in try probe(x[0].onesLike() * 3 + x[0].filledLike(2) * x[0] + x[0].zerosLike()) },
                          at: [uniform([2, 3], seed: 26)])
        try checkGradient({ x in try probe(x[0].broadcast(like: x[1]) * x[1]) },
                          at: [uniform([1, 3], seed: 27), uniform([2, 3], seed: 28)])
    }
}
