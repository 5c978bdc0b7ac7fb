import Testing
import LaminaTensor
import LaminaGraph

/// `GraphPrinter.dot`: a well-formed Graphviz digraph with one node statement
/// per graph node and one edge per operand.
@Suite struct PrintingDotTests {
    /// The statements of a DOT digraph, checked for the structure Graphviz needs.
    struct ParsedDot {
        var name = ""
        var nodes: [String: String] = [:]          // id → attribute text
        var edges: [(from: String, to: String, attributes: String)] = []
        var problems: [String] = []
    }

    /// A small DOT reader: quoted strings may hold `\"` escapes (and braces,
    /// which are text there); outside them, braces and brackets must balance,
    /// and every statement is a graph attribute, a node or an edge.
    static func parse(_ text: String) -> ParsedDot {
        var result = ParsedDot()
        // Replace each quoted string by "S" so structure can be checked outside strings.
        var skeleton = ""
        var inString = false, escaped = false
        for ch in text {
            if inString {
                if escaped { escaped = false } else if ch == "\\" { escaped = true } else if ch == "\"" { inString = false; skeleton.append("S\"") }
                if ch == "\n" { result.problems.append("newline inside a quoted string") }
                continue
            }
            if ch == "\"" { inString = true; skeleton.append("\""); continue }
            skeleton.append(ch)
        }
        if inString { result.problems.append("unterminated quoted string") }
        var depth = 0, bracket = 0
        for ch in skeleton {
            switch ch {
            case "{": depth += 1
            case "}": depth -= 1; if depth < 0 { result.problems.append("unbalanced }") }
            case "[": bracket += 1
            case "]": bracket -= 1; if bracket < 0 { result.problems.append("unbalanced ]") }
            default: break
            }
        }
        if depth != 0 || bracket != 0 { result.problems.append("unbalanced braces (\(depth)) or brackets (\(bracket))") }

        let lines = skeleton.split(separator: "\n").map { $0.trimmingPrefix(while: { $0 == " " }) }.map(String.init)
        guard let first = lines.first, let last = lines.last else {
            result.problems.append("empty")
            return result
        }
        let header = try! Regex("^digraph ([A-Za-z_][A-Za-z_0-9]*) \\{$")
        if let m = first.wholeMatch(of: header) { result.name = String(m.output[1].substring!) } else { result.problems.append("bad header \(first)") }
        if last != "}" { result.problems.append("bad last line \(last)") }
        let node = try! Regex("^(n[0-9]+) \\[(.*)\\];$")
        let edge = try! Regex("^(n[0-9]+) -> (n[0-9]+)( \\[(.*)\\])?;$")
        let attribute = try! Regex("^([a-z]+=[A-Za-z]+|node \\[.*\\]);$")
        for line in lines.dropFirst().dropLast() {
            if let m = line.wholeMatch(of: edge) {
                result.edges.append((String(m.output[1].substring!), String(m.output[2].substring!), String(m.output[3].substring ?? "")))
            } else if let m = line.wholeMatch(of: node) {
                let id = String(m.output[1].substring!)
                if result.nodes[id] != nil { result.problems.append("node \(id) declared twice") }
                result.nodes[id] = String(m.output[2].substring!)
            } else if line.wholeMatch(of: attribute) == nil {
                result.problems.append("unexpected statement: \(line)")
            }
        }
        for e in result.edges where result.nodes[e.from] == nil || result.nodes[e.to] == nil {
            result.problems.append("edge \(e.from) -> \(e.to) has an undeclared endpoint")
        }
        return result
    }

    @Test func oneNodePerGraphNodeAndOneEdgePerOperand() throws {
        let x = Expr.input("x", shape: [nil, 2])
        let w = Shared(NDArray(zeros: [2, 3]), name: "W")
        let b = Shared(NDArray(zeros: [3]), name: "b")
        let h = try (x.dot(w) + b).tanh().named("hidden")
        let sq = try h * h                 // the same operand twice: two edges
        let loss = try (sq.sum(axes: [1]) * 0.5).mean()
        let graph = GraphTraversal.topologicalOrder([loss])
        let text = GraphPrinter.dot([loss])
        let parsed = Self.parse(text)
        #expect(parsed.problems.isEmpty, "\(parsed.problems)\n\(text)")
        #expect(parsed.name == "lamina")
        #expect(parsed.nodes.count == graph.count)
        #expect(Set(parsed.nodes.keys) == Set(graph.map { "n\($0.id)" }))
        #expect(parsed.edges.count == graph.reduce(0) { $0 + $1.inputs.count })
        // Edges run operand → user, labelled by position when there are several operands.
        let hEdges = parsed.edges.filter { $0.from == "n\(h.id)" && $0.to == "n\(sq.id)" }
        #expect(hEdges.count == 2)
        #expect(text.contains("n\(h.id) -> n\(sq.id) [label=\"0\"];"))
        #expect(text.contains("n\(h.id) -> n\(sq.id) [label=\"1\"];"))
        for node in graph {
            for input in node.inputs {
                #expect(parsed.edges.contains { $0.from == "n\(input.id)" && $0.to == "n\(node.id)" })
            }
        }
        // Shapes by kind.
        #expect(text.contains("n\(x.id) [label=\"x\\nfloat32(?, 2)\", shape=ellipse"))
        #expect(text.contains("n\(w.id) [label=\"W\\nfloat32(2, 3)\", shape=box, style=filled"))
        #expect(text.contains("n\(h.id) [label=\"tanh \\\"hidden\\\"\\nfloat32(?, 3)\", shape=box, style=rounded];"))
        #expect(text.contains("shape=plaintext")) // the constant 0.5
    }

    @Test func aCustomGraphName() throws {
        let x = Expr.input("x", shape: [1])
        let parsed = Self.parse(GraphPrinter.dot([try x.exp()], graphName: "g2"))
        #expect(parsed.problems.isEmpty, "\(parsed.problems)")
        #expect(parsed.name == "g2")
        #expect(parsed.nodes.count == 2 && parsed.edges.count == 1)
    }

    @Test func quotesAndBackslashesInNamesStayInsideTheLabel() throws {
        let x = Expr.input("x\\", shape: [2])
        let y = try x.exp().named("say \"hi\" \\")
        let text = GraphPrinter.dot([y])
        let parsed = Self.parse(text)
        #expect(parsed.problems.isEmpty, "\(parsed.problems)\n\(text)")
        #expect(parsed.nodes.count == 2 && parsed.edges.count == 1, "\(text)")
    }

    @Test func severalRootsShareNodes() throws {
        let x = Expr.input("x", dtype: .float64, shape: [nil])
        let e = try x.exp()
        let a = try e + 1, b = try e * 2
        let parsed = Self.parse(GraphPrinter.dot([a, b]))
        #expect(parsed.problems.isEmpty, "\(parsed.problems)")
        // x, e, the constants 1 and 2, a, b
        #expect(parsed.nodes.count == 6)
        #expect(parsed.edges.count == 5)
    }
}
