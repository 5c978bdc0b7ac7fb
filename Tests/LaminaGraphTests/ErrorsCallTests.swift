import Testing
import LaminaTensor
import LaminaGraph

/// Calling a compiled function badly throws (and never crashes): argument
/// count, dtype and shape; kernel errors at run time; Theano's broadcasting rule.
@Suite struct ErrorsCallTests {
    let x = Expr.input("x", shape: [nil, 3])
    let y = Expr.input("y", shape: [nil, 3])

    func sumFunction() throws -> Function { try function(inputs: [x, y], outputs: [x + y]) }

    @Test func wrongNumberOfArguments() throws {
        let f = try sumFunction()
        let e = try #require(#expect(throws: GraphError.self) { try f(Feed.f32([1, 2, 3], [1, 3])) })
        #expect(e == .function("expected 2 argument(s) (x, y), got 1"))
        #expect(throws: GraphError.self) { try f.call([]) }
        let a = Feed.f32([1, 2, 3], [1, 3])
        #expect(throws: GraphError.self) { try f(a, a, a) }
    }

    @Test func wrongDtype() throws {
        let f = try sumFunction()
        let e = try #require(#expect(throws: GraphError.self) {
            try f(Feed.f32([1, 2, 3], [1, 3]), Feed.f64([1, 2, 3], [1, 3]))
        })
        #expect(e.description == "function: argument y must be float32(?, 3), got float64 array of shape (1, 3)")
    }

    @Test func wrongKnownSizeOrRank() throws {
        let f = try sumFunction()
        let good = Feed.f32([1, 2, 3], [1, 3])
        let e = try #require(#expect(throws: GraphError.self) { try f(Feed.f32([1, 2, 3, 4], [1, 4]), good) })
        #expect(e.description == "function: argument x must be float32(?, 3), got float32 array of shape (1, 4)")
        let r = try #require(#expect(throws: GraphError.self) { try f(good, Feed.f32([1, 2, 3])) })
        #expect(r.description.contains("argument y"), "\(r)")
        // The unknown axis takes any size, as long as x and y agree.
        #expect(try f(Feed.f32([1, 2, 3, 4, 5, 6], [2, 3]), Feed.f32([1, 1, 1, 1, 1, 1], [2, 3]))[0].doubles == [2, 3, 4, 5, 6, 7])
    }

    @Test func missingArgumentByPlaceholder() throws {
        let f = try sumFunction()
        let e = try #require(#expect(throws: GraphError.self) { try f.call([x: Feed.f32([1, 2, 3], [1, 3])]) })
        #expect(e == .function("missing argument(s) y"))
    }

    @Test func takeIndexOutOfRangeIsARuntimeError() throws {
        let table = Expr.input("table", dtype: .float64, shape: [3, 2])
        let idx = Expr.input("idx", dtype: .int32, shape: [nil])
        let f = try function(inputs: [table, idx], outputs: [table.take(idx)])
        let t = Feed.f64([1, 2, 3, 4, 5, 6], [3, 2])
        let e = try #require(#expect(throws: GraphError.self) { try f(t, Feed.i32([0, 3])) })
        guard case .runtime(let op, let detail) = e else {
            Issue.record("expected a runtime error, got \(e)")
            return
        }
        #expect(op == "take")
        #expect(detail == "index 3 is out of range for an axis of size 3", "\(detail)")
        #expect(throws: GraphError.self) { try f(t, Feed.i32([-4])) }
        // Negative indices count from the end; the function still works after an error.
        #expect(try f(t, Feed.i32([-1, 0]))[0].doubles == [5, 6, 1, 2])
    }

    @Test func anUnknownAxisOfSizeOneDoesNotBroadcast() throws {
        // Theano's rule: x (?, 3) with 1 row at run time while y has 4 rows is an
        // error, not a broadcast (only axes declared with size 1 broadcast).
        let f = try sumFunction()
        let e = try #require(#expect(throws: GraphError.self) {
            try f(Feed.f32([1, 2, 3], [1, 3]), Feed.f32([Float](repeating: 0, count: 12), [4, 3]))
        })
        guard case .runtime(let op, let detail) = e else {
            Issue.record("expected a runtime error, got \(e)")
            return
        }
        #expect(op.hasPrefix("add") || op.hasPrefix("fused"), "\(op)")
        #expect(detail.contains("only axes declared with size 1 broadcast"), "\(detail)")
        // The same with every rewrite off.
        let g = try function(inputs: [x, y], outputs: [x + y], options: .none)
        #expect(throws: GraphError.self) {
            try g(Feed.f32([1, 2, 3], [1, 3]), Feed.f32([Float](repeating: 0, count: 12), [4, 3]))
        }
        // Declared size 1 broadcasts.
        let row = Expr.input("row", shape: [1, 3])
        let h = try function(inputs: [row, y], outputs: [row + y])
        #expect(try h(Feed.f32([1, 2, 3], [1, 3]), Feed.f32([Float](repeating: 1, count: 6), [2, 3]))[0].doubles
                == [2, 3, 4, 2, 3, 4])
    }

    @Test func unknownSizesThatDifferAtRunTime() throws {
        let f = try sumFunction()
        #expect(throws: GraphError.self) {
            try f(Feed.f32([Float](repeating: 0, count: 6), [2, 3]), Feed.f32([Float](repeating: 0, count: 9), [3, 3]))
        }
    }

    @Test func dotWithInnerSizesDifferingAtRunTime() throws {
        let a = Expr.input("a", dtype: .float64, shape: [2, nil])
        let b = Expr.input("b", dtype: .float64, shape: [nil, 2])
        let f = try function(inputs: [a, b], outputs: [a.dot(b)])
        let e = try #require(#expect(throws: GraphError.self) {
            try f(Feed.f64([1, 2, 3, 4, 5, 6], [2, 3]), Feed.f64([1, 2, 3, 4], [2, 2]))
        })
        guard case .runtime = e else {
            Issue.record("expected a runtime error, got \(e)")
            return
        }
    }

    @Test func reshapeToAWrongCountAtRunTime() throws {
        let a = Expr.input("a", dtype: .float64, shape: [nil])
        let f = try function(inputs: [a], outputs: [a.reshape([2, -1])])
        #expect(try f(Feed.f64([1, 2, 3, 4]))[0].shape == [2, 2])
        let e = try #require(#expect(throws: GraphError.self) { try f(Feed.f64([1, 2, 3])) })
        guard case .runtime(let op, _) = e else {
            Issue.record("expected a runtime error, got \(e)")
            return
        }
        #expect(op == "reshape")
    }
}

/// Calling by placeholder refuses a key that is not an input of the function.
@Suite struct ErrorsCallByNameTests {
    @Test func unknownPlaceholderIsRefused() throws {
        let x = Expr.input("x", shape: [2]), stray = Expr.input("stray", shape: [2])
        let f = try function(inputs: [x], outputs: [try x * 2])
        let value = NDArray([1, 2] as [Float])
        #expect(try f.call([x: value])[0].doubles == [2, 4])
        do {
            _ = try f.call([x: value, stray: value])
            Issue.record("an unknown placeholder was accepted")
        } catch let error as GraphError {
            #expect("\(error)".contains("stray is not an input of this function (its inputs: x)"), "\(error)")
        }
    }
}
