import LaminaTensor

/// A reduction (sum, mean, max, min, prod) over some axes.
public struct ReduceOp: Op {
    public let kind: ReductionKind
    /// Normalized, sorted axes.
    public let axes: [Int]
    public let keepDims: Bool

    public var name: String { kind.rawValue }
    public var description: String { "\(kind.rawValue){axes=\(axes)\(keepDims ? ", keepdims" : "")}" }

    public func outputType(_ inputs: [TensorType]) throws -> TensorType {
        try expectArity(inputs, 1)
        let x = inputs[0]
        let shape: [Int?] = keepDims ? x.shape.enumerated().map { axes.contains($0.offset) ? 1 : $0.element }
            : x.shape.enumerated().filter { !axes.contains($0.offset) }.map(\.element)
        return TensorType(kind.resultType(x.dtype), shape)
    }

    public func outputShape(_ inputs: [[Int]]) throws -> [Int] {
        Reduction.resultShape(inputs[0], axes: axes, keepDims: keepDims)
    }

    public func evaluate(_ inputs: [RawOperand], into output: RawOutput, shape: [Int]) throws {
        try runKernel(name) {
            try Reduction.run(kind, input: inputs[0].pointer, dtype: inputs[0].dtype, shape: inputs[0].shape,
                              axes: axes, output: output.pointer)
        }
    }

    public func gradient(inputs: [Expr], output: Expr, outputGradient g: Expr) throws -> [Expr?] {
        let x = inputs[0]
        guard x.dtype.isFloatingPoint else { return [nil] }
        // g and the output with the reduced axes restored as size 1, broadcast back over x.
        let gFull = try g.restoringAxes(axes, keptDims: keepDims).broadcast(like: x)
        switch kind {
        case .sum:
            return [gFull]
        case .mean:
            return [try gFull / Expr.apply(CountOp(axes: axes), [x])]
        case .max, .min:
            let y = try output.restoringAxes(axes, keptDims: keepDims)
            let mask = try x.isEqual(to: y)
            return [try Expr.select(mask, gFull, gFull.zerosLike())]
        case .prod:
            let y = try output.restoringAxes(axes, keptDims: keepDims)
            return [try gFull * y / x]
        }
    }
}

extension Expr {
    /// Reinserts reduced axes as broadcastable size-1 axes (a no-op if they were kept).
    func restoringAxes(_ axes: [Int], keptDims: Bool) throws -> Expr {
        if keptDims || axes.isEmpty { return self }
        var pattern: [Int?] = []
        var next = 0
        for axis in 0..<(rank + axes.count) {
            if axes.contains(axis) { pattern.append(nil) } else { pattern.append(next); next += 1 }
        }
        return try dimshuffle(pattern)
    }
}

/// The number of elements a reduction over `axes` of its operand combines,
/// as a scalar of the operand's dtype (used by the gradient of `mean`).
public struct CountOp: Op {
    public let axes: [Int]
    public var name: String { "count" }
    public var description: String { "count{axes=\(axes)}" }
    public func outputType(_ inputs: [TensorType]) throws -> TensorType { TensorType(inputs[0].dtype, []) }
    public func outputShape(_ inputs: [[Int]]) throws -> [Int] { [] }
    public func evaluate(_ inputs: [RawOperand], into output: RawOutput, shape: [Int]) throws {
        let n = axes.reduce(1) { $0 * inputs[0].shape[$1] }
        fillRaw(output.pointer, count: 1, dtype: output.dtype, value: Double(n))
    }
    public func gradient(inputs: [Expr], output: Expr, outputGradient: Expr) throws -> [Expr?] { noGradient(inputs) }
}

/// Index of the largest element along an axis (int32); no gradient.
public struct ArgmaxOp: Op {
    public let axis: Int
    public let keepDims: Bool
    public var name: String { "argmax" }
    public var description: String { "argmax{axis=\(axis)\(keepDims ? ", keepdims" : "")}" }
    public func outputType(_ inputs: [TensorType]) throws -> TensorType {
        try expectArity(inputs, 1)
        var shape = inputs[0].shape
        if keepDims { shape[axis] = 1 } else { shape.remove(at: axis) }
        return TensorType(.int32, shape)
    }
    public func outputShape(_ inputs: [[Int]]) throws -> [Int] {
        Reduction.resultShape(inputs[0], axes: [axis], keepDims: keepDims)
    }
    public func evaluate(_ inputs: [RawOperand], into output: RawOutput, shape: [Int]) throws {
        try runKernel(name) {
            try Reduction.argmax(input: inputs[0].pointer, dtype: inputs[0].dtype, shape: inputs[0].shape, axis: axis,
                                 output: output.pointer.assumingMemoryBound(to: Int32.self))
        }
    }
    public func gradient(inputs: [Expr], output: Expr, outputGradient: Expr) throws -> [Expr?] { [nil] }
}

extension Expr {
    /// Reduction over `axes` (every axis when `nil`); negative axes count from the end.
    public func reduce(_ kind: ReductionKind, axes: [Int]? = nil, keepDims: Bool = false) throws -> Expr {
        let normalized = try (axes ?? Array(0..<rank)).map { try normalizeAxis($0, rank: rank, op: kind.rawValue) }
        guard Set(normalized).count == normalized.count else {
            throw GraphError.invalidArgument(op: kind.rawValue, detail: "axes \(axes ?? []) repeat an axis")
        }
        return try Expr.apply(ReduceOp(kind: kind, axes: normalized.sorted(), keepDims: keepDims), [self])
    }
    /// Σ over `axes` (all when `nil`).
    public func sum(axes: [Int]? = nil, keepDims: Bool = false) throws -> Expr { try reduce(.sum, axes: axes, keepDims: keepDims) }
    /// Mean over `axes` (all when `nil`).
    public func mean(axes: [Int]? = nil, keepDims: Bool = false) throws -> Expr { try reduce(.mean, axes: axes, keepDims: keepDims) }
    /// Maximum over `axes` (all when `nil`); the gradient goes to every maximal element.
    public func max(axes: [Int]? = nil, keepDims: Bool = false) throws -> Expr { try reduce(.max, axes: axes, keepDims: keepDims) }
    /// Minimum over `axes` (all when `nil`).
    public func min(axes: [Int]? = nil, keepDims: Bool = false) throws -> Expr { try reduce(.min, axes: axes, keepDims: keepDims) }
    /// Product over `axes` (all when `nil`); its gradient y/x is undefined where x = 0.
    public func prod(axes: [Int]? = nil, keepDims: Bool = false) throws -> Expr { try reduce(.prod, axes: axes, keepDims: keepDims) }
    /// Index of the largest element along `axis` (int32).
    public func argmax(axis: Int = -1, keepDims: Bool = false) throws -> Expr {
        try Expr.apply(ArgmaxOp(axis: normalizeAxis(axis, rank: rank, op: "argmax"), keepDims: keepDims), [self])
    }
}
