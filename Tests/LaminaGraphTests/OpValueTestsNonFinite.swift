import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// NaN and ±inf flow through compiled functions as values (no traps, no crashes).
@Suite struct OpValueTestsNonFinite {
    // Expected values computed with numpy 2.4 under np.errstate(all='ignore') on
    // x = np.array([0.,-1,1,np.inf,-np.inf,np.nan]): np.log(x), x/0, np.sqrt(x), np.maximum(x,0), np.minimum(x,0), np.clip(x,-0.5,0.5).
    static let x = Expr.input("x", dtype: .float64, shape: [6])
    static var feeds: [(Expr, NDArray)] { [(x, f64([0, -1, 1, .infinity, -.infinity, .nan], [6]))] }
    static let inf = Double.infinity, nan = Double.nan

    @Test func elementwise() throws {
        let (x, inf, nan) = (Self.x, Self.inf, Self.nan)
        try expectValues(x.log(), Self.feeds, [-inf, nan, 0, inf, nan, nan], shape: [6])
        try expectValues(x / x.zerosLike(), Self.feeds, [nan, -inf, inf, inf, -inf, nan], shape: [6])
        try expectValues(x.sqrt(), Self.feeds, [0, nan, 1, inf, nan, nan], shape: [6])
        try expectValues(x.maximum(x.literal(0)), Self.feeds, [0, 0, 1, inf, 0, nan], shape: [6])
        try expectValues(x.minimum(x.literal(0)), Self.feeds, [0, -1, 0, 0, -inf, nan], shape: [6])
        try expectValues(x.clip(-0.5, 0.5), Self.feeds, [0, -0.5, 0.5, 0.5, -0.5, nan], shape: [6])
        try expectValues(x.tanh(), Self.feeds, [0, -0.7615941559557649, 0.7615941559557649, 1, -1, nan], shape: [6], absolute: 1e-15)
    }

    /// 0/0 = NaN and log(0) = −inf computed inside one fused graph, fed by an input.
    @Test func zeroOverZeroAndLogZero() throws {
        let z = Expr.input("z", dtype: .float64, shape: [2])
        let e = try Expr.stack([z / z, z.log(), z.exp() * z.literal(.infinity)])
        try expectValues(e, [(z, f64([0, 0], [2]))], [Self.nan, Self.nan, -Self.inf, -Self.inf, Self.inf, Self.inf], shape: [3, 2])
    }

    /// e^±1000 overflows to inf and underflows to 0; inf − inf and 0·inf are NaN.
    @Test func overflow() throws {
        let x = Expr.input("x", dtype: .float64, shape: [2])
        let feeds = [(x, f64([1000, -1000], [2]))]
        try expectValues(x.exp(), feeds, [Self.inf, 0], shape: [2])
        try expectValues(x.exp() - x.exp(), feeds, [Self.nan, 0], shape: [2])
        try expectValues(x.exp() * (-x).exp(), feeds, [Self.nan, Self.nan], shape: [2])
    }

    /// A NaN poisons sum, mean and prod; ±inf sums to inf or NaN (np.sum, np.mean, np.prod).
    @Test func reductions() throws {
        let x = Expr.input("x", dtype: .float64, shape: [3, 2])
        let feeds = [(x, f64([1, Self.nan, Self.inf, 2, Self.inf, -Self.inf], [3, 2]))]
        try expectValues(x.sum(axes: [1]), feeds, [Self.nan, Self.inf, Self.nan], shape: [3])
        try expectValues(x.mean(axes: [1]), feeds, [Self.nan, Self.inf, Self.nan], shape: [3])
        try expectValues(x.prod(axes: [1]), feeds, [Self.nan, Self.inf, -Self.inf], shape: [3])
    }

    /// A row of −inf logits gives NaN (as the naive formula does); the other rows are unaffected.
    @Test func softmaxOfMinusInfinityRow() throws {
        let x = Expr.input("x", dtype: .float64, shape: [2, 2])
        let feeds = [(x, f64([-Self.inf, -Self.inf, 0, 0], [2, 2]))]
        try expectValues(x.softmax(), feeds, [Self.nan, Self.nan, 0.5, 0.5], shape: [2, 2])
        // np.exp(x - x.max()) for the row [-inf, 0] is [0, 1]: one −inf logit is a zero probability.
        try expectValues(x.softmax(), [(x, f64([-Self.inf, 0, 0, 0], [2, 2]))], [0, 1, 0.5, 0.5], shape: [2, 2])
    }

    /// The gradient of log at 0 is inf, of sqrt at 0 is inf: values, not errors.
    @Test func gradientsAtSingularities() throws {
        let x = Expr.input("x", dtype: .float64, shape: [2])
        let gs = try [grad(x.log().sum(), wrt: [x])[0], grad(x.sqrt().sum(), wrt: [x])[0]]
        let r = try function(inputs: [x], outputs: gs)(f64([0, 4], [2]))
        expectClose(r[0], [Self.inf, 0.25], shape: [2], absolute: 1e-12, relative: 1e-12)
        expectClose(r[1], [Self.inf, 0.25], shape: [2], absolute: 1e-12, relative: 1e-12)
    }
}
