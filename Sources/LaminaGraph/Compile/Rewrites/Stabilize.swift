/// Numerically stable forms (Theano's stabilization rewrites):
/// - ln softmax(x) → log_softmax(x)
/// - ln σ(x) → −softplus(−x)
/// - ln(1 − σ(x)) → −softplus(x)
/// - ln(1 + x), ln(x + 1) → log1p(x)
func stabilize(_ roots: [Expr]) throws -> [Expr] {
    try rewriteGraph(roots) { node in
        guard node.simpleFunction == .unary(.log) else { return nil }
        let arg = node.inputs[0]
        if let soft = arg.op as? SoftmaxOp, !soft.log {
            return try arg.inputs[0].logSoftmax()
        }
        if arg.simpleFunction == .unary(.sigmoid) {
            return try -((-arg.inputs[0]).softplus())
        }
        // The rewritten forms drop the constant 1, so the other operand must have the result's shape.
        if arg.simpleFunction == .binary(.subtract), arg.inputs[0].isConstant(allEqualTo: 1),
           arg.inputs[1].simpleFunction == .unary(.sigmoid),
           arg.inputs[1].shape == arg.shape, arg.inputs[1].dtype == arg.dtype {
            return try -(arg.inputs[1].inputs[0].softplus())
        }
        if arg.simpleFunction == .binary(.add) {
            let (a, b) = (arg.inputs[0], arg.inputs[1])
            if a.isConstant(allEqualTo: 1), b.shape == arg.shape, b.dtype == arg.dtype { return try b.log1p() }
            if b.isConstant(allEqualTo: 1), a.shape == arg.shape, a.dtype == arg.dtype { return try a.log1p() }
        }
        return nil
    }
}
