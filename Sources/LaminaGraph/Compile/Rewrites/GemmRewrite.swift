/// BLAS rewrites (Theano's `local_dot_to_dot22` and `GemmOptimizer`):
/// - a transpose of a matrix feeding `dot` becomes the dot's BLAS flag (no copy);
/// - `dot(a, b) + c` and `c + dot(a, b)` become one GEMM call
///   (c broadcast into the output, then C ← op(A)·op(B) + C),
///   when the dot has no other use; likewise a `packed_dot` takes the
///   addend in when it is the product's shape or one row of it.
func rewriteGemm(_ roots: [Expr]) throws -> [Expr] {
    let folded = try rewriteGraph(roots) { node in
        guard let mm = node.op as? MatmulOp else { return nil }
        var (a, b) = (node.inputs[0], node.inputs[1])
        var (ta, tb) = (mm.transposeA, mm.transposeB)
        var changed = false
        if a.isMatrixTranspose && b.rank == 2 { a = a.inputs[0]; ta.toggle(); changed = true }
        if b.isMatrixTranspose && b.rank == 2 && a.rank == 2 { b = b.inputs[0]; tb.toggle(); changed = true }
        return changed ? try Expr.apply(MatmulOp(transposeA: ta, transposeB: tb), [a, b]) : nil
    }
    let uses = consumerCounts(folded)
    return try rewriteGraph(folded) { node, original in
        guard node.simpleFunction == .binary(.add) else { return nil }
        for (side, other) in [(0, 1), (1, 0)] {
            let (dotSide, addend) = (node.inputs[side], node.inputs[other])
            if let packed = dotSide.op as? PackedMatmulOp, dotSide.inputs.count == 2, packed.window == 0..<packed.columns, uses[ObjectIdentifier(original.inputs[side])] == 1,
               addend.dtype == .float32, node.type == dotSide.type, dotSide.shape.last != nil {
                for row in [false, true] where PackedMatmulOp.addendFits(addend.shape, result: dotSide.shape, row: row) {
                    return try Expr.apply(PackedMatmulOp(columns: packed.columns, addsRow: row), dotSide.inputs + [addend])
                }
            }
            guard let mm = dotSide.op as? MatmulOp, uses[ObjectIdentifier(original.inputs[side])] == 1,
                  addend.dtype == dotSide.dtype, node.type == dotSide.type,
                  let shape = try? TensorType.broadcastShape([dotSide.type, addend.type], op: "gemm"),
                  shape == dotSide.type.shape, addend.rank <= dotSide.rank else { continue }
            return try Expr.apply(GemmOp(transposeA: mm.transposeA, transposeB: mm.transposeB, alpha: 1),
                                  [dotSide.inputs[0], dotSide.inputs[1], addend])
        }
        return nil
    }
}

extension Expr {
    /// Whether this is `x.dimshuffle([1, 0])` of a matrix.
    var isMatrixTranspose: Bool {
        guard let d = op as? DimshuffleOp else { return false }
        return d.pattern == [1, 0] && inputs[0].rank == 2
    }
}
