import LaminaTensor

/// Removes what a loop computes or receives for nothing: extra outputs no
/// one uses, and sequences and non-sequences its body does not read (one
/// sequence stays, to give the number of steps). Repeated until nothing
/// changes, since a loop that reads less can leave another loop's result
/// unused. Dead extra outputs then cost nothing at run time.
func pruneLoops(_ roots: [Expr]) throws -> [Expr] {
    var roots = roots
    var changed = true
    while changed {
        changed = false
        let uses = LoopResultUses(roots)
        roots = try rewriteLoops(roots) { loop, current, original in
            let body = loop.body
            let resultUses = uses.uses(of: original, count: body.outputs.count)
            let read = Set(GraphTraversal.topologicalOrder(body.outputs).map(ObjectIdentifier.init))
            var removed = LoopRemovals()
            removed.extras = Set(body.extraOutputs.indices.filter { resultUses[body.states.count + $0]?.isEmpty ?? false })
            removed.sequences = Set(body.sequences.indices.filter { !read.contains(ObjectIdentifier(body.sequences[$0])) })
            if loop.steps == nil && removed.sequences.count == body.sequences.count { removed.sequences.remove(0) }
            removed.nonSequences = Set(body.nonSequences.indices.filter { !read.contains(ObjectIdentifier(body.nonSequences[$0])) })
            if removed.extras.isEmpty && removed.sequences.isEmpty && removed.nonSequences.isEmpty { return nil }
            // Removing every result would leave nothing to stand for the loop.
            if removed.extras.count == body.outputs.count { return nil }
            changed = true
            return try RebuiltLoop(current, loop, removing: removed).replacement()
        }
    }
    return roots
}

/// ``mergeSliceGradients(_:)`` inside loop bodies, early, with fills of a
/// known shape made constants first: the backward step of a recurrent
/// layer's gradient then no longer reads the forward value whose shape its
/// zero fills took (the stacked gate pre-activations), and ``pruneLoops(_:)``
/// drops that value from both loops.
func mergeLoopSliceGradients(_ roots: [Expr]) throws -> [Expr] {
    try rewriteGraph(roots) { node in
        guard let loop = node.op as? ScanOp else { return nil }
        let body = loop.body
        let filled = try rewriteGraph(body.outputs) { $0.knownShapeFill }
        let outputs = try mergeSliceGradients(filled)
        if zip(outputs, body.outputs).allSatisfy({ $0 === $1 }) { return nil }
        return try Expr.apply(loop.with(body: body.adding(outputs: outputs)), node.inputs)
    }
}
