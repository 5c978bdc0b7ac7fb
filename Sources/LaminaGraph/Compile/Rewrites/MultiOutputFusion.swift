import LaminaTensor

/// Merges elementwise ops of one shape that feed each other into a single
/// ``FusedElementwiseOp`` with one result per value used outside the group.
///
/// Runs after ``fuseElementwise(_:)``, which only absorbs an op into its
/// sole consumer. What is left are elementwise values with several uses,
/// for example an LSTM step's gate activations, which both the cell update
/// and the backward pass read. Grouping them computes the whole step in one
/// pass: one kernel launch instead of one per value, and intermediate values
/// stay in registers while every used value is still stored once.
///
/// A group stays *convex*: no path leaves it and comes back through an op
/// outside it (that op would need a result the group has not yet produced).
/// Every member has the group's static shape, and all members compute in the
/// same precision class (Float, or Double when an operand or result is
/// float64 or int32), so merging changes no rounding.
func fuseMultiOutput(_ roots: [Expr]) throws -> [Expr] {
    let order = GraphTraversal.topologicalOrder(roots)
    var position: [ObjectIdentifier: Int] = [:]
    for (i, node) in order.enumerated() { position[ObjectIdentifier(node)] = i }
    let uses = consumerCounts(roots)
    let rootSet = Set(roots.map(ObjectIdentifier.init))

    func isWide(_ t: DType) -> Bool { ElementwisePrecision.requiresDouble(t) }
    /// The precision class a node computes in on its own (true: Double), or nil
    /// when it must stay apart: a float32 result computed in Double, or an
    /// int32 result, would skip its own rounding inside a bigger program, and a
    /// cast to int32 or bool converts only when its result is stored.
    func precisionClass(_ node: Expr) -> Bool? {
        guard let op = node.op as? ElementwiseOp else { return nil }
        if let forced = op.resultDType, !forced.isFloatingPoint { return nil }
        let wide = isWide(node.dtype) || node.inputs.contains { isWide($0.dtype) }
        let faithful = (wide ? ElementwisePrecision.double : .float).faithfulResultTypes
        return faithful.contains(node.dtype) ? wide : nil
    }

    var groupOf: [ObjectIdentifier: Int] = [:]
    var groups: [[Expr]] = []
    var groupWide: [Bool] = []

    func isConvex(_ members: [Expr]) -> Bool { isConvexGroup(members, position: position) }

    for node in order {
        guard let wide = precisionClass(node) else { continue }
        let candidates = Set(node.inputs.compactMap { groupOf[ObjectIdentifier($0)] })
            .filter { groupWide[$0] == wide && groups[$0][0].type.shape == node.type.shape }
            .sorted()
        var merged: [Int] = []
        if !candidates.isEmpty {
            let all = candidates.flatMap { groups[$0] } + [node]
            if isConvex(all) {
                merged = candidates
            } else if let single = candidates.first(where: { isConvex(groups[$0] + [node]) }) {
                merged = [single]
            }
        }
        guard let target = merged.first else {
            groupOf[ObjectIdentifier(node)] = groups.count
            groups.append([node])
            groupWide.append(wide)
            continue
        }
        for g in merged.dropFirst() {
            for m in groups[g] { groupOf[ObjectIdentifier(m)] = target }
            groups[target] += groups[g]
            groups[g] = []
        }
        groups[target].append(node)
        groupOf[ObjectIdentifier(node)] = target
    }

    // Each group's members in topological order, and its results: the members used outside it.
    var results: [[Expr]] = Array(repeating: [], count: groups.count)
    for g in groups.indices where groups[g].count > 1 {
        groups[g].sort { position[ObjectIdentifier($0)]! < position[ObjectIdentifier($1)]! }
        let memberSet = Set(groups[g].map(ObjectIdentifier.init))
        var internalUses: [ObjectIdentifier: Int] = [:]
        for m in groups[g] {
            for input in m.inputs where memberSet.contains(ObjectIdentifier(input)) { internalUses[ObjectIdentifier(input), default: 0] += 1 }
        }
        results[g] = groups[g].filter { m in
            rootSet.contains(ObjectIdentifier(m)) || (uses[ObjectIdentifier(m)] ?? 0) > (internalUses[ObjectIdentifier(m)] ?? 0)
        }
        // The kernel computes in Double when an operand or a result is float64 or int32;
        // a group whose members compute otherwise stays unfused.
        let kernelWide = results[g].contains { isWide($0.dtype) }
            || groups[g].contains { m in m.inputs.contains { !memberSet.contains(ObjectIdentifier($0)) && isWide($0.dtype) } }
        if kernelWide != groupWide[g] {
            for m in groups[g] { groupOf[ObjectIdentifier(m)] = nil }
            groups[g] = []
        }
    }

    return try rebuilding(roots, order: order, groups: groups, results: results, groupOf: groupOf)
}

/// Whether `members` (a candidate group) is convex: no operand from outside depends on a member
/// (`position`: each node's place in topological order).
private func isConvexGroup(_ members: [Expr], position: [ObjectIdentifier: Int]) -> Bool {
    let memberSet = Set(members.map(ObjectIdentifier.init))
    let lowest = members.map { position[ObjectIdentifier($0)]! }.min()!
    var visited = Set<ObjectIdentifier>()
    var stack: [Expr] = members.flatMap(\.inputs).filter { !memberSet.contains(ObjectIdentifier($0)) }
    while let e = stack.popLast() {
        let id = ObjectIdentifier(e)
        guard visited.insert(id).inserted, position[id]! >= lowest else { continue }
        if memberSet.contains(id) { return false }
        stack.append(contentsOf: e.inputs)
    }
    return true
}

/// The graph of `roots` (in topological `order`) with each group of more
/// than one member replaced by one fused op whose results are `results[g]`.
private func rebuilding(_ roots: [Expr], order: [Expr], groups: [[Expr]], results: [[Expr]],
                        groupOf: [ObjectIdentifier: Int]) throws -> [Expr] {
    var map: [ObjectIdentifier: Expr] = [:]
    func mapped(_ e: Expr) -> Expr { map[ObjectIdentifier(e)] ?? e }
    for unit in try contractedOrder(order, groupOf: { g in groupOf[ObjectIdentifier(g)].flatMap { groups[$0].count > 1 ? $0 : nil } }) {
        switch unit {
        case .group(let g):
            // Every leaf is rewritten by now: the order puts a group after all it reads.
            let (program, leaves) = groupProgram(members: groups[g], results: results[g])
            let fused = FusedElementwiseOp(program: program, resultDTypes: results[g].map(\.dtype),
                                           label: groups[g].map { ($0.op as! ElementwiseOp).label }.joined(separator: ","))
            let values = try Expr.applyMulti(fused, leaves.map(mapped))
            for (m, v) in zip(results[g], values) {
                v.name = m.name
                map[ObjectIdentifier(m)] = v
            }
        case .node(let node):
            if let new = try reapplied(node, operands: mapped) { map[ObjectIdentifier(node)] = new }
        }
    }
    return roots.map(mapped)
}

/// A step of the rewrite: one fused group, or one other application.
private enum FusionUnit {
    case group(Int)
    case node(Expr)
}

/// The applications of `order` with each group contracted to one unit, in an
/// order where every unit comes after the units it reads (Kahn's algorithm;
/// groups are convex, so the contracted graph has no cycle). The original
/// order alone can place an operand of a later member after the group's first member.
private func contractedOrder(_ order: [Expr], groupOf: (Expr) -> Int?) throws -> [FusionUnit] {
    var unitIndex: [ObjectIdentifier: Int] = [:]
    var units: [FusionUnit] = []
    var groupUnit: [Int: Int] = [:]
    for node in order where node.op != nil {
        if let g = groupOf(node) {
            if groupUnit[g] == nil { groupUnit[g] = units.count; units.append(.group(g)) }
            unitIndex[ObjectIdentifier(node)] = groupUnit[g]!
        } else {
            unitIndex[ObjectIdentifier(node)] = units.count
            units.append(.node(node))
        }
    }
    var readers = [[Int]](repeating: [], count: units.count)
    var pending = [Int](repeating: 0, count: units.count)
    var edges = Set<[Int]>()
    for node in order {
        guard let u = unitIndex[ObjectIdentifier(node)] else { continue }
        for input in node.inputs {
            guard let v = unitIndex[ObjectIdentifier(input)], v != u, edges.insert([v, u]).inserted else { continue }
            readers[v].append(u)
            pending[u] += 1
        }
    }
    var ready = units.indices.filter { pending[$0] == 0 }.reversed().map { $0 }
    var result: [FusionUnit] = []
    while let u = ready.popLast() {
        result.append(units[u])
        for r in readers[u].reversed() {
            pending[r] -= 1
            if pending[r] == 0 { ready.append(r) }
        }
    }
    guard result.count == units.count else { throw GraphError.function("internal: elementwise groups form a cycle") }
    return result
}

/// The program of a group: the members' programs in order, reading the
/// group's outside operands (`leaves`), with one output per result.
private func groupProgram(members: [Expr], results: [Expr]) -> (ElementwiseProgram, [Expr]) {
    var program = ElementwiseProgram()
    var leaves: [Expr] = []
    var leafRegister: [ObjectIdentifier: Int] = [:]
    var memberRegister: [ObjectIdentifier: Int] = [:]
    func register(of operand: Expr) -> Int {
        if let r = memberRegister[ObjectIdentifier(operand)] ?? leafRegister[ObjectIdentifier(operand)] { return r }
        leaves.append(operand)
        let r = program.append(.input(leaves.count - 1))
        leafRegister[ObjectIdentifier(operand)] = r
        return r
    }
    for member in members {
        let op = member.op as! ElementwiseOp
        // Every operand stays an operand, read or not: operands also fix the output shape.
        memberRegister[ObjectIdentifier(member)] = inline(op, operandRegisters: member.inputs.map(register(of:)), into: &program)
    }
    program.outputs = results.map { memberRegister[ObjectIdentifier($0)]! }
    return (program, leaves)
}
