import Testing
import LaminaTensor
import LaminaGraph

/// `grad` refuses costs and variables it cannot differentiate, and handles
/// variables the cost does not depend on as asked.
@Suite struct ErrorsGradientTests {
    let x = Expr.input("x", dtype: .float64, shape: [3])
    let y = Expr.input("y", dtype: .float64, shape: [2, 2])

    @Test func aNonScalarCost() throws {
        let e = try #require(#expect(throws: GraphError.self) { try grad(x * 2, wrt: [x]) })
        #expect(e == .gradient("the cost must be a float scalar, not float64(3,)"))
    }

    @Test func anIntegerCost() throws {
        let n = Expr.input("n", dtype: .int32, shape: [3])
        #expect(throws: GraphError.self) { try grad(n.sum(), wrt: [x]) }
    }

    @Test func anIntegerVariable() throws {
        let n = Expr.input("n", dtype: .int32, shape: [3])
        let cost = try (n.cast(to: .float64) * x).sum()
        let e = try #require(#expect(throws: GraphError.self) { try grad(cost, wrt: [n]) })
        #expect(e.description.hasPrefix("grad: cannot differentiate with respect to n"), "\(e)")
    }

    @Test func aDisconnectedVariableThrowsByDefault() throws {
        let cost = try x.square().sum()
        let e = try #require(#expect(throws: GraphError.self) { try grad(cost, wrt: [x, y]) })
        #expect(e.description.contains("does not depend on y"), "\(e)")
        #expect(e.description.contains("float64(2, 2)"), "\(e)")
    }

    @Test func aDisconnectedVariableGivesZerosWhenAsked() throws {
        let cost = try x.square().sum()
        let g = try grad(cost, wrt: [x, y], disconnected: .zero)
        #expect(g[1].type == y.type)
        let f = try function(inputs: [x, y], outputs: g)
        let r = try f(Feed.f64([1, -2, 3]), Feed.f64([5, 6, 7, 8], [2, 2]))
        #expect(r[0].doubles == [2, -4, 6]) // ∂/∂x Σx² = 2x
        #expect(r[1].shape == [2, 2])
        #expect(r[1].doubles == [0, 0, 0, 0])
    }

    @Test func aCostThatIsTheVariableItself() throws {
        let s = Expr.input("s", dtype: .float64, shape: [])
        let g = try grad(s, wrt: [s])[0]
        #expect(try g.eval([s: NDArray(scalar: 4.0)]).scalarValue == 1)
    }
}
