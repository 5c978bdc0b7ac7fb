import LaminaTensor

/// Packs a float32 matrix for ``PackedMatmulOp`` (see ``PackedGemm``):
/// op(b), depth×columns, becomes [⌈columns/16⌉, depth, 16] column panels.
/// The loop-weight rewrite puts it before a loop, so the weights a loop
/// multiplies by at every step are packed once per run of the loop.
package struct PackMatrixOp: Op {
    /// Pack bᵀ instead of b.
    public let transposed: Bool
    public init(transposed: Bool) { self.transposed = transposed }
    public var name: String { "pack" }
    public var description: String { transposed ? "pack{T}" : "pack" }

    /// (depth, columns) of op(b) for b's shape.
    private func sizes<T>(_ shape: [T]) -> (depth: T, columns: T) {
        transposed ? (shape[1], shape[0]) : (shape[0], shape[1])
    }

    public func outputType(_ inputs: [TensorType]) throws -> TensorType {
        try expectArity(inputs, 1)
        guard inputs[0].dtype == .float32, inputs[0].rank == 2 else {
            throw GraphError.typeMismatch(op: name, operands: inputs, detail: "packs a float32 matrix")
        }
        let (depth, columns) = sizes(inputs[0].shape)
        let panels = columns.map { (($0 + PackedGemm.panelWidth - 1) / PackedGemm.panelWidth) }
        return TensorType(.float32, [panels, depth, PackedGemm.panelWidth])
    }
    public func outputShape(_ inputs: [[Int]]) throws -> [Int] {
        let (depth, columns) = sizes(inputs[0])
        return PackedGemm.packedShape(depth: depth, columns: columns)
    }
    public func evaluate(_ inputs: [RawOperand], into output: RawOutput, shape: [Int]) throws {
        let (depth, columns) = sizes(inputs[0].shape)
        PackedGemm.pack(inputs[0].pointer.assumingMemoryBound(to: Float.self), transposed: transposed,
                        depth: depth, columns: columns, into: output.pointer.assumingMemoryBound(to: Float.self))
    }
    public func gradient(inputs: [Expr], output: Expr, outputGradient: Expr) throws -> [Expr?] {
        throw GraphError.gradient("pack is made by compiling a function; differentiate the graph before compiling it")
    }
}

/// (a·op(b) + addend)[:, window] with op(b) already packed by ``PackMatrixOp``:
/// operands `a` (rows×depth, float32), the packed matrix, and optionally an
/// addend: rows×columns, or, with `addsRow`, one row of `columns` repeated (a
/// bias). Made by the loop-weight rewrite inside loops, where the packing is
/// done once before the loop; the GEMM rewrite then folds `+ addend` in, and
/// column slices of the product (an LSTM's gates) become products of their
/// own window, so no slice is copied.
package struct PackedMatmulOp: Op {
    /// The columns of op(b) (the packed form is padded to whole panels).
    public let columns: Int
    /// The columns of the product this op computes (starting at a multiple of 16).
    public let window: Range<Int>
    /// Whether the addend is one row repeated over the result's rows.
    public let addsRow: Bool
    public init(columns: Int, window: Range<Int>? = nil, addsRow: Bool = false) {
        self.columns = columns
        self.window = window ?? 0..<columns
        self.addsRow = addsRow
        precondition(self.window.lowerBound % PackedGemm.panelWidth == 0 && self.window.upperBound <= columns,
                     "packed_dot's window must start at a multiple of \(PackedGemm.panelWidth) and lie within its columns")
    }
    public var name: String { "packed_dot" }
    public var description: String {
        "packed_dot{\(columns)\(window == 0..<columns ? "" : ", [\(window.lowerBound):\(window.upperBound)]")\(addsRow ? ", row" : "")}"
    }

    /// Whether an addend of shape `addend` fits a result of shape `result`:
    /// the same shape, or (`row`) one row of the result's columns. Unknown sizes match only unknown sizes.
    static func addendFits(_ addend: [Int?], result: [Int?], row: Bool) -> Bool {
        row ? addend.last == result.last && addend.dropLast().allSatisfy { $0 == 1 } : addend == result
    }

    public func outputType(_ inputs: [TensorType]) throws -> TensorType {
        guard inputs.count == 2 || inputs.count == 3 else {
            throw GraphError.invalidArgument(op: name, detail: "expects 2 or 3 operands, got \(inputs.count)")
        }
        let (a, packed) = (inputs[0], inputs[1])
        guard inputs.allSatisfy({ $0.dtype == .float32 }), a.rank == 2, packed.rank == 3 else {
            throw GraphError.typeMismatch(op: name, operands: inputs, detail: "expects a float32 matrix, a packed matrix and an optional float32 addend")
        }
        if let k = a.shape[1], let depth = packed.shape[1], k != depth {
            throw GraphError.shapeMismatch(op: name, operands: inputs, detail: "inner sizes \(k) and \(depth) differ")
        }
        let result = TensorType(.float32, [a.shape[0], window.count])
        if inputs.count == 3, !Self.addendFits(inputs[2].shape, result: [a.shape[0], columns], row: addsRow) {
            throw GraphError.shapeMismatch(op: name, operands: inputs,
                                           detail: addsRow ? "the addend must be one row of \(columns)" : "the addend must have the product's shape")
        }
        return result
    }

    public func outputShape(_ inputs: [[Int]]) throws -> [Int] {
        guard inputs[0][1] == inputs[1][1],
              (inputs[1][0] - 1) * PackedGemm.panelWidth < columns, columns <= inputs[1][0] * PackedGemm.panelWidth else {
            throw GraphError.runtime(op: name, detail: "cannot multiply \(formatShape(inputs[0])) by a packed \(formatShape(inputs[1])) of \(columns) columns")
        }
        let product = [inputs[0][0], columns]
        if inputs.count == 3, !Self.addendFits(inputs[2], result: product, row: addsRow) {
            throw GraphError.runtime(op: name, detail: "addend of shape \(formatShape(inputs[2])) is not \(addsRow ? "one row of \(columns)" : formatShape(product)) (only axes declared with size 1 broadcast)")
        }
        return [inputs[0][0], window.count]
    }

    public func evaluate(_ inputs: [RawOperand], into output: RawOutput, shape: [Int]) throws {
        let addend = inputs.count == 3 ? inputs[2] : nil
        PackedGemm.multiply(rows: shape[0], columns: columns, window: window, depth: inputs[0].shape[1],
                            a: inputs[0].pointer.assumingMemoryBound(to: Float.self),
                            packed: inputs[1].pointer.assumingMemoryBound(to: Float.self),
                            into: output.pointer.assumingMemoryBound(to: Float.self),
                            addend: addend?.pointer.assumingMemoryBound(to: Float.self),
                            addendRowStride: addsRow ? 0 : columns)
    }

    /// The kernel reads each addend tile before writing the same tile of the result.
    public func canOverwrite(operand: Int) -> Bool { operand == 2 && !addsRow && window == 0..<columns }

    public func gradient(inputs: [Expr], output: Expr, outputGradient: Expr) throws -> [Expr?] {
        throw GraphError.gradient("packed_dot is made by compiling a function; differentiate the graph before compiling it")
    }
}
