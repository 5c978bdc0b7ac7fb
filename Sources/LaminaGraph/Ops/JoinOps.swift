import LaminaTensor

/// Joins operands along an existing axis.
public struct ConcatOp: Op {
    public let axis: Int
    public var name: String { "concatenate" }
    public var description: String { "concatenate{axis=\(axis)}" }
    public func outputType(_ inputs: [TensorType]) throws -> TensorType {
        guard let first = inputs.first else { throw GraphError.invalidArgument(op: name, detail: "needs at least one operand") }
        for t in inputs {
            guard t.dtype == first.dtype else { throw GraphError.typeMismatch(op: name, operands: inputs, detail: "dtypes differ") }
            guard t.rank == first.rank, axis < t.rank else {
                throw GraphError.shapeMismatch(op: name, operands: inputs, detail: "ranks differ or axis \(axis) is out of range")
            }
            for i in 0..<t.rank where i != axis {
                if let a = t.shape[i], let b = first.shape[i], a != b {
                    throw GraphError.shapeMismatch(op: name, operands: inputs, detail: "sizes differ on axis \(i)")
                }
            }
        }
        var shape = first.shape.enumerated().map { i, s in s ?? inputs.lazy.compactMap { $0.shape[i] }.first }
        let sizes = inputs.map { $0.shape[axis] }
        shape[axis] = sizes.contains(where: { $0 == nil }) ? nil : sizes.reduce(0) { $0 + $1! }
        return TensorType(first.dtype, shape)
    }
    public func outputShape(_ inputs: [[Int]]) throws -> [Int] {
        let first = inputs[0]
        for s in inputs where s.count != first.count || s.enumerated().contains(where: { $0.offset != axis && $0.element != first[$0.offset] }) {
            throw GraphError.runtime(op: name, detail: "shapes \(inputs.map(formatShape).joined(separator: ", ")) differ outside axis \(axis)")
        }
        var shape = first
        shape[axis] = inputs.reduce(0) { $0 + $1[axis] }
        return shape
    }
    public func evaluate(_ inputs: [RawOperand], into output: RawOutput, shape: [Int]) throws {
        ShapeKernels.concatenate(inputs, axis: axis, elementSize: output.dtype.byteSize, into: output.pointer)
    }
    public func gradient(inputs: [Expr], output: Expr, outputGradient g: Expr) throws -> [Expr?] {
        try inputs.indices.map { k in try Expr.apply(ConcatPartOp(axis: axis, part: k), [g] + inputs) }
    }
}

/// The part of a concatenation that came from operand `part`: operand 0 is
/// the concatenated array, the rest are the original operands (for their sizes).
public struct ConcatPartOp: Op {
    public let axis: Int
    public let part: Int
    public var name: String { "concat_part" }
    public var description: String { "concat_part{axis=\(axis), part=\(part)}" }
    public func outputType(_ inputs: [TensorType]) throws -> TensorType { TensorType(inputs[0].dtype, inputs[part + 1].shape) }
    public func outputShape(_ inputs: [[Int]]) throws -> [Int] { inputs[part + 1] }
    public func evaluate(_ inputs: [RawOperand], into output: RawOutput, shape: [Int]) throws {
        let start = inputs[1..<(part + 1)].reduce(0) { $0 + $1.shape[axis] }
        var indices = [SliceIndex](repeating: .all, count: shape.count)
        indices[axis] = .range(start, start + shape[axis])
        let resolved = try runKernel(name) { try ResolvedSlice(indices, shape: inputs[0].shape) }
        ShapeKernels.sliceCopy(inputs[0].pointer, shape: inputs[0].shape, elementSize: output.dtype.byteSize, slice: resolved, into: output.pointer)
    }
    public func gradient(inputs: [Expr], output: Expr, outputGradient g: Expr) throws -> [Expr?] {
        let pieces = try inputs.dropFirst().enumerated().map { k, x in k == part ? g : try x.zerosLike().cast(to: g.dtype) }
        return [try Expr.concatenate(Array(pieces), axis: axis)] + inputs.dropFirst().map { _ in nil }
    }
}

extension Expr {
    /// Joins expressions along `axis`.
    public static func concatenate(_ parts: [Expr], axis: Int) throws -> Expr {
        guard let first = parts.first else { throw GraphError.invalidArgument(op: "concatenate", detail: "needs at least one operand") }
        return try Expr.apply(ConcatOp(axis: normalizeAxis(axis, rank: first.rank, op: "concatenate")), parts)
    }

    /// Stacks equally shaped expressions along a new axis.
    public static func stack(_ parts: [Expr], axis: Int = 0) throws -> Expr {
        guard let first = parts.first else { throw GraphError.invalidArgument(op: "stack", detail: "needs at least one operand") }
        let a = axis < 0 ? axis + first.rank + 1 : axis
        return try concatenate(parts.map { try $0.expandingAxis(at: a) }, axis: a)
    }
}
