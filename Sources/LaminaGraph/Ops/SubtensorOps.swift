import LaminaTensor

/// Static result shape of a basic slice, with unknown sizes where they cannot be computed.
func staticSliceShape(_ x: TensorType, _ indices: [SliceIndex], op: String) throws -> [Int?] {
    guard indices.count <= x.rank else {
        throw GraphError.invalidArgument(op: op, detail: "\(indices.count) indices for \(x)")
    }
    var shape: [Int?] = []
    for axis in 0..<x.rank {
        let index = axis < indices.count ? indices[axis] : .all
        switch index {
        case .index(let i):
            if let n = x.shape[axis], (i >= n || i < -n) {
                throw GraphError.invalidArgument(op: op, detail: "index \(i) is out of range for axis \(axis) of \(x)")
            }
        case .range(_, _, let step):
            guard step != 0 else { throw GraphError.invalidArgument(op: op, detail: "slice step cannot be zero") }
            if let n = x.shape[axis] {
                shape.append(try ResolvedSlice([index], shape: [n]).count[0])
            } else if index == .all {
                shape.append(nil)
            } else {
                shape.append(nil)
            }
        }
    }
    return shape
}

/// Basic slicing `x[indices]` (copies the region).
public struct SliceOp: Op {
    public let indices: [SliceIndex]
    public var name: String { "subtensor" }
    public var description: String { "subtensor[\(indices.map(\.description).joined(separator: ", "))]" }
    public func outputType(_ inputs: [TensorType]) throws -> TensorType {
        try expectArity(inputs, 1)
        return TensorType(inputs[0].dtype, try staticSliceShape(inputs[0], indices, op: name))
    }
    public func outputShape(_ inputs: [[Int]]) throws -> [Int] {
        try runKernel(name) { try ResolvedSlice(indices, shape: inputs[0]).resultShape }
    }
    public func evaluate(_ inputs: [RawOperand], into output: RawOutput, shape: [Int]) throws {
        let resolved = try runKernel(name) { try ResolvedSlice(indices, shape: inputs[0].shape) }
        ShapeKernels.sliceCopy(inputs[0].pointer, shape: inputs[0].shape, elementSize: output.dtype.byteSize, slice: resolved, into: output.pointer)
    }
    public func gradient(inputs: [Expr], output: Expr, outputGradient g: Expr) throws -> [Expr?] {
        guard inputs[0].dtype.isFloatingPoint else { return [nil] }
        return [try inputs[0].zerosLike().settingSubtensor(indices, to: g, accumulate: true)]
    }
}

/// `x` with the region `x[indices]` replaced by (or incremented by) `values`,
/// which broadcast to the region (Theano's `set_subtensor` / `inc_subtensor`).
public struct SetSubtensorOp: Op {
    public let indices: [SliceIndex]
    public let accumulate: Bool
    public var name: String { accumulate ? "inc_subtensor" : "set_subtensor" }
    public var description: String { "\(name)[\(indices.map(\.description).joined(separator: ", "))]" }
    public func canOverwrite(operand: Int) -> Bool { operand == 0 }
    public func outputType(_ inputs: [TensorType]) throws -> TensorType {
        try expectArity(inputs, 2)
        let region = try staticSliceShape(inputs[0], indices, op: name)
        _ = try TensorType.broadcastShape([TensorType(inputs[0].dtype, region), inputs[1]], op: name)
        guard inputs[1].rank <= region.count else {
            throw GraphError.shapeMismatch(op: name, operands: inputs, detail: "values have more axes than the region")
        }
        return inputs[0]
    }
    public func outputShape(_ inputs: [[Int]]) throws -> [Int] { inputs[0] }
    public func evaluate(_ inputs: [RawOperand], into output: RawOutput, shape: [Int]) throws {
        let x = inputs[0], v = inputs[1]
        let resolved = try runKernel(name) { try ResolvedSlice(indices, shape: x.shape) }
        let region = resolved.resultShape
        guard (try? Broadcasting.shape([v.shape, region], operation: name)) == region else {
            throw GraphError.runtime(op: name, detail: "values of shape \(formatShape(v.shape)) do not broadcast to the region \(formatShape(region))")
        }
        if x.pointer != UnsafeRawPointer(output.pointer) {
            output.pointer.copyMemory(from: x.pointer, byteCount: shape.reduce(1, *) * output.dtype.byteSize)
        }
        // Values broadcast and converted to the target dtype first.
        let count = region.reduce(1, *)
        let staged = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(count * output.dtype.byteSize, 1), alignment: 64)
        defer { staged.deallocate() }
        var copy = ElementwiseProgram()
        copy.outputs = [copy.append(.input(0))]
        ElementwiseKernel.run(copy, operands: [v], outputs: [RawOutput(pointer: staged, dtype: output.dtype)], shape: region)
        ShapeKernels.sliceWrite(output.pointer, shape: shape, dtype: output.dtype, slice: resolved, values: UnsafeRawPointer(staged), accumulate: accumulate)
    }
    public func gradient(inputs: [Expr], output: Expr, outputGradient g: Expr) throws -> [Expr?] {
        let x = inputs[0], v = inputs[1]
        let gx = accumulate ? g : try g.settingSubtensor(indices, to: g.literal(0))
        let gv = v.dtype.isFloatingPoint ? try unbroadcast(g.subtensor(indices), to: v) : nil
        return [x.dtype.isFloatingPoint ? gx : nil, gv]
    }
}

extension Expr {
    /// Basic slicing: `x.subtensor([.index(0), .range(1, nil)])` is NumPy's `x[0, 1:]`.
    public func subtensor(_ indices: [SliceIndex]) throws -> Expr {
        try Expr.apply(SliceOp(indices: indices), [self])
    }

    /// A copy of `self` with the region at `indices` set to `values` (or incremented by them).
    public func settingSubtensor(_ indices: [SliceIndex], to values: Expr, accumulate: Bool = false) throws -> Expr {
        try Expr.apply(SetSubtensorOp(indices: indices, accumulate: accumulate), [self, values])
    }
}
