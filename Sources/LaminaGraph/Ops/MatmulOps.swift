import LaminaTensor

/// The static result shape of op(a)·op(b), by ``MatmulShapeRule``; the graph's
/// matrix-product ops take a matrix or a batch of matrices on each side (no vectors).
func matmulStaticShape(_ a: TensorType, _ b: TensorType, transposeA: Bool, transposeB: Bool, op: String) throws -> [Int?] {
    func fail(_ why: String) -> GraphError {
        .shapeMismatch(op: op, operands: [a, b], detail: why + (transposeA || transposeB ? " (transposeA: \(transposeA), transposeB: \(transposeB))" : ""))
    }
    guard a.dtype == b.dtype, a.dtype.isFloatingPoint else {
        throw GraphError.typeMismatch(op: op, operands: [a, b], detail: "operands must both be float32 or both float64")
    }
    guard (a.rank >= 3 && b.rank >= 3) || (b.rank == 2 && a.rank >= 2) else {
        throw fail("expects a matrix (or a batch of matrices) on each side")
    }
    do throws(MatmulShapeRule.Mismatch) {
        return try MatmulShapeRule.resolve(a.shape, b.shape, transposeA: transposeA, transposeB: transposeB).resultShape
    } catch {
        throw fail(error.reason)
    }
}

/// The matrix product op(a)·op(b), through BLAS. Transposes are flags passed
/// to BLAS. Forms: matrix·matrix; (..., k)·(k, n) as in Theano's `dot`
/// (leading axes of `a` act as rows); and batched (B..., m, k)·(B..., k, n).
public struct MatmulOp: Op {
    public let transposeA: Bool
    public let transposeB: Bool
    public init(transposeA: Bool = false, transposeB: Bool = false) {
        self.transposeA = transposeA
        self.transposeB = transposeB
    }
    public var name: String { "dot" }
    public var description: String {
        transposeA || transposeB ? "dot{\(transposeA ? "T" : "N")\(transposeB ? "T" : "N")}" : "dot"
    }
    public func outputType(_ inputs: [TensorType]) throws -> TensorType {
        try expectArity(inputs, 2)
        return TensorType(inputs[0].dtype, try matmulStaticShape(inputs[0], inputs[1], transposeA: transposeA, transposeB: transposeB, op: name))
    }
    public func outputShape(_ inputs: [[Int]]) throws -> [Int] {
        try runKernel(name) { try MatmulShape(inputs[0], inputs[1], transposeA: transposeA, transposeB: transposeB).resultShape }
    }
    public func evaluate(_ inputs: [RawOperand], into output: RawOutput, shape: [Int]) throws {
        let s = try runKernel(name) { try MatmulShape(inputs[0].shape, inputs[1].shape, transposeA: transposeA, transposeB: transposeB) }
        runMatmul(s, dtype: output.dtype, a: inputs[0].pointer, transposeA: transposeA, b: inputs[1].pointer,
                  transposeB: transposeB, c: output.pointer)
    }
    public func gradient(inputs: [Expr], output: Expr, outputGradient g: Expr) throws -> [Expr?] {
        try matmulGradient(a: inputs[0], b: inputs[1], g: g, transposeA: transposeA, transposeB: transposeB)
    }
}

/// Gradients of C = op(A)·op(B) given G = ∂cost/∂C:
/// ∂op(A) = G·op(B)ᵀ and ∂op(B) = op(A)ᵀ·G, transposed back when the operand was.
func matmulGradient(a: Expr, b: Expr, g: Expr, transposeA ta: Bool, transposeB tb: Bool) throws -> [Expr?] {
    func mm(_ x: Expr, _ y: Expr, _ tx: Bool, _ ty: Bool) throws -> Expr {
        try Expr.apply(MatmulOp(transposeA: tx, transposeB: ty), [x, y])
    }
    let ga: Expr, gb: Expr
    if a.rank > 2 && b.rank == 2 {
        // Theano-style dot: fold a's leading axes into rows for ∂B.
        ga = try mm(g, b, false, !tb)
        let k = a.shape[a.rank - 1], n = g.shape[g.rank - 1]
        let a2 = try a.reshape([.infer, k.map { .size($0) } ?? .copy(a.rank - 1)])
        let g2 = try g.reshape([.infer, n.map { .size($0) } ?? .copy(g.rank - 1)])
        gb = tb ? try mm(g2, a2, true, false) : try mm(a2, g2, true, false)
    } else {
        ga = ta ? (tb ? try mm(b, g, true, true) : try mm(b, g, false, true))
                : (tb ? try mm(g, b, false, false) : try mm(g, b, false, true))
        gb = tb ? (ta ? try mm(g, a, true, true) : try mm(g, a, true, false))
                : (ta ? try mm(a, g, false, false) : try mm(a, g, true, false))
    }
    return [ga, gb]
}

/// alpha·op(a)·op(b) + c in one BLAS call (c is broadcast into the output
/// first, then GEMM accumulates with beta = 1). Produced by the dot-plus-add rewrite.
package struct GemmOp: Op {
    public let transposeA: Bool
    public let transposeB: Bool
    public let alpha: Double
    /// Register allocations for broadcasting an addend (see ``ElementwiseScheduleCache``).
    let schedules = ElementwiseScheduleCache()
    public var name: String { "gemm" }
    public var description: String {
        "gemm{\(transposeA ? "T" : "N")\(transposeB ? "T" : "N")\(alpha == 1 ? "" : ", alpha=\(alpha)")}"
    }
    public func outputType(_ inputs: [TensorType]) throws -> TensorType {
        try expectArity(inputs, 3)
        let shape = try matmulStaticShape(inputs[0], inputs[1], transposeA: transposeA, transposeB: transposeB, op: name)
        let product = TensorType(inputs[0].dtype, shape)
        _ = try TensorType.broadcastShape([product, inputs[2]], op: name)
        return product
    }
    public func outputShape(_ inputs: [[Int]]) throws -> [Int] {
        try runKernel(name) { try MatmulShape(inputs[0], inputs[1], transposeA: transposeA, transposeB: transposeB).resultShape }
    }
    public func evaluate(_ inputs: [RawOperand], into output: RawOutput, shape: [Int]) throws {
        let s = try runKernel(name) { try MatmulShape(inputs[0].shape, inputs[1].shape, transposeA: transposeA, transposeB: transposeB) }
        guard (try? Broadcasting.shape([inputs[2].shape, shape], operation: name)) == shape else {
            throw GraphError.runtime(op: name, detail: "addend of shape \(formatShape(inputs[2].shape)) does not broadcast to \(formatShape(shape))")
        }
        if inputs[2].pointer != UnsafeRawPointer(output.pointer) {
            // The kernel starts each element from the addend where it lies (no copy), when it can.
            if let layout = addendLayout(inputs[2], output: output, shape: shape, product: s),
               runMatmul(s, dtype: output.dtype, a: inputs[0].pointer, transposeA: transposeA, b: inputs[1].pointer,
                         transposeB: transposeB, c: output.pointer, addend: inputs[2].pointer, layout: layout) {
                return
            }
            copyAddend(inputs[2], into: output, shape: shape)
        }
        runMatmul(s, dtype: output.dtype, a: inputs[0].pointer, transposeA: transposeA, b: inputs[1].pointer,
                  transposeB: transposeB, c: output.pointer, alpha: alpha, beta: 1)
    }

    /// How `addend` covers the product's result (of `shape`), if the kernel can read it in place:
    /// the whole result, or one row of its n columns repeated (a bias); nil when alpha scales the
    /// product, the dtypes differ or the addend broadcasts another way.
    func addendLayout(_ addend: RawOperand, output: RawOutput, shape: [Int], product s: MatmulShape) -> AddendLayout? {
        guard alpha == 1, addend.dtype == output.dtype else { return nil }
        let count = addend.shape.reduce(1, *)
        if count == shape.reduce(1, *) { return .whole }
        if shape.last == s.n && addend.shape.drop(while: { $0 == 1 }).elementsEqual([s.n]) { return .row }
        return nil
    }
    /// Writes the addend, broadcast to `shape`, into the output that the GEMM
    /// then accumulates into: a plain copy when it has the output's size and
    /// dtype, one copy per row when it is a row (a bias) repeated, else the
    /// elementwise kernel's broadcast.
    private func copyAddend(_ addend: RawOperand, into output: RawOutput, shape: [Int]) {
        let total = shape.reduce(1, *), count = addend.shape.reduce(1, *)
        let size = output.dtype.byteSize
        if addend.dtype == output.dtype && (count == total || count >= 16) && total % count == 0
            && addend.shape.drop(while: { $0 == 1 }).elementsEqual(shape.suffix(addend.shape.drop(while: { $0 == 1 }).count)) {
            // The whole output, or a row of `count` elements tiled over the leading axes.
            for row in 0..<(total / count) {
                (output.pointer + row * count * size).copyMemory(from: addend.pointer, byteCount: count * size)
            }
            return
        }
        ElementwiseKernel.run(Self.copyProgram, operands: [addend], outputs: [output], shape: shape, schedules: schedules)
    }

    /// `out = in0`, broadcast.
    private static let copyProgram: ElementwiseProgram = {
        var copy = ElementwiseProgram()
        copy.outputs = [copy.append(.input(0))]
        return copy
    }()

    public func gradient(inputs: [Expr], output: Expr, outputGradient g: Expr) throws -> [Expr?] {
        let scaled = alpha == 1 ? g : try g * alpha
        let parts = try matmulGradient(a: inputs[0], b: inputs[1], g: scaled, transposeA: transposeA, transposeB: transposeB)
        return parts + [try unbroadcast(g, to: inputs[2])]
    }
}

extension Expr {
    /// The product `self · other` (Theano's `dot`): matrix·matrix,
    /// (..., k)·(k, n), vector·matrix, (..., k)·vector, or batched when both
    /// have rank ≥ 3. Transposes are passed to BLAS as flags.
    public func dot(_ other: Expr, transposeSelf: Bool = false, transposeOther: Bool = false) throws -> Expr {
        if rank == 1 && other.rank == 2 && !transposeSelf {
            let row = try dimshuffle([nil, 0])
            return try row.dot(other, transposeOther: transposeOther).dimshuffle([1])
        }
        if other.rank == 1 && rank >= 2 && !transposeOther {
            let column = try other.dimshuffle([0, nil])
            return try dot(column, transposeSelf: transposeSelf).dimshuffle(Array(0..<(transposeSelf ? 1 : rank - 1)).map { $0 })
        }
        if rank == 1 && other.rank == 1 {
            return try (self * other).sum()
        }
        return try Expr.apply(MatmulOp(transposeA: transposeSelf, transposeB: transposeOther), [self, other])
    }
}
