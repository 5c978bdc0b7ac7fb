import LaminaTensor

/// Packs the matrices a loop multiplies by at every step once, before the
/// loop: inside a loop body, `a · op(w)` with `a` a float32 matrix and `w` a
/// non-sequence (a loop invariant such as the recurrent weights U, or Uᵀ in
/// the backward loop) becomes `packed_dot(a, w′)`, where the new invariant
/// w′ = `pack(w)` is computed outside the loop (see ``PackedGemm``). A BLAS
/// call would re-pack w at every step.
func packLoopWeights(_ roots: [Expr]) throws -> [Expr] {
    try rewriteGraph(roots) { node in
        guard let loop = node.op as? ScanOp else { return nil }
        let body = loop.body
        var operands = LoopOperands(node.inputs, of: loop)
        var nonSequenceIndex: [ObjectIdentifier: Int] = [:]
        for (m, p) in body.nonSequences.enumerated() { nonSequenceIndex[ObjectIdentifier(p)] = m }
        // One packed invariant per (non-sequence, transposed).
        var packedIndex: [Int: Int] = [:]
        var placeholders: [Expr] = [], packedOperands: [Expr] = []
        var replacements: [Expr: Expr] = [:]
        for inner in GraphTraversal.topologicalOrder(body.outputs) {
            guard let product = inner.op as? MatmulOp, !product.transposeA, inner.dtype == .float32,
                  inner.inputs[0].rank == 2 else { continue }
            var weights = inner.inputs[1], transposed = product.transposeB
            if weights.isMatrixTranspose { weights = weights.inputs[0]; transposed.toggle() }
            guard weights.rank == 2, let m = nonSequenceIndex[ObjectIdentifier(weights)],
                  let columns = weights.shape[transposed ? 0 : 1] else { continue }
            let key = 2 * m + (transposed ? 1 : 0)
            if packedIndex[key] == nil {
                let pack = PackMatrixOp(transposed: transposed)
                packedIndex[key] = placeholders.count
                packedOperands.append(try Expr.apply(pack, [operands.nonSequences[m]]))
                placeholders.append(Expr.input("packed", dtype: .float32, shape: try pack.outputType([weights.type]).shape))
            }
            replacements[inner] = try Expr.apply(PackedMatmulOp(columns: columns), [inner.inputs[0], placeholders[packedIndex[key]!]])
        }
        if replacements.isEmpty { return nil }
        let outputs = try GraphTraversal.replacing(replacements, in: body.outputs)
        operands.nonSequences += packedOperands
        return try Expr.apply(loop.with(body: body.adding(nonSequences: placeholders, outputs: outputs)), operands.all)
    }
}

/// Column slices of a packed product become products of their own column
/// window: `packed_dot(a, w′, d)[:, i:j]`, with i a multiple of 16, computes
/// only columns i..<j, straight into the slice's buffer, when every use of
/// the product is such a slice (an LSTM's or GRU's gates). No slice is copied
/// and no column is computed twice.
func windowPackedProducts(_ roots: [Expr]) throws -> [Expr] {
    let order = GraphTraversal.topologicalOrder(roots)
    let consumers = consumerLists(order)
    let rootSet = Set(roots.map(ObjectIdentifier.init))
    func window(_ slice: Expr, columns: Int) -> Range<Int>? {
        guard let op = slice.op as? SliceOp, op.indices.count == 2, op.indices[0] == .all,
              case .range(let start, let stop, 1) = op.indices[1] else { return nil }
        let lower = start ?? 0, upper = stop ?? columns
        guard lower >= 0, lower < upper, upper <= columns, lower % PackedGemm.panelWidth == 0 else { return nil }
        return lower..<upper
    }
    var windowed = Set<ObjectIdentifier>()
    for node in order {
        guard let product = node.op as? PackedMatmulOp, product.window == 0..<product.columns,
              !rootSet.contains(ObjectIdentifier(node)), let uses = consumers[ObjectIdentifier(node)],
              uses.allSatisfy({ window($0, columns: product.columns) != nil }) else { continue }
        windowed.insert(ObjectIdentifier(node))
    }
    if windowed.isEmpty { return roots }
    return try rewriteGraph(roots) { current, original in
        guard let source = original.inputs.first, windowed.contains(ObjectIdentifier(source)),
              let product = source.op as? PackedMatmulOp, let columns = window(original, columns: product.columns) else { return nil }
        return try Expr.apply(PackedMatmulOp(columns: product.columns, window: columns, addsRow: product.addsRow),
                              current.inputs[0].inputs)
    }
}
