import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// What gradients can be taken with respect to: shared variables, intermediate
/// expressions, scalars; and float32 graphs keep float32 gradients.
@Suite struct GradientTestsVariables {
    /// ∂Σ tanh(x·W)/∂W for a shared W, against finite differences of the shared value.
    @Test func sharedVariable() throws {
        let w0 = uniform([3, 2], seed: 171)
        let w = Shared(w0, name: "W")
        let x = Expr.constant(uniform([2, 3], seed: 172))
        let cost = try probe(x.dot(w).tanh())
        let g = try grad(cost, wrt: [w])[0]
        #expect(g.type == w.type)
        let f = try function(inputs: [], outputs: [cost, g])
        let symbolic = try f()[1].doubles
        let eps = 1e-6
        for i in 0..<6 {
            var plus = w0.doubles, minus = w0.doubles
            plus[i] += eps
            minus[i] -= eps
            try w.setValue(f64(plus, [3, 2]))
            let fp = try f()[0].scalarValue
            try w.setValue(f64(minus, [3, 2]))
            let fm = try f()[0].scalarValue
            #expect(Swift.abs(symbolic[i] - (fp - fm) / (2 * eps)) < 1e-7, "element \(i)")
        }
    }

    /// With respect to an intermediate h = 2x as well as x: ∂/∂h is local, ∂/∂x is the total derivative.
    @Test func intermediateAndLeafTogether() throws {
        let x = Expr.input("x", dtype: .float64, shape: [3])
        let h = try x * 2
        let gs = try grad((h * x).sum(), wrt: [h, x])
        let r = try function(inputs: [x], outputs: gs)(f64([1, -2, 0.5], [3]))
        expectClose(r[0], [1, -2, 0.5], shape: [3], absolute: 1e-12, relative: 1e-12)    // ∂(h·x)/∂h = x
        expectClose(r[1], [4, -8, 2], shape: [3], absolute: 1e-12, relative: 1e-12)      // d(2x²)/dx = 4x
    }

    /// Rank-0 inputs and a cost that is a product of scalars.
    @Test func scalars() throws {
        try checkGradient({ x in try (x[0] * x[1]).exp() / (x[0].square() + 1) }, at: [f64([0.3], []), f64([-1.2], [])])
    }

    /// Integer inputs that feed the cost through casts and indices carry no gradient but do not block it.
    @Test func integerOperandsAlongTheWay() throws {
        let counts = Expr.constant(i32([1, 0, 2], [3]))
        try checkGradient({ x in try probe(x[0] * counts.cast(to: .float64) + x[0].take(counts)) }, at: [uniform([3], seed: 173)])
    }

    /// A float32 graph has float32 gradients: ∂ mean CE(softmax(x), t)/∂x = (softmax(x) − onehot(t)) / n.
    @Test func float32GradientsStayFloat32() throws {
        let x = Expr.input("x", shape: [2, 4])
        let g = try grad(x.softmax().categoricalCrossEntropy(Expr.constant(i32([1, 3], [2]))).mean(), wrt: [x])[0]
        #expect(g.dtype == .float32)
        for (_, r) in try evaluateBoth([g], [(x, NDArray([Float](repeating: 0, count: 8), shape: [2, 4]))]) {
            expectClose(r[0], [0.125, -0.375, 0.125, 0.125, 0.125, 0.125, 0.125, -0.375], shape: [2, 4], dtype: .float32,
                        absolute: 1e-7, relative: 1e-12)
        }
    }
}
