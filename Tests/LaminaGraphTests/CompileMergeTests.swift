import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// Merging duplicates: a subexpression built twice runs once.
@Suite struct CompileMergeTests {
    let x = Expr.input("x", dtype: .float64, shape: [nil, 2])
    let w = Shared(Feed.f64([1, 2, 3, 4], [2, 2]), name: "W")

    var noFusion: CompileOptions {
        var o = CompileOptions.default
        o.fuseElementwise = false
        return o
    }

    @Test func anElementwiseSubexpressionBuiltTwiceRunsOnce() throws {
        let e = try x.exp() + x.exp()
        let merged = try function(inputs: [x], outputs: [e], options: noFusion)
        #expect(merged.steps == ["exp", "add"])
        var options = noFusion
        options.mergeDuplicates = false
        let separate = try function(inputs: [x], outputs: [e], options: options)
        #expect(separate.steps == ["exp", "exp", "add"])
        let input = Feed.f64([0, 1, 0, 0], [2, 2])
        let expected = [2, 2 * 2.718281828459045, 2, 2]
        #expect(try merged(input)[0].doubles == expected)
        #expect(try separate(input)[0].doubles == expected)
    }

    @Test func aDotBuiltTwiceRunsOnce() throws {
        let e = try x.dot(w).tanh() + x.dot(w).sigmoid()
        let merged = try function(inputs: [x], outputs: [e])
        #expect(merged.steps.filter { $0.hasPrefix("dot") }.count == 1, "\(merged.steps)")
        var options = CompileOptions.default
        options.mergeDuplicates = false
        let separate = try function(inputs: [x], outputs: [e], options: options)
        #expect(separate.steps.filter { $0.hasPrefix("dot") }.count == 2, "\(separate.steps)")
        // x = [[1, 0]]: x·W = [[1, 2]]; tanh + sigmoid, numpy:
        // np.tanh([1, 2]) + 1 / (1 + np.exp(-np.array([1., 2])))
        let expected = [1.4926527345857696, 1.844824658053699]
        expectClose(try merged(Feed.f64([1, 0], [1, 2]))[0].doubles, expected, absolute: 1e-12, relative: 1e-15)
        expectClose(try separate(Feed.f64([1, 0], [1, 2]))[0].doubles, expected, absolute: 1e-12, relative: 1e-15)
    }

    @Test func equalConstantsBuiltSeparatelyMerge() throws {
        // Each `* 2` makes its own constant node; equal values merge, so the
        // two products are one.
        let e = try (x * 2) - (x * 2)
        let merged = try function(inputs: [x], outputs: [e], options: noFusion)
        #expect(merged.steps == ["multiply", "subtract"])
        #expect(try merged(Feed.f64([1, 2, 3, 4], [2, 2]))[0].doubles == [0, 0, 0, 0])
    }

    @Test func differentOpsOnTheSameOperandDoNotMerge() throws {
        let e = try x.exp() + x.tanh()
        let f = try function(inputs: [x], outputs: [e], options: noFusion)
        #expect(f.steps == ["exp", "tanh", "add"])
    }

    @Test func argmaxWithAndWithoutKeepDimsStayApart() throws {
        let m = Expr.input("m", dtype: .float64, shape: [2, 3])
        let kept = try m.argmax(axis: 1, keepDims: true), dropped = try m.argmax(axis: 1)
        let f = try function(inputs: [m], outputs: [kept, dropped])
        let r = try f(Feed.f64([1, 5, 3, 4, 2, 6], [2, 3]))
        #expect(r[0].doubles == [1, 2] && r[1].doubles == [1, 2])
        // Merging compares descriptions; ArgmaxOp's names keepDims, so the two stay apart.
        #expect(r[0].shape == [2, 1] && r[1].shape == [2])
        let plain = try function(inputs: [m], outputs: [kept, dropped], options: .none)
        let p = try plain(Feed.f64([1, 5, 3, 4, 2, 6], [2, 3]))
        #expect(p[0].shape == [2, 1] && p[1].shape == [2])
    }

    @Test func outputsThatAreDuplicatesShareOneStep() throws {
        let f = try function(inputs: [x], outputs: [x.sum(), x.sum()])
        #expect(f.steps == ["sum{axes=[0, 1]}"])
        let r = try f(Feed.f64([1, 2, 3, 4], [2, 2]))
        #expect(r[0].scalarValue == 10 && r[1].scalarValue == 10)
    }
}
