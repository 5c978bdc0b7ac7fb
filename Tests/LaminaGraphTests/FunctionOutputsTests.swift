import Testing
import LaminaTensor
import LaminaGraph

/// What a compiled function returns: each output, outputs sharing work,
/// the two calling forms, and `Expr.eval`.
@Suite struct FunctionOutputsTests {
    let x = Expr.input("x", dtype: .float64, shape: [nil])
    let y = Expr.input("y", dtype: .float64, shape: [nil])

    @Test func returnsEveryOutputInOrder() throws {
        let f = try function(inputs: [x, y], outputs: [x + y, x * y, (x - y) / y])
        let r = try f(Feed.f64([1, 2, 3]), Feed.f64([4, 5, 6]))
        #expect(r.count == 3)
        #expect(r[0].shape == [3] && r[0].dtype == .float64)
        #expect(r[0].doubles == [5, 7, 9])
        #expect(r[1].doubles == [4, 10, 18])
        #expect(r[2].doubles == [-0.75, -0.6, -0.5]) // (1-4)/4, (2-5)/5, (3-6)/6
    }

    @Test func outputsSharingASubgraphComputeItOnce() throws {
        let s = try x * y + 1
        let f = try function(inputs: [x, y], outputs: [s, s * 2, s.sum(), s.square()])
        let r = try f(Feed.f64([1, 2, 3]), Feed.f64([4, 5, 6]))
        #expect(r[0].doubles == [5, 11, 19])
        #expect(r[1].doubles == [10, 22, 38])
        #expect(r[2].shape == [] && r[2].scalarValue == 35)
        #expect(r[3].doubles == [25, 121, 361])
        // s once, in one pass with its elementwise consumers (s · 2 and s²), then the sum.
        #expect(f.steps == ["fused3{multiply,add,multiply,square}", "sum{axes=[0]}"], "\(f.steps)")
        var singleOutputOnly = CompileOptions()
        singleOutputOnly.fuseMultipleOutputs = false
        // Without merging: s (x·y + 1 fused), then one step per consumer.
        let g = try function(inputs: [x, y], outputs: [s, s * 2, s.sum(), s.square()], options: singleOutputOnly)
        #expect(g.steps.count == 4, "\(g.steps)")
        #expect(g.steps.filter { $0.hasPrefix("fused") } == ["fused{multiply,add}"], "\(g.steps)")
    }

    @Test func theSameOutputTwiceGivesTwoIndependentArrays() throws {
        let s = try x.exp()
        let f = try function(inputs: [x], outputs: [s, s])
        var r = try f(Feed.f64([0, 1]))
        #expect(r[0].doubles == [1, 2.718281828459045])
        #expect(r[1].doubles == r[0].doubles)
        r[0].withUnsafeMutableBufferPointer(as: Double.self) { $0[0] = 42 }
        #expect(r[1].doubles == [1, 2.718281828459045])
    }

    @Test func outputsMayBeInputsSharedVariablesAndConstants() throws {
        let w = Shared(Feed.f64([7, 8]), name: "w")
        let c = Expr.constant(Feed.f64([1, 2, 3]))
        let f = try function(inputs: [x], outputs: [x, w, c])
        let r = try f(Feed.f64([4, 5]))
        #expect(r[0].doubles == [4, 5])
        #expect(r[1].doubles == [7, 8])
        #expect(r[2].doubles == [1, 2, 3])
        #expect(f.steps.isEmpty)
    }

    @Test func callingByPositionAndByPlaceholderAgree() throws {
        let f = try function(inputs: [x, y], outputs: [x - y])
        let a = Feed.f64([10, 20]), b = Feed.f64([1, 2])
        let byVariadic = try f(a, b)[0].doubles
        let byArray = try f.call([a, b])[0].doubles
        let byDictionary = try f.call([y: b, x: a])[0].doubles
        #expect(byVariadic == [9, 18])
        #expect(byArray == [9, 18])
        #expect(byDictionary == [9, 18])
        // Position follows `inputs`, not the graph: swapping the list swaps the roles.
        let g = try function(inputs: [y, x], outputs: [x - y])
        #expect(try g(a, b)[0].doubles == [-9, -18])
    }

    @Test func resultsAreCopiesUnaffectedByLaterCalls() throws {
        let f = try function(inputs: [x], outputs: [x * 3])
        let first = try f(Feed.f64([1, 2, 3]))[0]
        let second = try f(Feed.f64([5, 6, 7]))[0]
        #expect(first.doubles == [3, 6, 9])
        #expect(second.doubles == [15, 18, 21])
    }

    @Test func inputsTheOutputsDoNotNeedAreStillArguments() throws {
        let f = try function(inputs: [x, y], outputs: [x + 1])
        #expect(try f(Feed.f64([1]), Feed.f64([100, 200]))[0].doubles == [2])
    }

    @Test func evalFeedsPlaceholders() throws {
        let e = try (x * y).sum() + 0.5
        let v = try e.eval([x: Feed.f64([1, 2]), y: Feed.f64([3, 4])])
        #expect(v.shape == [] && v.scalarValue == 11.5) // 1·3 + 2·4 + 0.5
    }

    @Test func evalOfConstantsAndSharedNeedsNoFeeds() throws {
        let c = try Expr.constant(Feed.f32([1, 2], [2])) * 3
        #expect(try c.eval().doubles == [3, 6])
        let w = Shared(Feed.f64([1, -2], [2]), name: "w")
        let e = try w.abs().sum()
        #expect(try e.eval().scalarValue == 3)
        try w.setValue(Feed.f64([5, 6]))
        #expect(try e.eval().scalarValue == 11)
    }

    @Test func evalIgnoresUnneededFeeds() throws {
        let v = try (x + 1).eval([x: Feed.f64([1]), y: Feed.f64([9, 9])])
        #expect(v.doubles == [2])
    }
}
