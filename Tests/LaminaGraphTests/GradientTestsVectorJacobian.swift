import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// vectorJacobianProduct: reverse mode seeded with given output gradients.
@Suite struct GradientTestsVectorJacobian {
    /// For y = x², the product with a cotangent v is 2x·v.
    @Test func elementwiseSquare() throws {
        let x = Expr.input("x", dtype: .float64, shape: [3]), v = Expr.input("v", dtype: .float64, shape: [3])
        let g = try vectorJacobianProduct(of: [x.square()], cotangents: [v], wrt: [x])[0]
        let r = try function(inputs: [x, v], outputs: [g])(f64([1, -2, 0.5], [3]), f64([3, 0.25, -4], [3]))
        expectClose(r[0], [6, -1, -4], shape: [3], absolute: 1e-12, relative: 1e-12)
    }

    /// Several outputs: their contributions add; a nil cotangent leaves its output out.
    @Test func severalOutputs() throws {
        let x = Expr.input("x", dtype: .float64, shape: [2])
        let outputs = [try x * 2, try x.sum()]
        let c = Expr.constant(f64([1, -1], [2])), three = x.literal(3)
        let both = try vectorJacobianProduct(of: outputs, cotangents: [c, three], wrt: [x])[0]
        let first = try vectorJacobianProduct(of: outputs, cotangents: [c, nil], wrt: [x])[0]
        let r = try function(inputs: [x], outputs: [both, first])(f64([5, 7], [2]))
        expectClose(r[0], [5, 1], shape: [2], absolute: 1e-12, relative: 1e-12)      // 2·c + 3
        expectClose(r[1], [2, -2], shape: [2], absolute: 1e-12, relative: 1e-12)     // 2·c
    }

    /// The same as grad of Σ y·c, checked against finite differences through a matrix product.
    @Test func matchesGradOfWeightedSum() throws {
        let c = Expr.constant(f64([0.5, -1, 2, 0.25], [2, 2]))
        try checkGradient({ x in try (x[0].dot(x[1]).tanh() * c).sum() },
                          at: [uniform([2, 3], seed: 181), uniform([3, 2], seed: 182)])
        let a = Expr.input("a", dtype: .float64, shape: [2, 3]), b = Expr.input("b", dtype: .float64, shape: [3, 2])
        let y = try a.dot(b).tanh()
        let vjp = try vectorJacobianProduct(of: [y], cotangents: [c], wrt: [a, b])
        let viaGrad = try grad((y * c).sum(), wrt: [a, b])
        let r = try function(inputs: [a, b], outputs: vjp + viaGrad)(uniform([2, 3], seed: 181), uniform([3, 2], seed: 182))
        expectClose(r[0].doubles, r[2].doubles, absolute: 1e-15, relative: 1e-12)
        expectClose(r[1].doubles, r[3].doubles, absolute: 1e-15, relative: 1e-12)
    }
}
