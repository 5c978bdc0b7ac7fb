import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// Gradients of concatenate and stack.
@Suite struct GradientTestsJoin {
    @Test func concatenateAxis0() throws {
        try checkGradient({ x in try probe(Expr.concatenate([x[0], x[1], x[2]], axis: 0)) },
                          at: [uniform([1, 3], seed: 71), uniform([2, 3], seed: 72), uniform([3, 3], seed: 73)])
    }

    @Test func concatenateLastAxis() throws {
        try checkGradient({ x in try probe(Expr.concatenate([x[0], x[1]], axis: -1)) },
                          at: [uniform([2, 1], seed: 74), uniform([2, 3], seed: 75)])
    }

    @Test func concatenateSameOperandTwice() throws {
        try checkGradient({ x in try probe(Expr.concatenate([x[0], x[0].square()], axis: 1)) },
                          at: [uniform([2, 2], seed: 76)])
    }

    @Test func concatenateUnknownSizes() throws {
        try checkGradient({ x in try Expr.concatenate([x[0], x[1]], axis: 0).tanh().sum() },
                          at: [uniform([2, 3], seed: 77), uniform([1, 3], seed: 78)], shapes: [[nil, 3], [nil, nil]])
    }

    @Test(arguments: [0, 1, 2, -1])
    func stack(_ axis: Int) throws {
        try checkGradient({ x in try probe(Expr.stack([x[0], x[1], x[2]], axis: axis)) },
                          at: [uniform([2, 3], seed: 79), uniform([2, 3], seed: 80), uniform([2, 3], seed: 81)])
    }
}
