import LaminaTensor

/// `concatenate{axis=0}` whose operands may each be read through a step-1
/// range of their first axis, in place: what `concatenate([a, b[lo:hi]])`
/// becomes when compiled (``CompileOptions/concatenateSlicesInPlace``), so the
/// block `b[lo:hi]`, contiguous in memory, is not copied out first. The
/// backward pass of a loop builds the previous states this way,
/// `concatenate([h₀, h[:-1]])`.
///
/// The compiler builds it after differentiation, so it has no gradient.
package struct ConcatOfRangesOp: Op {
    /// Per operand: the range of its first axis that is read (nil: all of it).
    public let ranges: [SliceIndex?]

    public init(ranges: [SliceIndex?]) {
        self.ranges = ranges
    }

    public var name: String { "concatenate_ranges" }
    public var description: String {
        "concatenate{axis=0, " + ranges.map { $0.map(\.description) ?? ":" }.joined(separator: " | ") + "}"
    }

    public func outputType(_ inputs: [TensorType]) throws -> TensorType {
        guard inputs.count == ranges.count else {
            throw GraphError.invalidArgument(op: name, detail: "expects \(ranges.count) operands, got \(inputs.count)")
        }
        let parts = try zip(inputs, ranges).map { type, range -> TensorType in
            guard let range else { return type }
            guard type.rank >= 1 else { throw GraphError.shapeMismatch(op: name, operands: inputs, detail: "a ranged operand needs a first axis") }
            var shape = type.shape
            shape[0] = type.shape[0].flatMap { n in try? ResolvedSlice([range], shape: [n]).count[0] }
            return TensorType(type.dtype, shape)
        }
        return try ConcatOp(axis: 0).outputType(parts)
    }

    public func outputShape(_ inputs: [[Int]]) throws -> [Int] {
        try ConcatOp(axis: 0).outputShape(try blocks(inputs).map(\.shape))
    }

    public func evaluate(_ inputs: [RawOperand], into output: RawOutput, shape: [Int]) throws {
        let elementSize = output.dtype.byteSize
        let parts = try zip(inputs, blocks(inputs.map(\.shape))).map { input, block in
            (pointer: input.pointer + block.firstRow * block.shape.dropFirst().reduce(1, *) * elementSize, shape: block.shape)
        }
        ShapeKernels.concatenate(parts, axis: 0, elementSize: elementSize, into: output.pointer)
    }

    public func gradient(inputs: [Expr], output: Expr, outputGradient g: Expr) throws -> [Expr?] {
        throw GraphError.gradient("\(name) is built by the compiler after differentiation and has no gradient")
    }

    /// Per operand: the first row read and the shape of the block read.
    private func blocks(_ shapes: [[Int]]) throws -> [(firstRow: Int, shape: [Int])] {
        try zip(shapes, ranges).map { shape, range in
            guard let range else { return (0, shape) }
            let resolved = try runKernel(name) { try ResolvedSlice([range], shape: shape) }
            return (resolved.start[0], [resolved.count[0]] + shape.dropFirst())
        }
    }
}
