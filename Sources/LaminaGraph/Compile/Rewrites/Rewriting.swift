import LaminaTensor

/// Rebuilds the graph of `roots` bottom-up, offering every op application
/// (with operands already rewritten) to `rule`; a non-nil result replaces it.
func rewriteGraph(_ roots: [Expr], _ rule: (Expr) throws -> Expr?) throws -> [Expr] {
    try rewriteGraph(roots) { current, _ in try rule(current) }
}

/// ``rewriteGraph(_:_:)`` whose rule also sees the original node (whose
/// operands are the original operands, for looking up facts computed on the
/// graph before rewriting, such as use counts).
func rewriteGraph(_ roots: [Expr], _ rule: (_ current: Expr, _ original: Expr) throws -> Expr?) throws -> [Expr] {
    var map: [ObjectIdentifier: Expr] = [:]
    for node in GraphTraversal.topologicalOrder(roots) {
        guard node.op != nil else { continue }
        var current = try reapplied(node) { map[ObjectIdentifier($0)] ?? $0 } ?? node
        if let replacement = try rule(current, node) {
            if replacement.name == nil { replacement.name = node.name }
            current = replacement
        }
        if current !== node { map[ObjectIdentifier(node)] = current }
    }
    return roots.map { map[ObjectIdentifier($0)] ?? $0 }
}

/// `node`'s op applied to its operands as `mapped` rewrites them, keeping its
/// name and annotations; nil when no operand changed (or `node` is no application).
func reapplied(_ node: Expr, operands mapped: (Expr) -> Expr) throws -> Expr? {
    guard case .apply(let op, let inputs) = node.kind else { return nil }
    let newInputs = inputs.map(mapped)
    if zip(newInputs, inputs).allSatisfy({ $0 === $1 }) { return nil }
    let new = try Expr.apply(op, newInputs)
    new.name = node.name
    new.annotations = node.annotations
    return new
}

/// The applications that use each node of `order` as an operand (once per use).
func consumerLists(_ order: [Expr]) -> [ObjectIdentifier: [Expr]] {
    var consumers: [ObjectIdentifier: [Expr]] = [:]
    for node in order { for input in node.inputs { consumers[ObjectIdentifier(input), default: []].append(node) } }
    return consumers
}

/// How many times each node is used as an operand in the graph of `roots`,
/// with each root counted as one more use.
func consumerCounts(_ roots: [Expr]) -> [ObjectIdentifier: Int] {
    var counts: [ObjectIdentifier: Int] = [:]
    for node in GraphTraversal.topologicalOrder(roots) {
        for input in node.inputs { counts[ObjectIdentifier(input), default: 0] += 1 }
    }
    for root in roots { counts[ObjectIdentifier(root), default: 0] += 1 }
    return counts
}

/// The single function of a one-instruction elementwise op whose operands are
/// read in order, such as `exp(in0)` or `add(in0, in1)`.
enum SimpleFunction: Equatable {
    case unary(UnaryFunction)
    case binary(BinaryFunction)
    case ternary(TernaryFunction)
}

extension Expr {
    /// The function of a simple elementwise op application, if it is one.
    var simpleFunction: SimpleFunction? {
        guard let op = op as? ElementwiseOp, op.resultDType == nil else { return nil }
        let ins = op.program.instructions
        guard op.program.outputs == [ins.count - 1] else { return nil }
        switch ins.last {
        case .unary(let f, 0) where ins.count == 2 && ins[0] == .input(0): return .unary(f)
        case .binary(let f, 0, 1) where ins.count == 3 && ins[0] == .input(0) && ins[1] == .input(1): return .binary(f)
        case .ternary(let f, 0, 1, 2) where ins.count == 4 && ins[0] == .input(0) && ins[1] == .input(1) && ins[2] == .input(2):
            return .ternary(f)
        default: return nil
        }
    }

    /// Whether this is a constant whose every element equals `value`.
    func isConstant(allEqualTo value: Double) -> Bool {
        guard let c = constantValue else { return false }
        return c.doubles.allSatisfy { $0 == value }
    }
}

/// Evaluates one op on concrete arrays (used for constant folding and `eval`).
func evaluateEagerly(_ op: any Op, _ operands: [NDArray], type: TensorType) throws -> NDArray {
    let shape = try op.outputShape(operands.map(\.shape))
    if op.isView {
        return NDArray(buffer: operands[0].buffer, dtype: type.dtype, shape: shape)
    }
    let result = NDArray(zeros: shape, dtype: type.dtype)
    try withExtendedLifetime(operands) {
        try op.evaluate(operands.map { RawOperand(pointer: UnsafeRawPointer($0.buffer.pointer), dtype: $0.dtype, shape: $0.shape) },
                        into: RawOutput(pointer: result.buffer.pointer, dtype: result.dtype), shape: shape)
    }
    return result
}
