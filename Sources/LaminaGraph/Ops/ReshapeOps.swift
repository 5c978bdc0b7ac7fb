import LaminaTensor

/// One entry of a reshape target (Lasagne's `ReshapeLayer` spec).
public enum ReshapeEntry: Hashable, Sendable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    /// A fixed size.
    case size(Int)
    /// The size of the operand's axis `i` (Lasagne's `[i]`).
    case copy(Int)
    /// Whatever size makes the element count match (Lasagne's `-1`); at most one.
    case infer

    public init(integerLiteral value: Int) { self = value == -1 ? .infer : .size(value) }

    public var description: String {
        switch self {
        case .size(let n): return "\(n)"
        case .copy(let i): return "[\(i)]"
        case .infer: return "-1"
        }
    }
}

/// Reshape without copying (a view of the operand's memory).
public struct ReshapeOp: Op {
    public let target: [ReshapeEntry]
    public var name: String { "reshape" }
    public var description: String { "reshape{\(target.map(\.description).joined(separator: ","))}" }
    public var isView: Bool { true }

    public func outputType(_ inputs: [TensorType]) throws -> TensorType {
        try expectArity(inputs, 1)
        let x = inputs[0]
        guard target.filter({ $0 == .infer }).count <= 1 else {
            throw GraphError.invalidArgument(op: name, detail: "target \(target) has more than one -1")
        }
        var shape: [Int?] = try target.map {
            switch $0 {
            case .size(let n):
                guard n >= 0 else { throw GraphError.invalidArgument(op: name, detail: "negative size \(n) in target \(target)") }
                return n
            case .copy(let i):
                guard i >= 0 && i < x.rank else { throw GraphError.invalidArgument(op: name, detail: "target entry [\(i)] is out of range for \(x)") }
                return x.shape[i]
            case .infer: return nil
            }
        }
        let known = shape.compactMap { $0 }.reduce(1, *)
        if x.isFullyKnown {
            let count = x.shape.reduce(1) { $0 * $1! }
            if let inferAt = target.firstIndex(of: .infer) {
                guard known > 0, count % known == 0 else {
                    throw GraphError.shapeMismatch(op: name, operands: [x], detail: "cannot reshape \(count) elements to \(target)")
                }
                shape[inferAt] = count / known
            } else if shape.allSatisfy({ $0 != nil }) && known != count {
                throw GraphError.shapeMismatch(op: name, operands: [x], detail: "cannot reshape \(count) elements to \(target)")
            }
        }
        return TensorType(x.dtype, shape)
    }

    public func outputShape(_ inputs: [[Int]]) throws -> [Int] {
        let x = inputs[0]
        let raw = target.map { entry -> Int in
            switch entry {
            case .size(let n): return n
            case .copy(let i): return x[i]
            case .infer: return -1
            }
        }
        return try runKernel(name) { try resolveReshape(raw, count: x.reduce(1, *), from: x) }
    }

    public func evaluate(_ inputs: [RawOperand], into output: RawOutput, shape: [Int]) throws {}

    public func gradient(inputs: [Expr], output: Expr, outputGradient g: Expr) throws -> [Expr?] {
        [try g.reshape(like: inputs[0])]
    }
}

/// Reshape of the first operand to the run-time shape of the second (a view).
public struct ReshapeLikeOp: Op {
    public var name: String { "reshape_like" }
    public var isView: Bool { true }
    public func outputType(_ inputs: [TensorType]) throws -> TensorType {
        try expectArity(inputs, 2)
        return TensorType(inputs[0].dtype, inputs[1].shape)
    }
    public func outputShape(_ inputs: [[Int]]) throws -> [Int] {
        guard inputs[0].reduce(1, *) == inputs[1].reduce(1, *) else {
            throw GraphError.runtime(op: name, detail: "cannot reshape \(formatShape(inputs[0])) to \(formatShape(inputs[1]))")
        }
        return inputs[1]
    }
    public func evaluate(_ inputs: [RawOperand], into output: RawOutput, shape: [Int]) throws {}
    public func gradient(inputs: [Expr], output: Expr, outputGradient g: Expr) throws -> [Expr?] {
        [try g.reshape(like: inputs[0]), nil]
    }
}

extension Expr {
    /// The same elements with a new shape; entries are sizes, `.copy(i)` or one `.infer` (-1).
    public func reshape(_ target: [ReshapeEntry]) throws -> Expr {
        try Expr.apply(ReshapeOp(target: target), [self])
    }

    /// The same elements with the run-time shape of `other`.
    public func reshape(like other: Expr) throws -> Expr {
        if other.type == type && type.isFullyKnown { return self }
        return try Expr.apply(ReshapeLikeOp(), [self, other])
    }

    /// Keeps the first `ndim − 1` axes and flattens the rest into the last (Theano's `flatten(ndim)`).
    public func flatten(ndim: Int = 1) throws -> Expr {
        guard ndim >= 1 && ndim <= Swift.max(rank, 1) else {
            throw GraphError.invalidArgument(op: "flatten", detail: "ndim \(ndim) is out of range for \(type)")
        }
        let kept: [ReshapeEntry] = (0..<(ndim - 1)).map { i in shape[i].map { .size($0) } ?? .copy(i) }
        return try reshape(kept + [.infer])
    }
}
