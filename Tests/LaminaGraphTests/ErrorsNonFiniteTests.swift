import Testing
import LaminaTensor
import LaminaGraph

/// NaN and ±inf are values, not errors: they flow through compiled functions
/// as IEEE arithmetic says (numpy gives the same results).
@Suite struct ErrorsNonFiniteTests {
    @Test(arguments: [CompileOptions.default, .none])
    func nanAndInfinityFlowThroughElementwiseOps(options: CompileOptions) throws {
        let x = Expr.input("x", dtype: .float64, shape: [nil])
        let f = try function(inputs: [x], outputs: [x * 2 + 1, (x - x), x.exp(), x.tanh()], options: options)
        let r = try f(Feed.f64([.nan, .infinity, -.infinity, 1]))
        let affine = r[0].doubles
        #expect(affine[0].isNaN && affine[1] == .infinity && affine[2] == -.infinity && affine[3] == 3)
        let difference = r[1].doubles // inf − inf is NaN
        #expect(difference[0].isNaN && difference[1].isNaN && difference[2].isNaN && difference[3] == 0)
        let exponential = r[2].doubles
        #expect(exponential[0].isNaN && exponential[1] == .infinity && exponential[2] == 0)
        let hyperbolic = r[3].doubles
        #expect(hyperbolic[0].isNaN && hyperbolic[1] == 1 && hyperbolic[2] == -1)
    }

    @Test(arguments: [CompileOptions.default, .none])
    func nanAndInfinityThroughReductionsAndDot(options: CompileOptions) throws {
        let m = Expr.input("m", dtype: .float64, shape: [nil, 2])
        let w = Shared(Feed.f64([1, 2, 3, 4], [2, 2]), name: "W")
        let f = try function(inputs: [m], outputs: [m.sum(axes: [1]), m.dot(w) + 1], options: options)
        let r = try f(Feed.f64([1, .nan, .infinity, 2, .infinity, -.infinity], [3, 2]))
        let sums = r[0].doubles // [nan, inf, inf − inf = nan]
        #expect(sums[0].isNaN && sums[1] == .infinity && sums[2].isNaN)
        // numpy: m @ [[1, 2], [3, 4]] + 1 = [[nan, nan], [inf, inf], [nan, nan]]
        let product = r[1].doubles
        #expect(product[0].isNaN && product[1].isNaN)
        #expect(product[2] == .infinity && product[3] == .infinity)
        #expect(product[4].isNaN && product[5].isNaN)
    }

    @Test func infinityInTheCallDoesNotLeakIntoTheNext() throws {
        let x = Expr.input("x", dtype: .float32, shape: [nil])
        let f = try function(inputs: [x], outputs: [(x * 2).softmax()])
        let r1 = try f(Feed.f32([.infinity, 0]))[0].doubles
        #expect(r1[0].isNaN) // e^(inf − inf) = NaN, as in numpy
        #expect(try f(Feed.f32([0, 0]))[0].doubles == [0.5, 0.5])
    }
}
