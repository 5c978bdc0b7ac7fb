import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// Updates of shared variables: computed from the values before the call,
/// assigned together after the outputs, and never partly applied.
@Suite struct FunctionUpdatesTests {
    @Test func updatesAreSimultaneousSoAPairSwaps() throws {
        let a = Shared(Feed.f32([1, 2]), name: "a")
        let b = Shared(Feed.f32([3, 4]), name: "b")
        let swap = try function(inputs: [], outputs: [], updates: [(a, b), (b, a)])
        #expect(try swap().isEmpty)
        #expect(a.value.doubles == [3, 4])
        #expect(b.value.doubles == [1, 2])
        _ = try swap()
        #expect(a.value.doubles == [1, 2])
        #expect(b.value.doubles == [3, 4])
    }

    @Test func updatesReadTheValuesBeforeTheCall() throws {
        // a ← b + 1, b ← a · 10: both right-hand sides see the old a and b.
        let a = Shared(Feed.f64([1]), name: "a")
        let b = Shared(Feed.f64([2]), name: "b")
        let f = try function(inputs: [], outputs: [], updates: [(a, b + 1), (b, a * 10)])
        _ = try f()
        #expect(a.value.doubles == [3])
        #expect(b.value.doubles == [10])
        _ = try f()
        #expect(a.value.doubles == [11])
        #expect(b.value.doubles == [30])
    }

    @Test func anOutputOfTheUpdatedVariableIsItsValueBeforeTheUpdate() throws {
        let counter = Shared(NDArray(scalar: 0.0), name: "counter")
        let f = try function(inputs: [], outputs: [counter, counter * 10], updates: [(counter, counter + 1)])
        let first = try f()
        #expect(first[0].scalarValue == 0)
        #expect(first[1].scalarValue == 0)
        #expect(counter.value.scalarValue == 1)
        let second = try f()
        #expect(second[0].scalarValue == 1)
        #expect(second[1].scalarValue == 10)
        #expect(counter.value.scalarValue == 2)
        // The array returned by the first call is not the shared variable's storage.
        #expect(first[0].scalarValue == 0)
    }

    @Test func anExpressionThatIsBothOutputAndUpdate() throws {
        let a = Shared(Feed.f64([1, 2]), name: "a")
        let next = try a * 2
        let f = try function(inputs: [], outputs: [next], updates: [(a, next)])
        #expect(try f()[0].doubles == [2, 4])
        #expect(a.value.doubles == [2, 4])
        #expect(try f()[0].doubles == [4, 8])
        #expect(a.value.doubles == [4, 8])
    }

    @Test func updatesMayReadInputs() throws {
        let x = Expr.input("x", dtype: .float64, shape: [nil])
        let total = Shared(NDArray(scalar: 0.0), name: "total")
        let f = try function(inputs: [x], outputs: [total], updates: [(total, total + x.sum())])
        #expect(try f(Feed.f64([1, 2, 3]))[0].scalarValue == 0)
        #expect(total.value.scalarValue == 6)
        #expect(try f(Feed.f64([10]))[0].scalarValue == 6)
        #expect(total.value.scalarValue == 16)
    }

    @Test func aGradientStepUpdatesParameters() throws {
        // w ← w − 0.1·∂/∂w Σ (w·x − t)², with x = [1, 2], t = 3, w = [1, 1]:
        // residual 0 at w·x = 3, so the first step leaves w unchanged; then t = 5:
        // residual −2, gradient 2·(−2)·x = [−4, −8], w = [1.4, 1.8].
        let x = Expr.input("x", dtype: .float64, shape: [2])
        let t = Expr.input("t", dtype: .float64, shape: [])
        let w = Shared(Feed.f64([1, 1]), name: "w")
        let loss = try ((w * x).sum() - t).square()
        let g = try grad(loss, wrt: [w])[0]
        let step = try function(inputs: [x, t], outputs: [loss], updates: [(w, w - g * 0.1)])
        #expect(try step(Feed.f64([1, 2]), NDArray(scalar: 3.0))[0].scalarValue == 0)
        #expect(w.value.doubles == [1, 1])
        #expect(try step(Feed.f64([1, 2]), NDArray(scalar: 5.0))[0].scalarValue == 4)
        expectClose(w.value.doubles, [1.4, 1.8], absolute: 1e-15, relative: 1e-12)
    }

    @Test func sharedVariableWithAnUnknownAxisTakesNewShapes() throws {
        let s = Shared(Feed.f64([1, 2, 3], [1, 3]), name: "s", shape: [nil, 3])
        #expect(s.type == TensorType(.float64, [nil, 3]))
        let grow = try function(inputs: [], outputs: [s.sum(axes: [0])],
                                updates: [(s, Expr.concatenate([s, s * 2], axis: 0))])
        #expect(try grow()[0].doubles == [1, 2, 3])
        #expect(s.value.shape == [2, 3])
        #expect(s.value.doubles == [1, 2, 3, 2, 4, 6])
        #expect(try grow()[0].doubles == [3, 6, 9])
        #expect(s.value.shape == [4, 3])
        #expect(try grow()[0].doubles == [9, 18, 27])
        #expect(s.value.shape == [8, 3])

        try s.setValue(Feed.f64([1, 1, 1, 2, 2, 2], [2, 3]))
        #expect(try grow()[0].doubles == [3, 3, 3])
        #expect(throws: GraphError.self) { try s.setValue(Feed.f64([1, 2, 3, 4], [1, 4])) }
        #expect(throws: GraphError.self) { try s.setValue(Feed.f32([1, 2, 3], [1, 3])) }
        #expect(throws: GraphError.self) { try s.setValue(Feed.f64([1, 2, 3])) }
        #expect(s.value.shape == [4, 3])
    }

    @Test func aCallFailingAtRunTimeAppliesNoUpdate() throws {
        let table = Shared(Feed.f64([1, 2, 3, 4, 5, 6], [3, 2]), name: "table")
        let calls = Shared(NDArray(scalar: 0.0), name: "calls")
        let rows = Expr.input("rows", dtype: .int32, shape: [nil])
        let f = try function(inputs: [rows], outputs: [table.take(rows)],
                             updates: [(calls, calls + 1), (table, table * 2)])
        #expect(throws: GraphError.self) { try f(Feed.i32([0, 7])) }
        #expect(calls.value.scalarValue == 0)
        #expect(table.value.doubles == [1, 2, 3, 4, 5, 6])
        #expect(try f(Feed.i32([2, 0]))[0].doubles == [5, 6, 1, 2])
        #expect(calls.value.scalarValue == 1)
        #expect(table.value.doubles == [2, 4, 6, 8, 10, 12])
    }

    @Test func aCallWithBadArgumentsAppliesNoUpdate() throws {
        let x = Expr.input("x", dtype: .float64, shape: [nil])
        let total = Shared(NDArray(scalar: 0.0), name: "total")
        let f = try function(inputs: [x], outputs: [], updates: [(total, total + x.sum())])
        #expect(throws: GraphError.self) { try f(Feed.f32([1, 2])) }
        #expect(throws: GraphError.self) { try f() }
        #expect(total.value.scalarValue == 0)
    }

    @Test func anUpdateWhoseRunTimeShapeDoesNotFitAppliesNoUpdateAtAll() throws {
        // b has the fixed shape (2,); its new value comes from an input of
        // unknown length, so only the call can find that it does not fit. The
        // other update (listed first) must not be applied either.
        let x = Expr.input("x", dtype: .float64, shape: [nil])
        let a = Shared(Feed.f64([0, 0]), name: "a")
        let b = Shared(Feed.f64([0, 0]), name: "b")
        let f = try function(inputs: [x], outputs: [], updates: [(a, a + 1), (b, x)])
        let e = try #require(#expect(throws: GraphError.self) { try f(Feed.f64([1, 2, 3])) })
        #expect(e.description.contains("update of b"), "\(e)")
        #expect(a.value.doubles == [0, 0])
        #expect(b.value.doubles == [0, 0])
        _ = try f(Feed.f64([5, 6]))
        #expect(a.value.doubles == [1, 1])
        #expect(b.value.doubles == [5, 6])
    }
}
