import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// Gradients of take (gather): a scatter-add that accumulates repeated indices.
@Suite struct GradientTestsTake {
    @Test func axis0WithRepeatedIndices() throws {
        let indices = Expr.constant(i32([0, 2, 0, 0, 3], [5]))
        try checkGradient({ x in try probe(x[0].take(indices, axis: 0)) }, at: [uniform([4, 3], seed: 101)])
    }

    @Test func axis0WithMatrixOfIndices() throws {
        let indices = Expr.constant(i32([1, 1, 3, 0], [2, 2]))
        try checkGradient({ x in try probe(x[0].take(indices, axis: 0).tanh()) }, at: [uniform([4, 3], seed: 102)])
    }

    @Test func axis1AndNegativeAxis() throws {
        let indices = Expr.constant(i32([3, 3, 1], [3]))
        try checkGradient({ x in try probe(x[0].take(indices, axis: 1)) }, at: [uniform([2, 4], seed: 103)])
        try checkGradient({ x in try probe(x[0].take(indices, axis: -1)) }, at: [uniform([2, 2, 4], seed: 104)])
    }

    /// Negative indices address the same rows as their positive counterparts, and accumulate with them.
    @Test func negativeIndices() throws {
        let indices = Expr.constant(i32([-1, 3, 0, -4], [4]))
        try checkGradient({ x in try probe(x[0].take(indices)) }, at: [uniform([4, 2], seed: 107)])
    }

    /// Indices fed as an int32 input (an embedding lookup).
    @Test func indicesAsInput() throws {
        let tokens = Expr.input("tokens", dtype: .int32, shape: [4])
        let w = Expr.input("w", dtype: .float64, shape: [3, 2])
        let g = try grad(probe(w.take(tokens)), wrt: [w])[0]
        let r = try function(inputs: [w, tokens], outputs: [g])(uniform([3, 2], seed: 105), i32([2, 0, 2, 2], [4]))
        // probe weights for the (4, 2) result: 0.5, −0.8, 1.1, −1.4, 1.7, −2.0, 2.3, −2.6
        // row 0 ← result row 1; row 2 ← result rows 0, 2, 3.
        expectClose(r[0], [1.1, -1.4, 0, 0, 0.5 + 1.7 + 2.3, -0.8 - 2.0 - 2.6], shape: [3, 2], absolute: 1e-12, relative: 1e-12)
    }

    /// Hand-computed: ∂Σ take(W, [0, 2, 0, 0, 3])/∂W counts how often each row was taken.
    @Test func handComputedAccumulation() throws {
        let w = Expr.input("w", dtype: .float64, shape: [4, 3])
        let g = try grad(w.take(Expr.constant(i32([0, 2, 0, 0, 3], [5]))).sum(), wrt: [w])[0]
        let r = try function(inputs: [w], outputs: [g])(uniform([4, 3], seed: 106))
        expectClose(r[0], [3, 3, 3, 0, 0, 0, 1, 1, 1, 1, 1, 1], shape: [4, 3], absolute: 1e-12, relative: 1e-12)
    }
}
