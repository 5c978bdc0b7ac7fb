import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// Buffer reuse: dead intermediates' buffers are handed on, and ops that may
/// write over a dying operand do so.
@Suite struct CompileBufferReuseTests {
    /// x → (·W, softmax) six times: twelve steps, none of them fusable.
    static func chain(_ x: Expr, _ w: Shared) throws -> Expr {
        var h = x
        for _ in 0..<6 { h = try h.dot(w).softmax() }
        return h
    }

    @Test func aLongChainUsesFewerBuffersWithReuse() throws {
        let x = Expr.input("x", dtype: .float64, shape: [nil, 3])
        let w = Shared(Feed.f64([0.5, -1, 2, 1, 0, -0.5, -2, 1.5, 0.25], [3, 3]), name: "W")
        let h = try Self.chain(x, w)
        var reuse = CompileOptions.default
        reuse.fuseElementwise = false
        var noReuse = reuse
        noReuse.reuseBuffers = false
        let f = try function(inputs: [x], outputs: [h], options: reuse)
        let g = try function(inputs: [x], outputs: [h], options: noReuse)
        #expect(f.steps.count == 12)
        #expect(g.steps == f.steps)
        // Without reuse each step has its own buffer. With reuse, softmax
        // overwrites the dot it reads, and each dot takes the buffer freed two steps before.
        #expect(g.bufferCount == 12)
        #expect(f.bufferCount == 2)
        #expect(f.bufferCount < g.bufferCount)

        for n in [3, 1, 5] {
            let input = Feed.f64((0..<(n * 3)).map { Double($0 % 7) - 3 }, [n, 3])
            let a = try f(input)[0], b = try g(input)[0]
            #expect(a.shape == [n, 3])
            #expect(a.doubles == b.doubles)
            // Each row is a probability distribution.
            for r in 0..<n {
                expectClose([(0..<3).map { a[r, $0] }.reduce(0, +)], [1], absolute: 1e-12, relative: 1e-15)
            }
        }
    }

    @Test func anElementwiseOpWritesOverItsDyingOperand() throws {
        var options = CompileOptions.default
        options.fuseElementwise = false
        let x = Expr.input("x", dtype: .float64, shape: [nil])
        let y = try ((x * 2).exp() + 1).log()
        let f = try function(inputs: [x], outputs: [y], options: options)
        #expect(f.steps == ["multiply", "exp", "log1p"])
        #expect(f.bufferCount == 1)
        var none = options
        none.reuseBuffers = false
        let g = try function(inputs: [x], outputs: [y], options: none)
        #expect(g.bufferCount == 3)
        let input = Feed.f64([-1, 0, 0.5])
        // numpy: np.log1p(np.exp(2 * np.array([-1, 0, 0.5])))
        let expected = [0.1269280110429725, 0.6931471805599453, 1.3132616875182228]
        expectClose(try f(input)[0].doubles, expected, absolute: 1e-12, relative: 1e-15)
        #expect(try f(input)[0].doubles == g(input)[0].doubles)
    }

    @Test func aValueStillNeededLaterIsNotOverwritten() throws {
        var options = CompileOptions.default
        options.fuseElementwise = false
        let x = Expr.input("x", dtype: .float64, shape: [nil])
        let e = try x.exp()
        let y = try e.tanh() * e // e is read again after tanh
        let f = try function(inputs: [x], outputs: [y, e], options: options)
        let r = try f(Feed.f64([0, 1]))
        // numpy: np.tanh(np.exp([0, 1.])) * np.exp([0, 1.])
        expectClose(r[0].doubles, [0.7615941559557649, 2.6947113778467773], absolute: 1e-12, relative: 1e-15)
        #expect(r[1].doubles == [1, 2.718281828459045])
    }
}
