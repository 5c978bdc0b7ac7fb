import LaminaTensor

/// What stands, after a loop rewrite, for one result of the loop it replaced.
enum LoopResultReplacement {
    /// The whole result (every step, stacked) is this expression.
    case whole(Expr)
    /// The result was used only through its last step (`result[-1]`, or
    /// `result[0]` for a reversed loop), which is this expression.
    case lastStep(Expr)
}

/// How a loop rewrite replaces one loop application: per result of the old
/// loop, what stands for it (nil for a result nothing uses), and the new
/// loop's application, which stands for the old one where no result does.
struct LoopReplacement {
    var results: [LoopResultReplacement?]
    var loop: Expr
}

/// Rebuilds the graph of `roots`, offering each loop application (operands
/// already rewritten, and the original node) to `rule`; a non-nil answer
/// replaces the loop, its result selectors, and the last-step selections of
/// results replaced by ``LoopResultReplacement/lastStep(_:)``.
func rewriteLoops(_ roots: [Expr], _ rule: (_ loop: ScanOp, _ current: Expr, _ original: Expr) throws -> LoopReplacement?) throws -> [Expr] {
    var replaced: [ObjectIdentifier: (op: ScanOp, replacement: LoopReplacement)] = [:]
    func lookUp(_ result: Expr) -> (op: ScanOp, replacement: LoopReplacement, index: Int)? {
        let (main, k) = result.selectedOutput ?? (result, 0)
        return replaced[ObjectIdentifier(main)].map { ($0.op, $0.replacement, k) }
    }
    func stand(_ r: LoopReplacement, _ k: Int) -> Expr {
        if case .whole(let e)? = r.results[k] { return e }
        return r.loop
    }
    return try rewriteGraph(roots) { current, original in
        if let slice = original.op as? SliceOp, let source = original.inputs.first, let (op, r, k) = lookUp(source),
           case .lastStep(let value)? = r.results[k], slice.indices == [.index(op.reverse ? 0 : -1)] {
            return value
        }
        if original.selectedOutput != nil, let (_, r, k) = lookUp(original) { return stand(r, k) }
        guard let loop = current.op as? ScanOp, let r = try rule(loop, current, original) else { return nil }
        replaced[ObjectIdentifier(original)] = (loop, r)
        return stand(r, 0)
    }
}

/// The applications that use each result of the loops in the graph of `roots`, by result.
struct LoopResultUses {
    private let consumers: [ObjectIdentifier: [Expr]]
    private let roots: Set<ObjectIdentifier>

    init(_ roots: [Expr]) {
        consumers = consumerLists(GraphTraversal.topologicalOrder(roots))
        self.roots = Set(roots.map(ObjectIdentifier.init))
    }

    /// The uses of each result of `loop` (`count` results), other than selecting a result;
    /// nil for a result returned as a root of the graph (used whole).
    func uses(of loop: Expr, count: Int) -> [[Expr]?] {
        var nodes: [Expr?] = Array(repeating: nil, count: count)
        nodes[0] = loop
        for c in consumers[ObjectIdentifier(loop)] ?? [] { if let (_, k) = c.selectedOutput { nodes[k] = c } }
        return nodes.map { node in
            guard let node else { return [] }
            if roots.contains(ObjectIdentifier(node)) { return nil }
            return (consumers[ObjectIdentifier(node)] ?? []).filter { $0.selectedOutput == nil }
        }
    }

    /// Whether a result with `uses` (from ``uses(of:count:)``) of a loop going
    /// in direction `reverse` is used, and only through its last step.
    func usedOnlyAtLastStep(_ uses: [Expr]?, reverse: Bool) -> Bool {
        guard let uses, !uses.isEmpty else { return false }
        return uses.allSatisfy { ($0.op as? SliceOp)?.indices == [.index(reverse ? 0 : -1)] }
    }
}
