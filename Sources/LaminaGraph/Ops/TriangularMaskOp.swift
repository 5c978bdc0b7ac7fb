import LaminaTensor

/// The causal mask for an array of attention scores (…, m, n): a float
/// (m, n) array with mᵢⱼ = 1 where j ≤ i + offset and 0 elsewhere (NumPy's
/// `tril(ones((m, n)), k=offset)`). Only the operand's last two sizes and its
/// dtype are read, so the mask follows sizes known only at run time. It has no
/// gradient (it is a constant of the operand's shape).
public struct TriangularMaskOp: Op {
    /// The diagonal kept: 0 keeps j ≤ i (PyTorch's `is_causal`), 1 also the first superdiagonal.
    public let offset: Int
    public init(offset: Int = 0) { self.offset = offset }
    public var name: String { "tril_mask" }
    public var description: String { offset == 0 ? name : "tril_mask{\(offset)}" }
    public func outputType(_ inputs: [TensorType]) throws -> TensorType {
        try expectArity(inputs, 1)
        guard inputs[0].dtype.isFloatingPoint, inputs[0].rank >= 2 else {
            throw GraphError.typeMismatch(op: name, operands: inputs, detail: "needs a float array of rank ≥ 2 (…, rows, columns)")
        }
        return TensorType(inputs[0].dtype, Array(inputs[0].shape.suffix(2)))
    }
    public func outputShape(_ inputs: [[Int]]) throws -> [Int] { Array(inputs[0].suffix(2)) }
    public func evaluate(_ inputs: [RawOperand], into output: RawOutput, shape: [Int]) throws {
        let (rows, columns) = (shape[0], shape[1])
        let size = output.dtype.byteSize
        fillRaw(output.pointer, count: rows * columns, dtype: output.dtype, value: 0)
        for i in 0..<rows {
            let kept = Swift.min(Swift.max(i + offset + 1, 0), columns)
            if kept > 0 { fillRaw(output.pointer + i * columns * size, count: kept, dtype: output.dtype, value: 1) }
        }
    }
    public func gradient(inputs: [Expr], output: Expr, outputGradient: Expr) throws -> [Expr?] { noGradient(inputs) }
}

extension Expr {
    /// The causal mask (rows, columns) for `self` of shape (…, rows, columns):
    /// 1 where column ≤ row + offset, else 0 (see ``TriangularMaskOp``).
    public func triangularMask(offset: Int = 0) throws -> Expr {
        try Expr.apply(TriangularMaskOp(offset: offset), [self])
    }
}
