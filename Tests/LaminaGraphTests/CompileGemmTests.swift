import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// The BLAS rewrites: dot + addend → one GEMM step; a transpose feeding dot → a flag.
@Suite struct CompileGemmTests {
    // x = [[0.5, -1, 2], [1.5, 0.25, -0.75]], W (3, 2), b (2,).
    // numpy: x @ W + b = [[-1.2, 0.6], [0.65, -0.75]]
    let x = Expr.input("x", dtype: .float64, shape: [nil, 3])
    let w = Shared(Feed.f64([0.1, -0.2, 0.3, 0.4, -0.5, 0.6], [3, 2]), name: "W")
    let b = Shared(Feed.f64([0.05, -0.1]), name: "b")
    let xValue = Feed.f64([0.5, -1, 2, 1.5, 0.25, -0.75], [2, 3])
    let expected = [-1.2, 0.6, 0.6500000000000001, -0.75]

    @Test func dotPlusBiasIsOneGemmStep() throws {
        let f = try function(inputs: [x], outputs: [x.dot(w) + b])
        #expect(f.steps == ["gemm{NN}"])
        expectClose(try f(xValue)[0].doubles, expected, absolute: 1e-12, relative: 1e-15)

        let plain = try function(inputs: [x], outputs: [x.dot(w) + b], options: .none)
        #expect(plain.steps == ["dot", "add"])
        expectClose(try plain(xValue)[0].doubles, expected, absolute: 1e-12, relative: 1e-15)
    }

    /// Every addend shape gives the sum the unfused graph gives, bit for bit: read in place by the
    /// kernel when it covers the whole result or is one row of it ([4, 20], [20], [1, 20]), else copied
    /// into the output first ([4, 1], [1, 1], [1]: broadcast along rows, see ``GemmAddendLayoutTests``).
    @Test(arguments: [[4, 20], [20], [1, 20], [4, 1], [1, 1], [1]])
    func everyAddendShapeGivesTheUnfusedSum(addendShape: [Int]) throws {
        let a = Expr.input("a", dtype: .float64, shape: [4, 3])
        let m = Shared(Feed.f64((0..<60).map { Double($0 % 7) - 3 }, [3, 20]), name: "M")
        let c = Expr.input("c", dtype: .float64, shape: addendShape.map { $0 })
        let count = addendShape.reduce(1, *)
        let aValue = Feed.f64((0..<12).map { Double($0) * 0.5 - 2 }, [4, 3])
        let cValue = Feed.f64((0..<count).map { Double($0) * 0.25 + 1 }, addendShape)
        let fused = try function(inputs: [a, c], outputs: [a.dot(m) + c])
        let plain = try function(inputs: [a, c], outputs: [a.dot(m) + c], options: .none)
        #expect(fused.steps == ["gemm{NN}"])
        #expect(try fused(aValue, cValue)[0].doubles == plain(aValue, cValue)[0].doubles)
    }

    @Test func biasOnTheLeftIsAlsoGemm() throws {
        let f = try function(inputs: [x], outputs: [b + x.dot(w)])
        #expect(f.steps == ["gemm{NN}"])
        expectClose(try f(xValue)[0].doubles, expected, absolute: 1e-12, relative: 1e-15)
    }

    @Test func gemmFollowedByActivation() throws {
        let f = try function(inputs: [x], outputs: [(x.dot(w) + b).tanh()])
        #expect(f.steps == ["gemm{NN}", "tanh"])
        // numpy: np.tanh(x @ W + b)
        expectClose(try f(xValue)[0].doubles,
                    [-0.8336546070121552, 0.5370495669980352, 0.5716699660851173, -0.6351489523872873], absolute: 1e-12, relative: 1e-14)
    }

    @Test func aDotWithAnotherUseStaysADot() throws {
        let d = try x.dot(w)
        let f = try function(inputs: [x], outputs: [d + b, d])
        #expect(f.steps == ["dot", "add"])
        let r = try f(xValue)
        expectClose(r[0].doubles, expected, absolute: 1e-12, relative: 1e-15)
        expectClose(r[1].doubles, [-1.25, 0.7, 0.6000000000000001, -0.65], absolute: 1e-12, relative: 1e-15) // numpy: x @ W
    }

    @Test func aTransposedLeftOperandBecomesTheTFlag() throws {
        // a (n, 3), c (n, 2): aᵀ·c is (3, 2).
        let a = Expr.input("a", dtype: .float64, shape: [nil, 3])
        let c = Expr.input("c", dtype: .float64, shape: [nil, 2])
        let product = try a.transposed().dot(c)
        let f = try function(inputs: [a, c], outputs: [product])
        #expect(f.steps == ["dot{TN}"])
        #expect(!f.steps.contains { $0.hasPrefix("dimshuffle") })
        let plain = try function(inputs: [a, c], outputs: [product], options: .none)
        #expect(plain.steps == ["dimshuffle{1,0}", "dot"])
        let aValue = Feed.f64([1, 2, 3, 4, 5, 6], [2, 3]), cValue = Feed.f64([1, -1, 2, 0.5], [2, 2])
        // numpy: a.T @ c
        let expectedProduct: [Double] = [9, 1, 12, 0.5, 15, 0]
        #expect(try f(aValue, cValue)[0].doubles == expectedProduct)
        #expect(try f(aValue, cValue)[0].shape == [3, 2])
        #expect(try plain(aValue, cValue)[0].doubles == expectedProduct)
    }

    @Test func aTransposedRightOperandBecomesTheTFlag() throws {
        let v = Expr.input("v", dtype: .float64, shape: [2, 3])
        let f = try function(inputs: [x, v], outputs: [x.dot(v.transposed())])
        #expect(f.steps == ["dot{NT}"])
        // numpy: x @ V.T with V = [[1, 0, -1], [2, 1, 0]]
        #expect(try f(xValue, Feed.f64([1, 0, -1, 2, 1, 0], [2, 3]))[0].doubles == [-1.5, 0, 2.25, 3.25])
    }

    @Test func transposeFoldingAndGemmTogether() throws {
        // (xᵀ)ᵀ·W + b: the double transpose becomes dot{TN} of a transposed
        // input, then gemm{TN} with the bias.
        let xt = Expr.input("xt", dtype: .float64, shape: [3, nil])
        let f = try function(inputs: [xt], outputs: [xt.transposed().dot(w) + b])
        #expect(f.steps == ["gemm{TN}"])
        let xtValue = Feed.f64([0.5, 1.5, -1, 0.25, 2, -0.75], [3, 2]) // xᵀ
        expectClose(try f(xtValue)[0].doubles, expected, absolute: 1e-12, relative: 1e-15)
    }

    @Test func anUnknownSizeAddendOfOneDoesNotBroadcastInGemmEither() throws {
        // Theano's rule holds after the rewrite: b is declared (?,), so at run
        // time a b of size 1 against 3 columns is an error, not a broadcast.
        let m = Expr.input("m", dtype: .float64, shape: [2, 3])
        let eye = Shared(Feed.f64([1, 0, 0, 0, 1, 0, 0, 0, 1], [3, 3]), name: "I")
        let bias = Expr.input("bias", dtype: .float64, shape: [nil])
        let mValue = Feed.f64([1, 2, 3, 4, 5, 6], [2, 3])
        for options in [CompileOptions.default, .none] {
            let f = try function(inputs: [m, bias], outputs: [m.dot(eye) + bias], options: options)
            let e = try #require(#expect(throws: GraphError.self) { try f(mValue, Feed.f64([10])) }, "\(f.steps)")
            #expect(e.description.contains("only axes declared with size 1 broadcast"), "\(e)")
            #expect(try f(mValue, Feed.f64([10, 20, 30]))[0].doubles == [11, 22, 33, 14, 25, 36])
        }
        #expect(try function(inputs: [m, bias], outputs: [m.dot(eye) + bias]).steps == ["gemm{NN}"])
    }

    @Test func gemmOffKeepsDotAndAdd() throws {
        var options = CompileOptions.default
        options.gemm = false
        let f = try function(inputs: [x], outputs: [x.dot(w) + b], options: options)
        #expect(f.steps == ["dot", "add"])
        expectClose(try f(xValue)[0].doubles, expected, absolute: 1e-12, relative: 1e-15)
    }
}
