import LaminaTensor

/// Input projections at most this deep (inputs per step) are folded into the
/// recurrent product by ``fuseLoopInputProjections(_:)``; deeper ones stay one
/// product over all steps before the loop (the measurements: BENCHMARKS.md,
/// "Session 11: the input projection inside the recurrent product").
let fusedInputDepthLimit = 16

/// Folds a precomputed input projection into the loop's recurrent product.
///
/// A recurrent layer with a precomputed input (Lasagne's `precompute_input`)
/// computes S = X·W + b for all steps before its loop, and each step adds its
/// slice to the recurrent product: z_t = s_t + h·U. When X has few features
/// (the adding problem has 2), S is a large, thin array (steps × batch × 4·units
/// floats, written out and read back once per step) whose product is all
/// overhead. This rewrite, run after ``packLoopWeights(_:)``, makes each step
/// compute
///
///     z_t = [x_t, h] · [W; U] + b
///
/// with one packed product (`packed_dot` starting from the row b) whose depth is
/// features + units; the stacked weights [W; U] are packed once before the
/// loop, and S is never formed.
///
/// Under the default passes the sums are the same, bit for bit: the `gemm`
/// pass makes S's elements start from b and add x_t[k]·W[k][j] for k in order,
/// one fused multiply-add each, and the step's product start from that value
/// and add h[k]·U[k][j] in order; the fused product starts from b and adds the
/// depth of [x_t, h] in the same order. So the rewrite applies only where the
/// `gemm` pass forms both products: S = dot(X, W) + b with the product used only
/// there and b a row, and z_t = s_t + packed_dot(h, pack(U)) with the slice and
/// the product used only there, all float32 and untransposed. (With `gemm`
/// switched off, the replaced form rounds after each product and sum instead.)
func fuseLoopInputProjections(_ roots: [Expr]) throws -> [Expr] {
    let outerUses = consumerCounts(roots)
    var fused = false
    let rewritten = try rewriteGraph(roots) { current, original in
        guard let loop = current.op as? ScanOp else { return nil }
        let body = loop.body
        var operands = LoopOperands(current.inputs, of: loop)
        // Use counts are those of the graph before rewriting.
        let originalSequences = LoopOperands(original.inputs, of: loop).sequences
        let innerUses = consumerCounts(body.outputs)
        func usedOnce(_ e: Expr) -> Bool { innerUses[ObjectIdentifier(e)] == 1 }
        for inner in GraphTraversal.topologicalOrder(body.outputs) where inner.simpleFunction == .binary(.add) {
            for side in 0...1 {
                let (slice, product) = (inner.inputs[side], inner.inputs[1 - side])
                guard let k = body.sequences.firstIndex(where: { $0 === slice }), usedOnce(slice), usedOnce(product),
                      let recurrent = product.op as? PackedMatmulOp, product.inputs.count == 2,
                      recurrent.window == 0..<recurrent.columns, product.type == inner.type,
                      let m = body.nonSequences.firstIndex(where: { $0 === product.inputs[1] }),
                      let pack = operands.nonSequences[m].op as? PackMatrixOp, !pack.transposed,
                      let projection = InputProjection(operands.sequences[k], original: originalSequences[k], uses: outerUses),
                      projection.weights.shape[1] == recurrent.columns else { continue }
                let packedWeights = try Expr.apply(PackMatrixOp(transposed: false),
                                                   [try Expr.concatenate([projection.weights, operands.nonSequences[m].inputs[0]], axis: 0)])
                let xStep = Expr.input("x[t]", dtype: .float32, shape: Array(projection.input.shape.dropFirst()))
                let packedPlaceholder = Expr.input("packed [W; U]", dtype: .float32, shape: packedWeights.shape)
                let bias = Expr.input("b", dtype: .float32, shape: projection.bias.shape)
                let joined = try Expr.concatenate([xStep, product.inputs[0]], axis: 1)
                let replacement = try Expr.apply(PackedMatmulOp(columns: recurrent.columns, addsRow: true),
                                                 [joined, packedPlaceholder, bias])
                let outputs = try GraphTraversal.replacing([inner: replacement], in: body.outputs)
                operands.sequences.append(projection.input)
                operands.nonSequences += [packedWeights, projection.bias]
                fused = true
                return try Expr.apply(loop.with(body: body.adding(sequences: [xStep], nonSequences: [packedPlaceholder, bias],
                                                                  outputs: outputs)), operands.all)
            }
        }
        return nil
    }
    // The projection's slices and the packed U alone are no longer read: the loop stops taking them.
    return fused ? try pruneLoops(rewritten) : roots
}

/// A loop sequence of the form X·W + b that ``fuseLoopInputProjections(_:)`` can fold:
/// X (steps, batch, features) float32 with at most ``fusedInputDepthLimit`` features,
/// W a matrix, b a row, the product used only by the sum.
private struct InputProjection {
    let input: Expr
    let weights: Expr
    let bias: Expr

    /// `sequence` as rewritten so far; `original`, the same operand in the graph whose use counts are `uses`.
    init?(_ sequence: Expr, original: Expr, uses: [ObjectIdentifier: Int]) {
        guard sequence.simpleFunction == .binary(.add), sequence.dtype == .float32,
              original.simpleFunction == .binary(.add) else { return nil }
        for side in 0...1 {
            let (product, bias) = (sequence.inputs[side], sequence.inputs[1 - side])
            guard let mm = product.op as? MatmulOp, !mm.transposeA, !mm.transposeB,
                  uses[ObjectIdentifier(original.inputs[side])] == 1,
                  product.inputs[0].rank == 3, product.inputs[1].rank == 2, !product.inputs[1].isMatrixTranspose,
                  product.inputs[0].dtype == .float32, product.inputs[1].dtype == .float32,
                  let depth = product.inputs[1].shape[0], depth <= fusedInputDepthLimit,
                  bias.rank == 1, bias.dtype == .float32, bias.shape[0] != nil, bias.shape[0] == product.inputs[1].shape[1]
            else { continue }
            (input, weights, self.bias) = (product.inputs[0], product.inputs[1], bias)
            return
        }
        return nil
    }
}
