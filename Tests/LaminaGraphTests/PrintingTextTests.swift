import Testing
import LaminaTensor
import LaminaGraph

/// `GraphPrinter.text` and `Expr.graphDescription`: Theano-style debugprint.
@Suite struct PrintingTextTests {
    @Test func aSmallLayer() throws {
        let x = Expr.input("x", shape: [nil, 2])
        let w = Shared(NDArray(zeros: [2, 3]), name: "W")
        let b = Shared(NDArray(zeros: [3]), name: "b")
        let d = try x.dot(w)
        let a = try d + b
        let t = try a.tanh()
        let expected = """
            tanh [id \(t.id)] float32(?, 3)
             |add [id \(a.id)] float32(?, 3)
             | |dot [id \(d.id)] float32(?, 3)
             | | |x [id \(x.id)] float32(?, 2)
             | | |W [id \(w.id)] float32(2, 3)
             | |b [id \(b.id)] float32(3,)
            """
        #expect(GraphPrinter.text([t]) == expected)
        #expect(t.graphDescription == expected)
    }

    @Test func aNodeSeenBeforeIsPrintedAsAReference() throws {
        let x = Expr.input("x", dtype: .float64, shape: [nil])
        let y = Expr.input("y", dtype: .float64, shape: [nil])
        let s = try x * y
        let out = try s + s
        let expected = """
            add [id \(out.id)] float64(?,)
             |multiply [id \(s.id)] float64(?,)
             | |x [id \(x.id)] float64(?,)
             | |y [id \(y.id)] float64(?,)
             |multiply [id \(s.id)] float64(?,) ...
            """
        #expect(out.graphDescription == expected)
    }

    @Test func namesConstantsAndSeveralRoots() throws {
        let x = Expr.input("x", shape: [3])
        let two = Expr.scalar(2)
        let h = try (x * two).named("h")
        let total = try h.sum()
        let expected = """
            multiply "h" [id \(h.id)] float32(3,)
             |x [id \(x.id)] float32(3,)
             |2. [id \(two.id)] float32()
            sum{axes=[0]} [id \(total.id)] float32()
             |multiply "h" [id \(h.id)] float32(3,) ...
            """
        #expect(GraphPrinter.text([h, total]) == expected)
    }

    @Test func oneLinePerNodeVisit() throws {
        // A bigger graph: every node appears, each operand line is indented one level deeper.
        let x = Expr.input("x", dtype: .float64, shape: [nil, 4])
        let w = Shared(NDArray(zeros: [4, 4], dtype: .float64), name: "W")
        let h = try x.dot(w).softmax()
        let loss = try h.categoricalCrossEntropy(Expr.input("t", dtype: .int32, shape: [nil])).mean()
        let text = loss.graphDescription
        let lines = text.split(separator: "\n")
        let nodes = GraphTraversal.topologicalOrder([loss])
        for node in nodes {
            #expect(text.contains("[id \(node.id)]"), "node \(node) missing")
        }
        #expect(lines.count >= nodes.count)
        #expect(lines[0].hasPrefix("mean{axes=[0]} [id \(loss.id)] float64()"))
    }
}
