import Foundation

/// Text and Graphviz renderings of expression graphs.
public enum GraphPrinter {
    /// An indented tree, one node per line, in the style of Theano's
    /// `debugprint`: `op [id N] type`, with operands indented under it. A node
    /// seen before is printed once more as a reference (`[id N] ...`) without its operands.
    ///
    /// ```
    /// tanh [id 5] float32(?, 3)
    ///  |add [id 4] float32(?, 3)
    ///  | |dot [id 3] float32(?, 3)
    ///  | | |x [id 1] float32(?, 2)
    ///  | | |W [id 2] float32(2, 3)
    ///  | |b [id 0] float32(3,)
    /// ```
    public static func text(_ roots: [Expr]) -> String {
        var lines: [String] = []
        var printed = Set<ObjectIdentifier>()
        func visit(_ e: Expr, _ prefix: String) {
            let label = "\(prefix)\(e.label) [id \(e.id)] \(e.type)"
            if printed.contains(ObjectIdentifier(e)) && !e.inputs.isEmpty {
                lines.append(label + " ...")
                return
            }
            printed.insert(ObjectIdentifier(e))
            lines.append(label)
            for input in e.inputs { visit(input, prefix.isEmpty ? " |" : prefix + " |") }
        }
        for root in roots { visit(root, "") }
        return lines.joined(separator: "\n")
    }

    /// The graph in Graphviz DOT: ellipses for inputs, boxes for shared
    /// variables, plain text for constants and records for ops; edges run
    /// from operands to the ops that use them, labelled with the operand position.
    public static func dot(_ roots: [Expr], graphName: String = "lamina") -> String {
        var lines = ["digraph \(dotIdentifier(graphName)) {", "  rankdir=BT;", "  node [fontname=\"Helvetica\"];"]
        for node in GraphTraversal.topologicalOrder(roots) {
            let shape: String
            switch node.kind {
            case .input: shape = "ellipse, style=filled, fillcolor=lightblue"
            case .shared: shape = "box, style=filled, fillcolor=lightyellow"
            case .constant: shape = "plaintext"
            case .apply: shape = "box, style=rounded"
            }
            // Backslashes first, then quotes; the \\n between the parts is a DOT line break.
            let escape = { (s: String) in s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") }
            let text = "\(escape(node.label))\\n\(escape(node.type.description))"
            lines.append("  n\(node.id) [label=\"\(text)\", shape=\(shape)];")
            for (k, input) in node.inputs.enumerated() {
                lines.append("  n\(input.id) -> n\(node.id)\(node.inputs.count > 1 ? " [label=\"\(k)\"]" : "");")
            }
        }
        lines.append("}")
        return lines.joined(separator: "\n")
    }
}

/// `name` as a DOT identifier: letters, digits and underscores, not starting with a digit.
func dotIdentifier(_ name: String) -> String {
    var id = String(name.map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "_" })
    if id.isEmpty || id.first!.isNumber { id = "g_" + id }
    return id
}

extension Expr {
    /// What a printed node shows: the name of an input or shared variable,
    /// the value of a small constant, or the op (with the node's name, if any).
    var label: String {
        switch kind {
        case .input, .shared: return name ?? "?"
        case .constant(let v): return v.count <= 4 ? "\(v)" : "constant"
        case .apply(let op, _): return name.map { "\(op.description) \"\($0)\"" } ?? op.description
        }
    }

    /// The graph below this expression as indented text (see ``GraphPrinter/text(_:)``).
    public var graphDescription: String { GraphPrinter.text([self]) }
}

extension Function {
    /// The compiled program as text: one line per step, `%out = op(%a, %b) :: type`,
    /// with the buffer each step writes.
    public var programDescription: String {
        var lines: [String] = []
        for (v, value) in plan.values.enumerated() {
            switch value.source {
            case .input(let k): lines.append("%\(v) = input \(k) \"\(value.expr.name ?? "?")\" :: \(value.expr.type)")
            case .shared(let s): lines.append("%\(v) = shared \"\(s.name ?? "?")\" :: \(value.expr.type)")
            case .constant: lines.append("%\(v) = \(value.expr.label) :: \(value.expr.type)")
            case .step(let i, _):
                let step = plan.steps[i]
                let where_ = step.op.isView ? "view" : "buffer \(value.buffer ?? -1)"
                lines.append("%\(v) = \(step.op.description)(\(step.operands.map { "%\($0)" }.joined(separator: ", "))) :: \(value.expr.type) [\(where_)]")
            }
        }
        lines.append("outputs: " + plan.outputValues.map { "%\($0)" }.joined(separator: ", "))
        if !plan.updateValues.isEmpty {
            lines.append("updates: " + plan.updateValues.map { "\($0.0.name ?? "?") <- %\($0.1)" }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }
}

extension Function {
    /// For each loop the function runs, the ops its compiled body runs per
    /// iteration, in order (the loop body's equivalent of ``steps``).
    public var loopBodySteps: [[String]] {
        plan.steps.compactMap { step -> [String]? in
            guard let loop = step.op as? ScanOp, let bodyPlan = loop.compiled?.plan else { return nil }
            return bodyPlan.steps.map { $0.op.description }
        }
    }
}
