import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// Forward values of reshape, flatten, dimshuffle, transposes, concatenate and stack.
@Suite struct OpValueTestsShape {
    // Expected values computed with numpy 2.4 on X = np.arange(12.).reshape(2,3,2):
    //   X.transpose(2,0,1), X.T, X.transpose(1,2,0), np.concatenate, np.stack (then .ravel().tolist()).
    static let range12: [Double] = (0..<12).map(Double.init)
    static let x = Expr.input("X", dtype: .float64, shape: [2, 3, 2])
    static var feeds: [(Expr, NDArray)] { [(x, f64(range12, [2, 3, 2]))] }

    @Test func reshape() throws {
        let x = Self.x
        try expectValues(x.reshape([3, .infer]), Self.feeds, Self.range12, shape: [3, 4])
        try expectValues(x.reshape([.copy(0), .infer]), Self.feeds, Self.range12, shape: [2, 6])
        try expectValues(x.reshape([.infer]), Self.feeds, Self.range12, shape: [12])
        try expectValues(x.reshape([1, 12, 1]), Self.feeds, Self.range12, shape: [1, 12, 1])
        #expect(try x.reshape([.copy(2), .infer]).shape == [2, 6])
    }

    /// Unknown sizes are resolved at run time.
    @Test func reshapeUnknownSizes() throws {
        let u = Expr.input("u", dtype: .float64, shape: [nil, 2])
        let r = try u.reshape([.infer, .copy(1), 1])
        #expect(r.shape == [nil, 2, 1])
        try expectValues(r, [(u, f64(Self.range12, [6, 2]))], Self.range12, shape: [6, 2, 1])
    }

    @Test func flatten() throws {
        try expectValues(Self.x.flatten(), Self.feeds, Self.range12, shape: [12])
        try expectValues(Self.x.flatten(ndim: 2), Self.feeds, Self.range12, shape: [2, 6])
        try expectValues(Self.x.flatten(ndim: 3), Self.feeds, Self.range12, shape: [2, 3, 2])
    }

    @Test func dimshuffle() throws {
        let x = Self.x
        try expectValues(x.dimshuffle([2, 0, 1]), Self.feeds, [0, 2, 4, 6, 8, 10, 1, 3, 5, 7, 9, 11], shape: [2, 2, 3])
        try expectValues(x.transposed(), Self.feeds, [0, 6, 2, 8, 4, 10, 1, 7, 3, 9, 5, 11], shape: [2, 3, 2])
        try expectValues(x.transposed([1, 2, 0]), Self.feeds, [0, 6, 1, 7, 2, 8, 3, 9, 4, 10, 5, 11], shape: [3, 2, 2])
        try expectValues(x.dimshuffle([0, nil, 1, 2]), Self.feeds, Self.range12, shape: [2, 1, 3, 2])
        try expectValues(x.expandingAxis(at: -1), Self.feeds, Self.range12, shape: [2, 3, 2, 1])
    }

    /// Dropping a size-1 axis, alone (a view) and with a permutation and an insertion (a copy).
    @Test func dimshuffleDrop() throws {
        // Z = np.array([[[1.,2,3]],[[4,5,6]]]); Z[:,0,:] and Z[:,0,:].T[None]
        let z = Expr.input("Z", dtype: .float64, shape: [2, 1, 3])
        let feeds = [(z, f64([1, 2, 3, 4, 5, 6], [2, 1, 3]))]
        try expectValues(z.dimshuffle([0, 2]), feeds, [1, 2, 3, 4, 5, 6], shape: [2, 3])
        try expectValues(z.dimshuffle([nil, 2, 0]), feeds, [1, 4, 2, 5, 3, 6], shape: [1, 3, 2])
    }

    @Test func concatenate() throws {
        let a = Expr.constant(f64([1, 2], [1, 2])), b = Expr.input("b", dtype: .float64, shape: [2, 2])
        let feeds = [(b, f64([3, 4, 5, 6], [2, 2]))]
        try expectValues(Expr.concatenate([a, b], axis: 0), feeds, [1, 2, 3, 4, 5, 6], shape: [3, 2])
        try expectValues(Expr.concatenate([b, b * 10], axis: -1), feeds, [3, 4, 30, 40, 5, 6, 50, 60], shape: [2, 4])
    }

    @Test func stack() throws {
        let p = Expr.input("p", dtype: .float64, shape: [2, 3])
        let feeds = [(p, f64([1, 2, 3, 4, 5, 6], [2, 3]))]
        let q = try p + 10
        try expectValues(Expr.stack([p, q]), feeds, [1, 2, 3, 4, 5, 6, 11, 12, 13, 14, 15, 16], shape: [2, 2, 3])
        try expectValues(Expr.stack([p, q], axis: 1), feeds, [1, 2, 3, 11, 12, 13, 4, 5, 6, 14, 15, 16], shape: [2, 2, 3])
        try expectValues(Expr.stack([p, q], axis: -1), feeds, [1, 11, 2, 12, 3, 13, 4, 14, 5, 15, 6, 16], shape: [2, 3, 2])
    }

    /// Integer and bool arrays are reshaped and joined without conversion.
    @Test func nonFloatDTypes() throws {
        let i = Expr.input("i", dtype: .int32, shape: [2, 2])
        let feeds = [(i, i32([1, -2, 3, 4], [2, 2]))]
        try expectValues(i.transposed(), feeds, [1, 3, -2, 4], shape: [2, 2], dtype: .int32)
        try expectValues(Expr.concatenate([i, i], axis: 0).flatten(), feeds, [1, -2, 3, 4, 1, -2, 3, 4], shape: [8], dtype: .int32)
        let m = try i.isGreater(than: i.literal(0))
        try expectValues(m.reshape([4]), feeds, [1, 0, 1, 1], shape: [4], dtype: .bool)
    }
}
