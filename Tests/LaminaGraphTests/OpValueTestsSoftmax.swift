import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// Forward values of softmax and log-softmax, including logits large enough to overflow a naive e^x.
@Suite struct OpValueTestsSoftmax {
    // Expected values computed with numpy 2.4 (float64), stably:
    //   sm(x) = e / e.sum(-1, keepdims=True) with e = np.exp(x - x.max(-1, keepdims=True))
    //   lsm(x) = x - m - np.log(np.exp(x - m).sum(-1, keepdims=True)) with m = x.max(-1, keepdims=True)
    static let logits = f64([1, 2, 3, -1, 0, 0.5], [2, 3])

    @Test func softmaxRows() throws {
        let x = Expr.input("x", dtype: .float64, shape: [2, 3])
        try expectValues(x.softmax(), [(x, Self.logits)], [0.09003057317038046, 0.24472847105479764, 0.6652409557748218,
                                                             0.12195165230972886, 0.33149896042409155, 0.5465493872661796],
                         shape: [2, 3], absolute: 1e-15)
        try expectValues(x.logSoftmax(), [(x, Self.logits)], [-2.4076059644443806, -1.4076059644443804, -0.4076059644443804,
                                                                -2.1041306053367284, -1.1041306053367284, -0.6041306053367282],
                         shape: [2, 3], absolute: 1e-14)
    }

    @Test func vector() throws {
        let v = Expr.input("v", dtype: .float64, shape: [4])
        let feeds = [(v, f64([0.5, -0.25, 2, 0], [4]))]
        try expectValues(v.softmax(), feeds, [0.15242540176980526, 0.07200066158416707, 0.6831232571536245, 0.0924506794924032],
                         shape: [4], absolute: 1e-15)
        try expectValues(v.logSoftmax(), feeds, [-1.88107997133931, -2.63107997133931, -0.38107997133931015, -2.38107997133931],
                         shape: [4], absolute: 1e-14)
    }

    /// Logits of ±1000 stay finite: e^1000 would overflow without subtracting the row maximum.
    /// float32 expectations: the same numpy formulas on np.float32 arrays.
    @Test(arguments: [DType.float64, .float32])
    func largeLogits(_ dtype: DType) throws {
        let x = Expr.input("x", dtype: dtype, shape: [2, 3])
        let big: [Double] = [1000, 0, -1000, 1000, 1000, 0]
        let value = dtype == .float64 ? f64(big, [2, 3]) : NDArray(big.map { Float($0) }, shape: [2, 3])
        let logSoftmax = dtype == .float64
            ? [0, -1000, -2000, -0.6931471805599453, -0.6931471805599453, -1000.6931471805599]
            : [0, -1000, -2000, -0.6931471824645996, -0.6931471824645996, -1000.6931762695312]
        try expectValues(x.softmax(), [(x, value)], [1, 0, 0, 0.5, 0.5, 0], shape: [2, 3])
        try expectValues(x.logSoftmax(), [(x, value)], logSoftmax, shape: [2, 3])
    }

    /// Each softmax row sums to one; rank-3 input is normalized over the last axis.
    @Test func rowsSumToOne() throws {
        let x = Expr.input("x", dtype: .float64, shape: [2, 2, 3])
        let s = try x.softmax().sum(axes: [-1])
        try expectValues(s, [(x, normal([2, 2, 3], seed: 161))], [1, 1, 1, 1], shape: [2, 2], absolute: 1e-15)
    }
}
