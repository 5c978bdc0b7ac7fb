import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// Forward values of the cross-entropy losses.
@Suite struct OpValueTestsLosses {
    // Expected values computed with numpy 2.4 (float64), with p = softmax([[1,2,3],[-1,0,0.5]]) (stable form):
    //   -np.log(p[[0,1],[2,0]]); -(T*np.log(p)).sum(-1) for T = [[0.2,0.3,0.5],[1,0,0]];
    //   -(t*np.log(p)+(1-t)*np.log(1-p)); np.logaddexp(0, z) - t*z.
    static let logits = Expr.input("x", dtype: .float64, shape: [2, 3])
    static var feeds: [(Expr, NDArray)] { [(logits, f64([1, 2, 3, -1, 0, 0.5], [2, 3]))] }

    @Test func categoricalWithIntegerTargets() throws {
        let loss = try Self.logits.softmax().categoricalCrossEntropy(Expr.constant(i32([2, 0], [2])))
        try expectValues(loss, Self.feeds, [0.40760596444438046, 2.1041306053367284], shape: [2], absolute: 1e-14)
    }

    @Test func categoricalWithProbabilityTargets() throws {
        let targets = Expr.constant(f64([0.2, 0.3, 0.5, 1, 0, 0], [2, 3]))
        let loss = try Self.logits.softmax().categoricalCrossEntropy(targets)
        try expectValues(loss, Self.feeds, [1.1076059644443805, 2.1041306053367284], shape: [2], absolute: 1e-14)
    }

    /// On probabilities given directly; and with int32 targets fed at call time.
    @Test func categoricalOnProbabilities() throws {
        let p = Expr.input("p", dtype: .float64, shape: [2, 3]), t = Expr.input("t", dtype: .int32, shape: [2])
        try expectValues(p.categoricalCrossEntropy(t), [(p, f64([0.2, 0.5, 0.7, 0.1, 0.6, 0.3], [2, 3])), (t, i32([1, 2], [2]))],
                         [0.6931471805599453, 1.2039728043259361], shape: [2], absolute: 1e-15)
    }

    @Test func binary() throws {
        let p = Expr.input("p", dtype: .float64, shape: [4])
        let t = Expr.constant(f64([0, 1, 0.3, 0], [4]))
        try expectValues(p.binaryCrossEntropy(t), [(p, f64([0.2, 0.9, 0.5, 0.999], [4]))],
                         [0.2231435513142097, 0.10536051565782628, 0.6931471805599453, 6.907755278982136],
                         shape: [4], absolute: 1e-13)
    }

    /// On sigmoid outputs, with int32 targets (cast to the predictions' dtype).
    @Test func binaryOnSigmoidWithIntegerTargets() throws {
        let z = Expr.input("z", dtype: .float64, shape: [3])
        let loss = try z.sigmoid().binaryCrossEntropy(Expr.constant(i32([1, 0, 1], [3])))
        try expectValues(loss, [(z, f64([-2, 0.5, 3], [3]))], [2.1269280110429727, 0.9740769841801067, 0.04858735157374198],
                         shape: [3], absolute: 1e-14)
    }

    /// softplus(z) − t·z stays finite for large |z|.
    @Test func sigmoidCrossEntropy() throws {
        let z = Expr.input("z", dtype: .float64, shape: [5])
        let loss = try z.sigmoidCrossEntropy(targets: Expr.constant(f64([0, 1, 1, 0, 0.5], [5])))
        try expectValues(loss, [(z, f64([-2, 0.5, 30, -30, 0], [5]))],
                         [0.1269280110429725, 0.4740769841801067, 9.237055564881302e-14, 9.357622968839737e-14, 0.6931471805599453],
                         shape: [5], absolute: 1e-14)
    }

    /// float32 predictions give a float32 loss.
    @Test func float32Loss() throws {
        let x = Expr.input("x", shape: [2, 3])
        let loss = try x.softmax().categoricalCrossEntropy(Expr.constant(i32([2, 0], [2]))).mean()
        try expectValues(loss, [(x, NDArray([1, 2, 3, -1, 0, 0.5] as [Float], shape: [2, 3]))],
                         [(0.40760596444438046 + 2.1041306053367284) / 2], shape: [], dtype: .float32, relative: 1e-6)
    }
}
