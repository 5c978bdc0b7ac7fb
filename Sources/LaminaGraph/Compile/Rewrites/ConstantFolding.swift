import LaminaTensor

/// Replaces every pure op whose operands are all constants by its value.
func foldConstants(_ roots: [Expr]) throws -> [Expr] {
    try rewriteGraph(roots) { node in
        guard let op = node.op, op.isPure, !node.inputs.isEmpty,
              !(op is any MultiOutputOp), !(op is OutputOfOp) else { return nil }
        if let filled = node.knownShapeFill { return filled }
        let values = node.inputs.compactMap(\.constantValue)
        guard values.count == node.inputs.count else { return nil }
        return Expr.constant(try evaluateEagerly(op, values, type: node.type))
    }
}

extension Expr {
    /// A fill (`zerosLike`, `filledLike`) reads only its operand's shape: with
    /// a known shape it is a constant, returned here; nil for anything else.
    var knownShapeFill: Expr? {
        guard let e = op as? ElementwiseOp, type.isFullyKnown, e.program.instructions.count == 1,
              case .constant(let v) = e.program.instructions[0] else { return nil }
        return Expr.constant(NDArray(repeating: v, shape: type.shape.map { $0! }, dtype: dtype))
    }
}
