import LaminaTensor

/// Fuses chains of elementwise ops into single ops whose program runs as one
/// loop (Theano's `FusionOptimizer`).
///
/// An elementwise operand is absorbed into its consumer when the consumer is
/// its only use, it is not an output, it has the consumer's static shape (so
/// no work is repeated over broadcast axes), and it changes no values by a
/// cast (a cast inside a program would be done in the compute type).
func fuseElementwise(_ roots: [Expr]) throws -> [Expr] {
    let uses = consumerCounts(roots)
    let rootSet = Set(roots.map(ObjectIdentifier.init))
    func absorbable(_ operand: Expr, into consumer: Expr) -> Bool {
        guard let op = operand.op as? ElementwiseOp,
              uses[ObjectIdentifier(operand)] == 1, !rootSet.contains(ObjectIdentifier(operand)),
              operand.type.shape == consumer.type.shape else { return false }
        if let forced = op.resultDType {
            // Casts and typed fills: only float results keep their values inside a program.
            return forced.isFloatingPoint
        }
        return true
    }
    let order = GraphTraversal.topologicalOrder(roots)
    // Groups, found top-down so each group is as large as possible.
    var groups: [ObjectIdentifier: [Expr]] = [:]
    var absorbed = Set<ObjectIdentifier>()
    for node in order.reversed() where node.op is ElementwiseOp && !absorbed.contains(ObjectIdentifier(node)) {
        var members: [Expr] = []
        var memberSet = Set<ObjectIdentifier>()
        // The kernel computes a whole program in Double if an operand or the result
        // is float64 or int32, else in Float. A member whose own dtype is of the
        // other kind (or int32) would skip its own rounding, so it stays apart.
        var allowed: Set<DType> = Set(DType.allCases)
        func collect(_ e: Expr) {
            members.append(e)
            memberSet.insert(ObjectIdentifier(e))
            for operand in e.inputs where !memberSet.contains(ObjectIdentifier(operand)) && allowed.contains(operand.dtype)
                && absorbable(operand, into: node) {
                collect(operand)
            }
        }
        while true {
            members = []
            memberSet = []
            collect(node)
            let isWide = ElementwisePrecision.requiresDouble
            let wide = isWide(node.dtype) || members.contains { m in
                m.inputs.contains { !memberSet.contains(ObjectIdentifier($0)) && isWide($0.dtype) }
            }
            let faithful = (wide ? ElementwisePrecision.double : .float).faithfulResultTypes
            if members.dropFirst().allSatisfy({ faithful.contains($0.dtype) }) { break }
            allowed.formIntersection(faithful)
        }
        if members.count > 1 {
            groups[ObjectIdentifier(node)] = members
            for m in members.dropFirst() { absorbed.insert(ObjectIdentifier(m)) }
        }
    }
    var map: [ObjectIdentifier: Expr] = [:]
    func mapped(_ e: Expr) -> Expr { map[ObjectIdentifier(e)] ?? e }
    for node in order {
        guard node.op != nil, !absorbed.contains(ObjectIdentifier(node)) else { continue }
        if let members = groups[ObjectIdentifier(node)] {
            let (program, leaves, labels) = fusedProgram(root: node, members: members)
            let fused = ElementwiseOp(program: program, resultDType: node.dtype, label: labels.joined(separator: ","))
            let new = try Expr.apply(fused, leaves.map(mapped))
            new.name = node.name
            map[ObjectIdentifier(node)] = new
        } else if let new = try reapplied(node, operands: mapped) {
            map[ObjectIdentifier(node)] = new
        }
    }
    return roots.map(mapped)
}

/// One program computing `root` from the operands of a fused group.
private func fusedProgram(root: Expr, members: [Expr]) -> (ElementwiseProgram, [Expr], [String]) {
    let memberSet = Set(members.map(ObjectIdentifier.init))
    var program = ElementwiseProgram()
    var leaves: [Expr] = []
    var leafRegister: [ObjectIdentifier: Int] = [:]
    var memberRegister: [ObjectIdentifier: Int] = [:]
    var labels: [String] = []
    func register(of operand: Expr) -> Int {
        if let r = memberRegister[ObjectIdentifier(operand)] { return r }
        if let r = leafRegister[ObjectIdentifier(operand)] { return r }
        leaves.append(operand)
        let r = program.append(.input(leaves.count - 1))
        leafRegister[ObjectIdentifier(operand)] = r
        return r
    }
    func emit(_ member: Expr) {
        if memberRegister[ObjectIdentifier(member)] != nil { return }
        for operand in member.inputs where memberSet.contains(ObjectIdentifier(operand)) { emit(operand) }
        let op = member.op as! ElementwiseOp
        labels.append(op.label)
        // Every operand stays an operand, read or not: operands also fix the output shape.
        for operand in member.inputs { _ = register(of: operand) }
        memberRegister[ObjectIdentifier(member)] = inline(op, operandRegisters: member.inputs.map(register(of:)), into: &program)
    }
    emit(root)
    var result = memberRegister[ObjectIdentifier(root)]!
    // The output must be the last instruction, so the fused op can run in place.
    if result != program.instructions.count - 1 || program.instructions[result].isLoadInstruction {
        result = program.append(.unary(.identity, result))
    }
    program.outputs = [result]
    return (program, leaves, labels)
}

/// Appends the program of `op` to `program`, reading operand k from register
/// `operandRegisters[k]`; returns the register of the op's output.
func inline(_ op: ElementwiseOp, operandRegisters: [Int], into program: inout ElementwiseProgram) -> Int {
    var local: [Int] = []
    for ins in op.program.instructions {
        switch ins {
        case .input(let k): local.append(operandRegisters[k])
        case .constant(let v): local.append(program.append(.constant(v)))
        case .unary(let f, let a): local.append(program.append(.unary(f, local[a])))
        case .binary(let f, let a, let b): local.append(program.append(.binary(f, local[a], local[b])))
        case .ternary(let f, let a, let b, let c): local.append(program.append(.ternary(f, local[a], local[b], local[c])))
        }
    }
    return local[op.program.outputs[0]]
}
