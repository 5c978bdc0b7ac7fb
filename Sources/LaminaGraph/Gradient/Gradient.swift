import LaminaTensor

/// What `grad` does with a variable the cost does not depend on.
public enum DisconnectedInputs: Sendable {
    /// Throw an error naming the variable (the default, as in Theano).
    case raise
    /// Return zeros of the variable's shape.
    case zero
}

/// The gradients of a scalar `cost` with respect to each of `wrt`, as
/// expressions, by reverse-mode differentiation.
///
/// The gradient of a node is the sum of the contributions of every op that
/// uses it; each op's ``Op/gradient(inputs:output:outputGradient:)`` turns
/// the gradient of its output into gradients of its operands. Because the
/// results are ordinary expressions, `grad` can be applied to them again
/// (second derivatives), and they can be printed, rewritten and compiled
/// together with anything else.
///
/// - Parameters:
///   - cost: a float expression of rank 0.
///   - wrt: float expressions the cost depends on (usually `Shared` parameters or inputs).
///   - disconnected: what to do with a variable the cost does not depend on.
/// - Throws: ``GraphError`` if the cost is not a float scalar, a variable is not
///   float, or (by default) the cost does not depend on a variable.
public func grad(_ cost: Expr, wrt: [Expr], disconnected: DisconnectedInputs = .raise) throws -> [Expr] {
    guard cost.rank == 0, cost.dtype.isFloatingPoint else {
        throw GraphError.gradient("the cost must be a float scalar, not \(cost.type)")
    }
    for v in wrt where !v.dtype.isFloatingPoint {
        throw GraphError.gradient("cannot differentiate with respect to \(v.name ?? "an expression") of integer type \(v.type)")
    }
    let order = GraphTraversal.topologicalOrder([cost])
    // Only nodes on a path from a `wrt` variable to the cost need gradients.
    let targets = Set(wrt.map(ObjectIdentifier.init))
    var relevant = Set<ObjectIdentifier>()
    for node in order {
        if targets.contains(ObjectIdentifier(node)) || node.inputs.contains(where: { relevant.contains(ObjectIdentifier($0)) }) {
            relevant.insert(ObjectIdentifier(node))
        }
    }
    var gradients: [ObjectIdentifier: Expr] = [ObjectIdentifier(cost): try cost.onesLike()]
    for node in order.reversed() {
        guard let g = gradients[ObjectIdentifier(node)], case .apply(let op, let inputs) = node.kind,
              !targets.contains(ObjectIdentifier(node)) || inputs.contains(where: { relevant.contains(ObjectIdentifier($0)) })
        else { continue }
        guard inputs.contains(where: { relevant.contains(ObjectIdentifier($0)) }) else { continue }
        let parts = try op.gradient(inputs: inputs, output: node, outputGradient: g)
        for (input, part) in zip(inputs, parts) {
            guard let part, relevant.contains(ObjectIdentifier(input)) else { continue }
            guard part.type.rank == input.rank else {
                throw GraphError.gradient("internal: gradient of \(op.name) for operand \(input.type) has type \(part.type)")
            }
            let key = ObjectIdentifier(input)
            gradients[key] = try gradients[key].map { try $0 + part } ?? part
        }
    }
    return try wrt.map { v in
        if let g = gradients[ObjectIdentifier(v)] { return g }
        switch disconnected {
        case .zero: return try v.zerosLike()
        case .raise:
            throw GraphError.gradient("the cost does not depend on \(v.name ?? "the expression") of type \(v.type); pass disconnected: .zero to get zeros")
        }
    }
}
