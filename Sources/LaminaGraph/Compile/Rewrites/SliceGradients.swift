import LaminaTensor

/// The gradient of several slices of one array is a sum of
/// `inc_subtensor(zeros, slice_k, g_k)` terms (one zero-filled copy each).
/// When the slices are ranges along one axis that tile it, the sum is the
/// concatenation of the g_k; otherwise the increments are chained into one
/// array. Either way each element is written once instead of once per term.
func mergeSliceGradients(_ roots: [Expr]) throws -> [Expr] {
    // Only the top of a tree of additions is rewritten (it sees every term).
    var innerSums = Set<ObjectIdentifier>()
    for node in GraphTraversal.topologicalOrder(roots) where node.isSameTypeSum {
        for input in node.inputs where input.isSameTypeSum { innerSums.insert(ObjectIdentifier(input)) }
    }
    let uses = consumerCounts(roots)
    return try rewriteGraph(roots) { node, original in
        guard node.isSameTypeSum else { return nil }
        if innerSums.contains(ObjectIdentifier(original)) && uses[ObjectIdentifier(original)] == 1 { return nil }
        var terms: [Expr] = []
        func collect(_ e: Expr) {
            if e.isSameTypeSum {
                collect(e.inputs[0]); collect(e.inputs[1])
            } else { terms.append(e) }
        }
        collect(node)
        let increments = terms.filter { t in
            guard let s = t.op as? SetSubtensorOp, s.accumulate, t.inputs[0].isZeros, t.type == node.type else { return false }
            return true
        }
        guard increments.count >= 2 else { return nil }
        let others = terms.filter { t in !increments.contains { $0 === t } }
        var merged: Expr
        if let tiled = try concatenationOfTiles(increments, type: node.type) {
            merged = tiled
        } else {
            merged = increments[0]
            for t in increments.dropFirst() {
                let s = t.op as! SetSubtensorOp
                merged = try merged.settingSubtensor(s.indices, to: t.inputs[1], accumulate: true)
            }
        }
        for t in others { merged = try merged + t }
        return merged
    }
}

/// The concatenation of the increments' values when their slices are step-1
/// ranges along one axis (every other entry `.all`) that tile it exactly.
private func concatenationOfTiles(_ increments: [Expr], type: TensorType) throws -> Expr? {
    var axis: Int? = nil
    var pieces: [(start: Int, stop: Int, value: Expr)] = []
    for t in increments {
        let indices = (t.op as! SetSubtensorOp).indices
        var rangeAxis: Int? = nil
        var bounds: (Int, Int)? = nil
        for (a, index) in indices.enumerated() {
            if index == .all { continue }
            guard rangeAxis == nil, case .range(let start, let stop, 1) = index, let size = type.shape[a] else { return nil }
            let lo = start.map { $0 < 0 ? $0 + size : $0 } ?? 0
            let hi = stop.map { $0 < 0 ? $0 + size : Swift.min($0, size) } ?? size
            rangeAxis = a
            bounds = (lo, hi)
        }
        guard let a = rangeAxis, let (lo, hi) = bounds, axis == nil || axis == a, lo < hi else { return nil }
        axis = a
        // The value must already have the region's shape (no broadcasting).
        var region = type.shape
        region[a] = hi - lo
        guard t.inputs[1].type.shape == region, t.inputs[1].dtype == type.dtype else { return nil }
        pieces.append((lo, hi, t.inputs[1]))
    }
    guard let a = axis, let size = type.shape[a] else { return nil }
    pieces.sort { $0.start < $1.start }
    var next = 0
    for p in pieces {
        guard p.start == next else { return nil }
        next = p.stop
    }
    guard next == size else { return nil }
    return try Expr.concatenate(pieces.map(\.value), axis: a)
}

extension Expr {
    /// Whether this is `a + b` with both operands of the result's type (no broadcasting).
    var isSameTypeSum: Bool {
        simpleFunction == .binary(.add) && inputs[0].type == type && inputs[1].type == type
    }

    /// Whether this is known to be all zeros (a zero constant or a zero fill).
    var isZeros: Bool {
        if isConstant(allEqualTo: 0) { return true }
        if let e = op as? ElementwiseOp, e.program.instructions.count == 1, case .constant(0) = e.program.instructions[0] { return true }
        return false
    }
}
