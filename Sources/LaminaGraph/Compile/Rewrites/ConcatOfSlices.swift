import LaminaTensor

/// Operands of `concatenate{axis=0}` that are step-1 ranges of another
/// array's first axis (`h[:-1]`), used nowhere else, are read in place by
/// ``ConcatOfRangesOp`` instead of being copied out first.
func concatenateSlicesInPlace(_ roots: [Expr]) throws -> [Expr] {
    let uses = consumerCounts(roots)
    return try rewriteGraph(roots) { node, original in
        guard let concat = node.op as? ConcatOp, concat.axis == 0 else { return nil }
        var operands: [Expr] = [], ranges: [SliceIndex?] = []
        for (operand, originalOperand) in zip(node.inputs, original.inputs) {
            if let slice = operand.op as? SliceOp, slice.indices.count == 1, case .range(_, _, 1) = slice.indices[0],
               uses[ObjectIdentifier(originalOperand)] == 1 {
                operands.append(operand.inputs[0])
                ranges.append(slice.indices[0])
            } else {
                operands.append(operand)
                ranges.append(nil)
            }
        }
        guard ranges.contains(where: { $0 != nil }) else { return nil }
        return try Expr.apply(ConcatOfRangesOp(ranges: ranges), operands)
    }
}
