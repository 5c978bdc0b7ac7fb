import Testing
import LaminaTensor
import LaminaGraph

/// `givens`: substitutions made before compiling (Theano's `givens=`).
@Suite struct FunctionGivensTests {
    let x = Expr.input("x", dtype: .float64, shape: [nil])

    @Test func anInputReplacedByAnExpressionOfAnotherInput() throws {
        let z = Expr.input("z", dtype: .float64, shape: [nil])
        let y = try x * 2 + 1
        let f = try function(inputs: [z], outputs: [y], givens: [(x, z.square())])
        // x = z² = [1, 4, 9]; y = 2x + 1
        #expect(try f(Feed.f64([1, 2, 3]))[0].doubles == [3, 9, 19])
        #expect(f.inputs == [z])
    }

    @Test func anInputReplacedByASharedVariableReadsItsCurrentValue() throws {
        let batch = Expr.input("batch", dtype: .float64, shape: [nil, 2])
        let data = Shared(Feed.f64([1, 2, 3, 4], [2, 2]), name: "data", shape: [nil, 2])
        let rowSums = try batch.sum(axes: [1])
        let f = try function(inputs: [], outputs: [rowSums], givens: [(batch, data)])
        #expect(try f()[0].doubles == [3, 7])
        try data.setValue(Feed.f64([10, 20], [1, 2]))
        #expect(try f()[0].doubles == [30])
    }

    @Test func aSharedVariableReplacedByAnInput() throws {
        let m = Expr.input("m", dtype: .float64, shape: [2, 2])
        let weights = Shared(Feed.f64([1, 0, 0, 1], [2, 2]), name: "weights")
        let a = Expr.input("a", dtype: .float64, shape: [nil, 2])
        let product = try a.dot(weights)
        let f = try function(inputs: [a, m], outputs: [product], givens: [(weights, m)])
        // [[1, 2]]·[[0, 1], [1, 0]] = [[2, 1]]
        #expect(try f(Feed.f64([1, 2], [1, 2]), Feed.f64([0, 1, 1, 0], [2, 2]))[0].doubles == [2, 1])
        // Without givens the shared value (the identity) is used.
        let g = try function(inputs: [a], outputs: [product])
        #expect(try g(Feed.f64([1, 2], [1, 2]))[0].doubles == [1, 2])
    }

    @Test func givensAlsoApplyToUpdates() throws {
        let total = Shared(NDArray(scalar: 0.0), name: "total")
        let z = Expr.input("z", dtype: .float64, shape: [nil])
        let f = try function(inputs: [z], outputs: [], updates: [(total, total + x.sum())],
                             givens: [(x, z * 10)])
        _ = try f(Feed.f64([1, 2]))
        #expect(total.value.scalarValue == 30)
    }

    @Test func givensDoNotChangeTheOriginalGraph() throws {
        let z = Expr.input("z", dtype: .float64, shape: [nil])
        let y = try x + 1
        _ = try function(inputs: [z], outputs: [y], givens: [(x, z)])
        #expect(y.inputs[0] === x)
        #expect(try function(inputs: [x], outputs: [y])(Feed.f64([1]))[0].doubles == [2])
    }
}
