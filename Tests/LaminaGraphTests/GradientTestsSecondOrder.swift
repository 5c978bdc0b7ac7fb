import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// Gradients of gradients: second derivatives and Hessian-vector products.
@Suite struct GradientTestsSecondOrder {
    /// d²/dx² Σx³ = 6x, through pow and through a product.
    @Test func secondDerivativeOfCube() throws {
        let x = Expr.input("x", dtype: .float64, shape: [4])
        let point = f64([-1.5, 0.5, 2, 3], [4])
        for cube in [try x.pow(3), try x * x * x] {
            let first = try grad(cube.sum(), wrt: [x])[0]
            let second = try grad(first.sum(), wrt: [x])[0]
            for (_, r) in try evaluateBoth([first, second], [(x, point)]) {
                expectClose(r[0], [6.75, 0.75, 12, 27], shape: [4], absolute: 1e-12, relative: 1e-12)   // 3x²
                expectClose(r[1], [-9, 3, 12, 18], shape: [4], absolute: 1e-12, relative: 1e-12)        // 6x
            }
        }
    }

    /// The gradient expressions of each op family are themselves differentiable: Σ w·∇f checked by finite differences.
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let shape: [Int]
        let f: @Sendable (Expr) throws -> Expr
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        .init(name: "tanh·sigmoid·exp", shape: [2, 3]) { x in try (x.tanh() * x.sigmoid() + x.exp()).sum() },
        .init(name: "log, sqrt, division", shape: [2, 3]) { x in try (x.square() + 1).log().sum() + (1 / (x.square() + 1).sqrt()).sum() },
        .init(name: "softplus, softmax", shape: [2, 3]) { x in try probe(x.softplus()) + probe(x.softmax()) },
        .init(name: "logSoftmax", shape: [2, 3]) { x in try probe(x.logSoftmax()) },
        .init(name: "reductions", shape: [2, 3]) { x in try (x.sum(axes: [1]).square() + x.mean(axes: [0], keepDims: true).sum()).sum() + x.prod() },
        .init(name: "dot", shape: [3, 3]) { x in try probe(x.dot(x, transposeOther: true).tanh()) },
        .init(name: "reshape, dimshuffle, subtensor", shape: [2, 3]) { x in
            try probe(x.reshape([3, 2]).dimshuffle([1, 0]).subtensor([.all, .range(start: nil, stop: nil, step: -1)]).square())
        },
        .init(name: "concatenate, settingSubtensor", shape: [2, 3]) { x in
            try probe(Expr.concatenate([x, x.settingSubtensor([.index(0)], to: x.subtensor([.index(1)]).square(), accumulate: true)], axis: 0).tanh())
        },
        .init(name: "take (scatter-add)", shape: [3, 2]) { x in
            try probe(x.take(Expr.constant(NDArray([0, 2, 0] as [Int32], shape: [3]))).pow(3))
        },
        .init(name: "broadcasting", shape: [2, 3]) { x in try probe((x * x.sum(axes: [0], keepDims: true)).square()) },
        .init(name: "power", shape: [2, 3]) { x in try probe((x.square() + 1).pow(x)) },
    ]

    @Test(arguments: cases)
    func gradientOfGradient(_ c: Case) throws {
        try checkGradient({ x in
            let g = try grad(c.f(x[0]), wrt: [x[0]])[0]
            return try probe(g)
        }, at: [uniform(c.shape, seed: 141, low: -1, high: 1)], tolerance: 1e-5)
    }

    /// Second order with unknown sizes: the gradients use reshape-like, run-time counts and broadcasts.
    @Test func gradientOfGradientUnknownSizes() throws {
        try checkGradient({ x in
            let f = try x[0].reshape([.infer]).tanh().sum() + x[0].mean(axes: [0]).square().sum() + x[0].softmax().max(axes: [1]).sum()
            return try grad(f, wrt: [x[0]])[0].square().sum()
        }, at: [uniform([2, 3], seed: 145)], shapes: [[nil, nil]], tolerance: 1e-5)
    }

    /// H·v from grad(Σ ∇f·v) against (∇f(x + εv) − ∇f(x − εv)) / 2ε.
    @Test func hessianVectorProduct() throws {
        let x = Expr.input("x", dtype: .float64, shape: [2, 3]), v = Expr.input("v", dtype: .float64, shape: [2, 3])
        let w = Expr.constant(uniform([3, 3], seed: 142))
        let cost = try x.dot(w).tanh().square().sum() + x.softmax().log().sum() + x.sigmoid().prod()
        let g = try grad(cost, wrt: [x])[0]
        let hv = try grad((g * v).sum(), wrt: [x])[0]
        let gradient = try function(inputs: [x], outputs: [g])
        let product = try function(inputs: [x, v], outputs: [hv])
        let point = uniform([2, 3], seed: 143).doubles, direction = uniform([2, 3], seed: 144).doubles
        let eps = 1e-6
        let plus = try gradient(f64(zip(point, direction).map { $0 + eps * $1 }, [2, 3]))[0].doubles
        let minus = try gradient(f64(zip(point, direction).map { $0 - eps * $1 }, [2, 3]))[0].doubles
        let numeric = zip(plus, minus).map { ($0 - $1) / (2 * eps) }
        let symbolic = try product(f64(point, [2, 3]), f64(direction, [2, 3]))[0]
        #expect(numeric.contains { Swift.abs($0) > 0.1 }, "the check point should have curvature")
        expectClose(symbolic, numeric, shape: [2, 3], absolute: 1e-6, relative: 1e-6)
    }

    /// A mixed partial: ∂/∂y (∂/∂x Σ x·y²) = 2y.
    @Test func mixedPartial() throws {
        let x = Expr.input("x", dtype: .float64, shape: [3]), y = Expr.input("y", dtype: .float64, shape: [3])
        let gx = try grad((x * y.square()).sum(), wrt: [x])[0]
        let gxy = try grad(gx.sum(), wrt: [y])[0]
        let r = try function(inputs: [x, y], outputs: [gx, gxy])(f64([1, 2, 3], [3]), f64([0.5, -1, 2], [3]))
        expectClose(r[0], [0.25, 1, 4], shape: [3], absolute: 1e-12, relative: 1e-12)
        expectClose(r[1], [1, -2, 4], shape: [3], absolute: 1e-12, relative: 1e-12)
    }
}
