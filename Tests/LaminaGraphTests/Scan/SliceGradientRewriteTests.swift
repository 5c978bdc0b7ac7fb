import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// The gradient of slices that tile an axis compiles to one concatenation.
@Suite struct SliceGradientRewriteTests {
    @Test func tiledSliceGradientsBecomeAConcatenation() throws {
        let x = Expr.input("x", dtype: .float64, shape: [2, 6])
        let parts = try (0..<3).map { k in try x.subtensor([.all, .range(2 * k, 2 * k + 2)]) }
        let cost = try (parts[0].sigmoid() * parts[1].tanh() + parts[2].square()).sum()
        let g = try grad(cost, wrt: [x])[0]
        let f = try function(inputs: [x], outputs: [g])
        #expect(f.steps.contains { $0.hasPrefix("concatenate") }, "\(f.steps)")
        #expect(!f.steps.contains { $0.hasPrefix("inc_subtensor") }, "\(f.steps)")
        let reference = try function(inputs: [x], outputs: [g], options: .none)
        let xv = NDArray([0.1, -0.2, 0.3, 0.4, -0.5, 0.6, 0.7, 0.8, -0.9, 1.0, 1.1, -1.2] as [Double], shape: [2, 6])
        expectClose(try f(xv)[0].doubles, try reference(xv)[0].doubles, absolute: 1e-15, relative: 1e-14)
    }

    @Test func overlappingSliceGradientsAreChained() throws {
        let x = Expr.input("x", dtype: .float64, shape: [5])
        let cost = try (x.subtensor([.range(0, 3)]).square().sum() + x.subtensor([.range(2, 5)]).sum())
        let g = try grad(cost, wrt: [x])[0]
        let f = try function(inputs: [x], outputs: [g])
        // d/dx: 2x on 0..<3 plus 1 on 2..<5
        expectClose(try f(NDArray([1, 2, 3, 4, 5] as [Double]))[0].doubles, [2, 4, 7, 1, 1], absolute: 1e-12, relative: 1e-12)
    }
}
