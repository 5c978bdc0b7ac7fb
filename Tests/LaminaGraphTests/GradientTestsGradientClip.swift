import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// gradientClipped: identity forward, gradient clipped backward.
@Suite struct GradientTestsGradientClip {
    @Test func forwardIsIdentity() throws {
        let x = Expr.input("x", dtype: .float64, shape: [4])
        let point: [Double] = [-7, -0.5, 0.25, 12]
        try expectValues(x.gradientClipped(-1, 1), [(x, f64(point, [4]))], point, shape: [4])
    }

    /// ∂Σ(clipped(x)·c)/∂x = clip(c, −1, 1).
    @Test func gradientIsClipped() throws {
        let x = Expr.input("x", dtype: .float64, shape: [6])
        let c = Expr.constant(f64([-3, -0.5, 0.2, 0.9, 2, 5], [6]))
        let g = try grad((x.gradientClipped(-1, 1) * c).sum(), wrt: [x])[0]
        for (_, r) in try evaluateBoth([g], [(x, uniform([6], seed: 131))]) {
            expectClose(r[0], [-1, -0.5, 0.2, 0.9, 1, 1], shape: [6], absolute: 1e-12, relative: 1e-12)
        }
    }

    /// Downstream of the clip: y = 3·clipped(x), cost Σy², so the incoming gradient is 18x before clipping.
    @Test func clipAppliesToTheIncomingGradient() throws {
        let x = Expr.input("x", dtype: .float64, shape: [4])
        let g = try grad((x.gradientClipped(-1, 1) * 3).square().sum(), wrt: [x])[0]
        for (_, r) in try evaluateBoth([g], [(x, f64([0.01, 0.05, -0.2, 0.1], [4]))]) {
            // 18x = [0.18, 0.9, −3.6, 1.8]; clipped to [−1, 1], then (the clip is the identity's) passed through.
            expectClose(r[0], [0.18, 0.9, -1, 1], shape: [4], absolute: 1e-14, relative: 1e-12)
        }
    }

    /// With wide bounds the clip is invisible to finite differences.
    @Test func wideBoundsMatchFiniteDifferences() throws {
        try checkGradient({ x in try probe(x[0].gradientClipped(-100, 100).tanh()) }, at: [uniform([2, 3], seed: 132)])
    }
}
