import Testing
import LaminaTensor
import LaminaGraph

/// The causal mask op: NumPy's tril(ones((rows, columns)), k=offset), sized at run time.
@Suite struct TriangularMaskOpTests {
    @Test(arguments: [
        (0, [1, 0, 0, 0, 1, 1, 0, 0, 1, 1, 1, 0.0]),     // np.tril(np.ones((3, 4)), 0).ravel()
        (-1, [0, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0.0]),    // np.tril(np.ones((3, 4)), -1).ravel()
        (1, [1, 1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 1.0]),     // np.tril(np.ones((3, 4)), 1).ravel()
    ])
    func values(offset: Int, expected: [Double]) throws {
        let x = Expr.input("x", dtype: .float64, shape: [nil, nil, nil])
        let mask = try x.triangularMask(offset: offset)
        #expect(mask.shape == [nil, nil])
        let value = try mask.eval([x: NDArray([Double](repeating: 7, count: 24), shape: [2, 3, 4])])
        #expect(value.shape == [3, 4])
        #expect(value.doubles == expected)
    }

    @Test func hasNoGradientOfItsOwn() throws {
        // ∂/∂x Σ x·tril(x) = tril(1): the mask is a constant of x's shape.
        let x = Expr.input("x", dtype: .float64, shape: [2, 2])
        let g = try grad((x * x.triangularMask()).sum(), wrt: [x])[0]
        #expect(try g.eval([x: NDArray([3, 4, 5, 6.0], shape: [2, 2])]).doubles == [1, 0, 1, 1])
    }

    @Test func refusesAVector() throws {
        let x = Expr.input("x", dtype: .float64, shape: [3])
        #expect(throws: GraphError.self) { try x.triangularMask() }
    }
}
