import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// Gradients of the cross-entropy losses.
@Suite struct GradientTestsLosses {
    static let logits = normal([3, 4], seed: 121)
    static let classes = Expr.constant(i32([2, 0, 3], [3]))
    static let soft = Expr.constant(f64([0.1, 0.2, 0.3, 0.4, 0.25, 0.25, 0.5, 0, 0, 0, 0.9, 0.1], [3, 4]))

    @Test func categoricalWithIntegerTargets() throws {
        try checkGradient({ x in try x[0].softmax().categoricalCrossEntropy(Self.classes).mean() }, at: [Self.logits])
    }

    @Test func categoricalWithProbabilityTargets() throws {
        try checkGradient({ x in try probe(x[0].softmax().categoricalCrossEntropy(Self.soft)) }, at: [Self.logits])
    }

    /// On raw probabilities, and with respect to the targets too.
    @Test func categoricalWrtProbabilitiesAndTargets() throws {
        try checkGradient({ x in try probe(x[0].categoricalCrossEntropy(x[1])) },
                          at: [uniform([3, 4], seed: 122, low: 0.1, high: 0.9), uniform([3, 4], seed: 123, low: 0, high: 1)])
        try checkGradient({ x in try probe(x[0].categoricalCrossEntropy(Self.classes)) },
                          at: [uniform([3, 4], seed: 124, low: 0.1, high: 0.9)])
    }

    @Test func binaryOnSigmoid() throws {
        let targets = Expr.constant(f64([0, 1, 1, 0, 0.3, 1], [2, 3]))
        try checkGradient({ x in try probe(x[0].sigmoid().binaryCrossEntropy(targets)) }, at: [normal([2, 3], seed: 125)])
    }

    /// Integer targets are cast to the predictions' dtype.
    @Test func binaryWithIntegerTargets() throws {
        let targets = Expr.constant(i32([0, 1, 1, 0, 0, 1], [2, 3]))
        try checkGradient({ x in try x[0].sigmoid().binaryCrossEntropy(targets).mean() }, at: [normal([2, 3], seed: 126)])
    }

    /// On raw probabilities, and with respect to the targets too.
    @Test func binaryWrtProbabilitiesAndTargets() throws {
        try checkGradient({ x in try probe(x[0].binaryCrossEntropy(x[1])) },
                          at: [uniform([2, 3], seed: 127, low: 0.1, high: 0.9), uniform([2, 3], seed: 128, low: 0, high: 1)])
    }

    @Test func sigmoidCrossEntropy() throws {
        try checkGradient({ x in try probe(x[0].sigmoidCrossEntropy(targets: x[1])) },
                          at: [normal([2, 3], seed: 129).scaled(3), uniform([2, 3], seed: 130, low: 0, high: 1)])
    }

    /// Hand-computed: ∂ mean CE(softmax(x), t)/∂x = (softmax(x) − onehot(t)) / n. For x = 0 with 4
    /// classes and n = 2, each entry is (0.25 − [k = t]) / 2.
    @Test func handComputedSoftmaxCrossEntropy() throws {
        let x = Expr.input("x", dtype: .float64, shape: [2, 4])
        let g = try grad(x.softmax().categoricalCrossEntropy(Expr.constant(i32([1, 3], [2]))).mean(), wrt: [x])[0]
        let r = try function(inputs: [x], outputs: [g])(f64([Double](repeating: 0, count: 8), [2, 4]))
        expectClose(r[0], [0.125, -0.375, 0.125, 0.125, 0.125, 0.125, 0.125, -0.375], shape: [2, 4], absolute: 1e-15, relative: 1e-12)
    }
}

extension NDArray {
    func scaled(_ factor: Double) -> NDArray { NDArray(doubles.map { $0 * factor }, shape: shape) }
}
