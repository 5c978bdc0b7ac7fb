import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// The unrolled loop gives the loop's values and gradients.
@Suite struct ScanUnrolledTests {
    @Test(arguments: [(false, ScanOutputOrder.iteration), (true, .iteration), (true, .sequence)])
    func valuesAndGradientsMatchTheLoop(backwards: Bool, order: ScanOutputOrder) throws {
        let T = 5, B = 2, D = 3, H = 4
        var rng = RandomGenerator(seed: 99)
        let xv = rng.normal(shape: [T, B, D], dtype: .float64), hv = rng.normal(shape: [B, H], dtype: .float64)
        let W = Shared(rng.normal(shape: [D, H], std: 0.5, dtype: .float64), name: "W")
        let U = Shared(rng.normal(shape: [H, H], std: 0.5, dtype: .float64), name: "U")
        let x = Expr.input("x", dtype: .float64, shape: [T, B, D]), h0 = Expr.input("h0", dtype: .float64, shape: [B, H])
        func body(_ xs: [Expr], _ hs: [Expr], _: [Expr]) throws -> (states: [Expr], outputs: [Expr]) {
            let h = try (xs[0].dot(W) + hs[0].dot(U)).tanh()
            return (states: [h], outputs: [try h.sum(axes: [1])])
        }
        let looped = try scan(sequences: [x], initialStates: [h0], goBackwards: backwards, outputOrder: order, body: body)
        let unrolled = try unrolledScan(sequences: [x], initialStates: [h0], goBackwards: backwards, outputOrder: order, body: body)
        // A cost that weighs each position differently, so a misordering would show.
        func cost(_ r: ScanResult) throws -> Expr {
            let w = Expr.constant(NDArray((1...T).map { Double($0) }, shape: [T, 1]))
            return try (r.outputs[0] * w).sum() + r.finalStates[0].sum()
        }
        let params: [Expr] = [W, U, x, h0]
        let a = try function(inputs: [x, h0], outputs: [looped.states[0], looped.outputs[0], looped.finalStates[0]] + grad(cost(looped), wrt: params))(xv, hv)
        let b = try function(inputs: [x, h0], outputs: [unrolled.states[0], unrolled.outputs[0], unrolled.finalStates[0]] + grad(cost(unrolled), wrt: params))(xv, hv)
        for k in a.indices {
            #expect(a[k].shape == b[k].shape)
            expectClose(a[k].doubles, b[k].doubles, absolute: 1e-12, relative: 1e-10, "result \(k)")
        }
    }

    @Test func unknownLengthIsRefused() throws {
        let x = Expr.input("x", shape: [nil, 2])
        #expect(throws: GraphError.self) {
            _ = try unrolledScan(sequences: [x], initialStates: []) { _, _, _ in (states: [], outputs: []) }
        }
    }
}
