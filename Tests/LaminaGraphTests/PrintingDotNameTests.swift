import Testing
import LaminaTensor
import LaminaGraph

/// Graph names that are not DOT identifiers are made into one.
@Suite struct PrintingDotNameTests {
    @Test(arguments: [("my graph-1", "my_graph_1"), ("2nd", "g_2nd"), ("", "g_"), ("ok_name", "ok_name")])
    func graphNameBecomesAnIdentifier(name: String, identifier: String) {
        let x = Expr.input("x", shape: [1])
        let text = GraphPrinter.dot([x], graphName: name)
        #expect(text.hasPrefix("digraph \(identifier) {\n"), "\(text)")
    }
}
