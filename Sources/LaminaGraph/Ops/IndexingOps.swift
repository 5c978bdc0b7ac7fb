import LaminaTensor

/// Integer indexing along an axis, `take(x, indices, axis)`: the result's
/// shape is `x.shape[..<axis] + indices.shape + x.shape[(axis+1)...]`.
/// An embedding lookup is `W.take(tokens, axis: 0)`; its gradient is a
/// scatter-add into a zero array of W's shape.
public struct TakeOp: Op {
    public let axis: Int
    public var name: String { "take" }
    public var description: String { "take{axis=\(axis)}" }
    public func outputType(_ inputs: [TensorType]) throws -> TensorType {
        try expectArity(inputs, 2)
        guard inputs[1].dtype == .int32 else {
            throw GraphError.typeMismatch(op: name, operands: inputs, detail: "indices must be int32")
        }
        let x = inputs[0]
        return TensorType(x.dtype, Array(x.shape[..<axis]) + inputs[1].shape + Array(x.shape[(axis + 1)...]))
    }
    public func outputShape(_ inputs: [[Int]]) throws -> [Int] {
        Array(inputs[0][..<axis]) + inputs[1] + Array(inputs[0][(axis + 1)...])
    }
    public func evaluate(_ inputs: [RawOperand], into output: RawOutput, shape: [Int]) throws {
        try runKernel(name) {
            try ShapeKernels.gather(inputs[0].pointer, shape: inputs[0].shape, elementSize: output.dtype.byteSize, axis: axis,
                                    indices: inputs[1].pointer.assumingMemoryBound(to: Int32.self),
                                    indexCount: inputs[1].shape.reduce(1, *), into: output.pointer)
        }
    }
    public func gradient(inputs: [Expr], output: Expr, outputGradient g: Expr) throws -> [Expr?] {
        guard inputs[0].dtype.isFloatingPoint else { return [nil, nil] }
        return [try Expr.apply(ScatterAddOp(axis: axis), [inputs[0], inputs[1], g]), nil]
    }
}

/// Zeros of the first operand's shape, with `values` added at `indices`
/// along `axis` (the adjoint of ``TakeOp``; repeated indices accumulate).
public struct ScatterAddOp: Op {
    public let axis: Int
    public var name: String { "scatter_add" }
    public var description: String { "scatter_add{axis=\(axis)}" }
    public func outputType(_ inputs: [TensorType]) throws -> TensorType {
        try expectArity(inputs, 3)
        return TensorType(inputs[2].dtype, inputs[0].shape)
    }
    public func outputShape(_ inputs: [[Int]]) throws -> [Int] { inputs[0] }
    public func evaluate(_ inputs: [RawOperand], into output: RawOutput, shape: [Int]) throws {
        fillRaw(output.pointer, count: shape.reduce(1, *), dtype: output.dtype, value: 0)
        try runKernel(name) {
            try ShapeKernels.scatterAdd(into: output.pointer, shape: shape, dtype: output.dtype, axis: axis,
                                        indices: inputs[1].pointer.assumingMemoryBound(to: Int32.self),
                                        indexCount: inputs[1].shape.reduce(1, *), values: inputs[2].pointer)
        }
    }
    public func gradient(inputs: [Expr], output: Expr, outputGradient g: Expr) throws -> [Expr?] {
        [nil, nil, try Expr.apply(TakeOp(axis: axis), [g, inputs[1]])]
    }
}

/// One-hot encoding of int32 class indices: a new last axis of size `depth`.
/// An index outside `0..<depth` gives a row of zeros.
public struct OneHotOp: Op {
    public let depth: Int
    public let dtype: DType
    public var name: String { "one_hot" }
    public var description: String { "one_hot{\(depth), \(dtype)}" }
    public func outputType(_ inputs: [TensorType]) throws -> TensorType {
        try expectArity(inputs, 1)
        guard inputs[0].dtype == .int32 else { throw GraphError.typeMismatch(op: name, operands: inputs, detail: "indices must be int32") }
        return TensorType(dtype, inputs[0].shape + [depth])
    }
    public func outputShape(_ inputs: [[Int]]) throws -> [Int] { inputs[0] + [depth] }
    public func evaluate(_ inputs: [RawOperand], into output: RawOutput, shape: [Int]) throws {
        let n = inputs[0].shape.reduce(1, *)
        fillRaw(output.pointer, count: n * depth, dtype: output.dtype, value: 0)
        let idx = inputs[0].pointer.assumingMemoryBound(to: Int32.self)
        for i in 0..<n where idx[i] >= 0 && Int(idx[i]) < depth {
            fillRaw(output.pointer + (i * depth + Int(idx[i])) * output.dtype.byteSize, count: 1, dtype: output.dtype, value: 1)
        }
    }
    public func gradient(inputs: [Expr], output: Expr, outputGradient: Expr) throws -> [Expr?] { [nil] }
}

/// The run-time shape of the operand as an int32 vector (Theano's `x.shape`).
public struct ShapeOfOp: Op {
    public var name: String { "shape" }
    public func outputType(_ inputs: [TensorType]) throws -> TensorType { TensorType(.int32, [inputs[0].rank]) }
    public func outputShape(_ inputs: [[Int]]) throws -> [Int] { [inputs[0].count] }
    public func evaluate(_ inputs: [RawOperand], into output: RawOutput, shape: [Int]) throws {
        let p = output.pointer.assumingMemoryBound(to: Int32.self)
        for (i, s) in inputs[0].shape.enumerated() { p[i] = Int32(s) }
    }
    public func gradient(inputs: [Expr], output: Expr, outputGradient: Expr) throws -> [Expr?] { [nil] }
}

/// Identity on the forward pass; clips the gradient flowing back to
/// [low, high] (Theano's `grad_clip`, used by recurrent layers' `grad_clipping`).
public struct GradientClipOp: Op {
    public let low: Double
    public let high: Double
    public var name: String { "grad_clip" }
    public var description: String { "grad_clip{\(low), \(high)}" }
    public var isView: Bool { true }
    public func outputType(_ inputs: [TensorType]) throws -> TensorType { try expectArity(inputs, 1); return inputs[0] }
    public func outputShape(_ inputs: [[Int]]) throws -> [Int] { inputs[0] }
    public func evaluate(_ inputs: [RawOperand], into output: RawOutput, shape: [Int]) throws {}
    public func gradient(inputs: [Expr], output: Expr, outputGradient g: Expr) throws -> [Expr?] {
        [try g.clip(low, high)]
    }
}

extension Expr {
    /// Elements at int32 `indices` along `axis` (an embedding lookup for axis 0).
    public func take(_ indices: Expr, axis: Int = 0) throws -> Expr {
        try Expr.apply(TakeOp(axis: normalizeAxis(axis, rank: rank, op: "take")), [self, indices])
    }
    /// One-hot rows for int32 class indices.
    public func oneHot(depth: Int, dtype: DType = .float32) throws -> Expr {
        try Expr.apply(OneHotOp(depth: depth, dtype: dtype), [self])
    }
    /// The run-time shape as an int32 vector.
    public func shapeOf() throws -> Expr { try Expr.apply(ShapeOfOp(), [self]) }
    /// Identity whose gradient is clipped to [low, high].
    public func gradientClipped(_ low: Double, _ high: Double) throws -> Expr {
        try Expr.apply(GradientClipOp(low: low, high: high), [self])
    }
}
