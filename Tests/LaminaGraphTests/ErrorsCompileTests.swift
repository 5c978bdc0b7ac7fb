import Testing
import LaminaTensor
import LaminaGraph

/// Graphs that cannot be compiled: problems are found by `function`, before any call.
@Suite struct ErrorsCompileTests {
    let x = Expr.input("x", dtype: .float64, shape: [nil])
    let w = Shared(Feed.f64([1, 2, 3]), name: "w")

    @Test func anUpdateOfTheWrongDtype() throws {
        let e = try #require(#expect(throws: GraphError.self) {
            try function(inputs: [], outputs: [], updates: [(w, try w.cast(to: .float32))])
        })
        #expect(e == .function("the update of w (float64(3,)) has type float32(3,)"))
    }

    @Test func anUpdateOfTheWrongShape() throws {
        let longer = try Expr.concatenate([w, w], axis: 0)
        let e = try #require(#expect(throws: GraphError.self) {
            try function(inputs: [], outputs: [], updates: [(w, longer)])
        })
        #expect(e == .function("the update of w (float64(3,)) has type float64(6,)"))
        let sum = try w.sum()
        #expect(throws: GraphError.self) { try function(inputs: [], outputs: [], updates: [(w, sum)]) }
    }

    @Test func twoUpdatesOfOneVariable() throws {
        let e = try #require(#expect(throws: GraphError.self) {
            try function(inputs: [], outputs: [], updates: [(w, try w + 1), (w, try w * 2)])
        })
        #expect(e == .function("shared variable w has two updates"))
    }

    @Test func anInputTheGraphNeedsIsMissing() throws {
        let y = Expr.input("y", dtype: .float64, shape: [nil])
        let e = try #require(#expect(throws: GraphError.self) { try function(inputs: [x], outputs: [x + y]) })
        #expect(e.description.contains("needs input y"), "\(e)")
        #expect(e.description.contains("float64(?,)"), "\(e)")
        // Also when only an update needs it.
        #expect(throws: GraphError.self) {
            try function(inputs: [x], outputs: [x], updates: [(w, try w + y.sum())])
        }
    }

    @Test func aNonInputListedAsInput() throws {
        let e = try #require(#expect(throws: GraphError.self) { try function(inputs: [x * 2], outputs: [x]) })
        #expect(e.description.contains("is not an input placeholder"), "\(e)")
        #expect(throws: GraphError.self) { try function(inputs: [w], outputs: [w]) }
    }

    @Test func anInputListedTwice() throws {
        let e = try #require(#expect(throws: GraphError.self) { try function(inputs: [x, x], outputs: [x]) })
        #expect(e == .function("an input is listed twice"))
    }

    @Test func aGivenOfADifferentType() throws {
        let z = Expr.input("z", shape: [nil])
        let e = try #require(#expect(throws: GraphError.self) {
            try function(inputs: [z], outputs: [x + 1], givens: [(x, z)])
        })
        #expect(e.description.hasPrefix("function: given x"), "\(e)")
        let m = Expr.input("m", dtype: .float64, shape: [nil, nil])
        #expect(throws: GraphError.self) { try function(inputs: [m], outputs: [x + 1], givens: [(x, m)]) }
    }
}
