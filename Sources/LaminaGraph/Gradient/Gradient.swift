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
    return try vectorJacobianProduct(of: [cost], cotangents: [try cost.onesLike()], wrt: wrt, disconnected: disconnected)
}

/// Reverse-mode differentiation with given output gradients (Theano's
/// `known_grads`): Σₖ cotangentₖ · ∂outputₖ/∂v for each v in `wrt`.
///
/// - Parameters:
///   - outputs: float expressions.
///   - cotangents: one per output, of the output's type, or `nil` for none.
///   - wrt: float expressions to differentiate with respect to.
///   - disconnected: what to do with a variable no output depends on.
public func vectorJacobianProduct(of outputs: [Expr], cotangents: [Expr?], wrt: [Expr],
                                  disconnected: DisconnectedInputs = .raise) throws -> [Expr] {
    for v in wrt where !v.dtype.isFloatingPoint {
        throw GraphError.gradient("cannot differentiate with respect to \(v.name ?? "an expression") of integer type \(v.type)")
    }
    let seeded = zip(outputs, cotangents).filter { $0.1 != nil }
    let order = GraphTraversal.topologicalOrder(seeded.map(\.0))
    // Only nodes on a path from a `wrt` variable to an output need gradients.
    let targets = Set(wrt.map(ObjectIdentifier.init))
    var relevant = Set<ObjectIdentifier>()
    for node in order {
        if targets.contains(ObjectIdentifier(node)) || node.inputs.contains(where: { relevant.contains(ObjectIdentifier($0)) }) {
            relevant.insert(ObjectIdentifier(node))
        }
    }
    var gradients: [ObjectIdentifier: Expr] = [:]
    func accumulate(_ node: Expr, _ part: Expr) throws {
        let key = ObjectIdentifier(node)
        gradients[key] = try gradients[key].map { try $0 + part } ?? part
    }
    for (output, cotangent) in seeded {
        guard let cotangent else { continue }
        guard cotangent.rank == output.rank else {
            throw GraphError.gradient("the cotangent \(cotangent.type) does not match the output \(output.type)")
        }
        try accumulate(output, cotangent)
    }
    // Gradients of the results k ≥ 1 of multi-output applications, and their selector nodes.
    var resultGradients: [ObjectIdentifier: [Int: Expr]] = [:]
    var selectors: [ObjectIdentifier: [Int: Expr]] = [:]
    for node in order {
        if let (main, k) = node.selectedOutput { selectors[ObjectIdentifier(main), default: [:]][k] = node }
    }
    for node in order.reversed() {
        guard case .apply(let op, let inputs) = node.kind,
              inputs.contains(where: { relevant.contains(ObjectIdentifier($0)) }) else { continue }
        let parts: [Expr?]
        if let (main, k) = node.selectedOutput {
            if let g = gradients[ObjectIdentifier(node)] {
                let key = ObjectIdentifier(main)
                resultGradients[key, default: [:]][k] = try resultGradients[key]?[k].map { try $0 + g } ?? g
            }
            continue
        } else if let multi = op as? any MultiOutputOp {
            let key = ObjectIdentifier(node)
            let others = resultGradients[key] ?? [:]
            guard gradients[key] != nil || !others.isEmpty else { continue }
            let types = try multi.outputTypes(inputs.map(\.type))
            let results: [Expr] = [node] + types.indices.dropFirst().map { k in
                selectors[key]?[k] ?? Expr(type: types[k], kind: .apply(OutputOfOp(index: k, resultType: types[k]), [node]), name: nil)
            }
            let resultGrads: [Expr?] = [gradients[key]] + types.indices.dropFirst().map { others[$0] }
            parts = try multi.gradient(inputs: inputs, outputs: results, outputGradients: resultGrads)
        } else {
            guard let g = gradients[ObjectIdentifier(node)] else { continue }
            parts = try op.gradient(inputs: inputs, output: node, outputGradient: g)
        }
        for (input, part) in zip(inputs, parts) {
            guard let part, relevant.contains(ObjectIdentifier(input)) else { continue }
            guard part.type.rank == input.rank else {
                throw GraphError.gradient("internal: gradient of \(op.name) for operand \(input.type) has type \(part.type)")
            }
            try accumulate(input, part)
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
