import Testing
import LaminaTensor
@testable import LaminaGraph
import LaminaTestSupport

/// Gradients of every form of dot, including each transpose flag combination.
@Suite struct GradientTestsDot {
    /// op(A)·op(B) with op(A) (2, 3) and op(B) (3, 4), stored transposed when flagged.
    @Test(arguments: [false, true], [false, true])
    func matrixMatrix(_ ta: Bool, _ tb: Bool) throws {
        let a = uniform(ta ? [3, 2] : [2, 3], seed: 41), b = uniform(tb ? [4, 3] : [3, 4], seed: 42)
        try checkGradient({ x in try probe(x[0].dot(x[1], transposeSelf: ta, transposeOther: tb)) }, at: [a, b])
    }

    /// (2, 2, 3)·(3, 4): leading axes of the left operand act as rows.
    @Test(arguments: [false, true])
    func rank3Matrix(_ tb: Bool) throws {
        let a = uniform([2, 2, 3], seed: 43), b = uniform(tb ? [4, 3] : [3, 4], seed: 44)
        try checkGradient({ x in try probe(x[0].dot(x[1], transposeOther: tb)) }, at: [a, b])
    }

    /// The same with unknown leading and inner sizes (the reshape in the gradient copies sizes at run time).
    @Test func rank3MatrixUnknownSizes() throws {
        let a = uniform([2, 2, 3], seed: 45), b = uniform([3, 4], seed: 46)
        try checkGradient({ x in try x[0].dot(x[1]).square().sum() }, at: [a, b], shapes: [[nil, 2, nil], [nil, 4]])
    }

    @Test(arguments: [false, true])
    func vectorMatrix(_ tb: Bool) throws {
        let v = uniform([3], seed: 47), m = uniform(tb ? [4, 3] : [3, 4], seed: 48)
        try checkGradient({ x in try probe(x[0].dot(x[1], transposeOther: tb)) }, at: [v, m])
    }

    @Test(arguments: [false, true])
    func matrixVector(_ ta: Bool) throws {
        let m = uniform(ta ? [3, 2] : [2, 3], seed: 49), v = uniform([3], seed: 50)
        try checkGradient({ x in try probe(x[0].dot(x[1], transposeSelf: ta)) }, at: [m, v])
    }

    @Test func rank3Vector() throws {
        try checkGradient({ x in try probe(x[0].dot(x[1])) }, at: [uniform([2, 2, 3], seed: 51), uniform([3], seed: 52)])
    }

    @Test func vectorVector() throws {
        try checkGradient({ x in try x[0].dot(x[1]).square() }, at: [uniform([3], seed: 53), uniform([3], seed: 54)])
    }

    /// (2, 2, 3)·(2, 3, 4) batched, with each transpose flag combination.
    @Test(arguments: [false, true], [false, true])
    func batched(_ ta: Bool, _ tb: Bool) throws {
        let a = uniform(ta ? [2, 3, 2] : [2, 2, 3], seed: 55), b = uniform(tb ? [2, 4, 3] : [2, 3, 4], seed: 56)
        try checkGradient({ x in try probe(x[0].dot(x[1], transposeSelf: ta, transposeOther: tb)) }, at: [a, b])
    }

    /// The GEMM op the dot-plus-add rewrite produces: alpha·op(a)·op(b) + c, c broadcast.
    @Test(arguments: [false, true], [false, true])
    func gemm(_ ta: Bool, _ tb: Bool) throws {
        let a = uniform(ta ? [3, 2] : [2, 3], seed: 57), b = uniform(tb ? [4, 3] : [3, 4], seed: 58)
        try checkGradient({ x in
            try probe(Expr.apply(GemmOp(transposeA: ta, transposeB: tb, alpha: 0.7), [x[0], x[1], x[2]]))
        }, at: [a, b, uniform([1, 4], seed: 59)])
    }

    /// Hand-computed: ∂Σ(A·B)/∂A = (row sums of B) repeated, ∂/∂B = (column sums of A) repeated.
    @Test func handComputed() throws {
        let a = Expr.input("a", dtype: .float64, shape: [2, 2]), b = Expr.input("b", dtype: .float64, shape: [2, 2])
        let gs = try grad(a.dot(b).sum(), wrt: [a, b])
        let r = try function(inputs: [a, b], outputs: gs)(f64([1, 2, 3, 4], [2, 2]), f64([5, 6, 7, 8], [2, 2]))
        expectClose(r[0], [11, 15, 11, 15], shape: [2, 2], absolute: 1e-12, relative: 1e-12)
        expectClose(r[1], [4, 4, 6, 6], shape: [2, 2], absolute: 1e-12, relative: 1e-12)
    }
}
