import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// Constant folding: ops whose operands are all constants run at compile time.
@Suite struct CompileConstantFoldingTests {
    @Test func anExpressionOfConstantsOnlyCompilesToNoSteps() throws {
        let c = Expr.constant(Feed.f64([1, 2, 3]))
        let e = try (c * 2 + 1).exp().sum()
        let f = try function(inputs: [], outputs: [e])
        #expect(f.steps.isEmpty)
        #expect(f.bufferCount == 0)
        #expect(f.compiledOutputs[0].constantValue != nil)
        // numpy: np.exp(np.array([1., 2, 3]) * 2 + 1).sum()
        expectClose([try f()[0].scalarValue], [1265.1318544542228], absolute: 1e-12, relative: 1e-15)

        var options = CompileOptions.default
        options.constantFolding = false
        let unfolded = try function(inputs: [], outputs: [e], options: options)
        #expect(unfolded.steps == ["fused{multiply,add,exp}", "sum{axes=[0]}"])
        expectClose([try unfolded()[0].scalarValue], [1265.1318544542228], absolute: 1e-12, relative: 1e-15)
    }

    @Test func theConstantPartOfAMixedExpressionIsFolded() throws {
        let x = Expr.input("x", dtype: .float64, shape: [nil])
        let scale = try Expr.scalar(2, dtype: .float64) + Expr.scalar(3, dtype: .float64)
        let f = try function(inputs: [x], outputs: [x * scale])
        #expect(f.steps == ["multiply"])
        #expect(try f(Feed.f64([1, -2]))[0].doubles == [5, -10])
        let plain = try function(inputs: [x], outputs: [x * scale], options: .none)
        #expect(plain.steps == ["add", "multiply"])
        #expect(try plain(Feed.f64([1, -2]))[0].doubles == [5, -10])
    }

    @Test func aFillOfAKnownShapeIsAConstant() throws {
        // onesLike reads only x's shape; with a fully known shape it folds away.
        let x = Expr.input("x", dtype: .float64, shape: [2, 2])
        let f = try function(inputs: [x], outputs: [x.onesLike() * 3])
        #expect(f.steps.isEmpty)
        #expect(try f(Feed.f64([9, 9, 9, 9], [2, 2]))[0].doubles == [3, 3, 3, 3])
        // With an unknown size it must run.
        let y = Expr.input("y", dtype: .float64, shape: [nil])
        let g = try function(inputs: [y], outputs: [y.onesLike() * 3])
        #expect(!g.steps.isEmpty)
        #expect(try g(Feed.f64([9, 9, 9]))[0].doubles == [3, 3, 3])
    }
}
