import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// Gradients of softmax and log-softmax over the last axis.
@Suite struct GradientTestsSoftmax {
    @Test(arguments: [[5], [2, 4], [2, 2, 3]])
    func softmax(_ shape: [Int]) throws {
        try checkGradient({ x in try probe(x[0].softmax()) }, at: [normal(shape, seed: 111)])
    }

    @Test(arguments: [[5], [2, 4], [2, 2, 3]])
    func logSoftmax(_ shape: [Int]) throws {
        try checkGradient({ x in try probe(x[0].logSoftmax()) }, at: [normal(shape, seed: 112)])
    }

    /// ln softmax(x): the default rewrites turn it into log_softmax; both must agree with finite differences.
    @Test func logOfSoftmax() throws {
        try checkGradient({ x in try probe(x[0].softmax().log()) }, at: [normal([2, 4], seed: 113)])
    }

    /// Large logits (shifted by 50): the gradient stays accurate because the max is subtracted.
    @Test func shiftedLogits() throws {
        let p = normal([2, 4], seed: 114).doubles.map { $0 + 50 }
        try checkGradient({ x in try probe(x[0].softmax()) + probe(x[0].logSoftmax()) }, at: [f64(p, [2, 4])])
    }

    /// Hand-computed: for uniform logits the softmax Jacobian is (δᵢⱼ − 1/n)/n.
    @Test func handComputedUniformLogits() throws {
        let x = Expr.input("x", dtype: .float64, shape: [4])
        let w = Expr.constant(f64([1, 0, 0, 0], [4]))
        let g = try grad((x.softmax() * w).sum(), wrt: [x])[0]
        let r = try function(inputs: [x], outputs: [g])(f64([2, 2, 2, 2], [4]))
        expectClose(r[0], [0.75 / 4, -0.25 / 4, -0.25 / 4, -0.25 / 4], shape: [4], absolute: 1e-12, relative: 1e-12)
    }
}
