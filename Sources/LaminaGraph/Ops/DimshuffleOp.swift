import LaminaTensor

/// Theano's `dimshuffle`: permutes axes, inserts broadcastable size-1 axes
/// (`nil` entries) and drops size-1 axes (axes not named in the pattern).
///
/// `x.dimshuffle([1, 0])` transposes a matrix; `b.dimshuffle([nil, 0])` turns
/// a vector into a 1×n row; `[0, 2]` on a (n, 1, m) array drops axis 1.
/// When the kept axes stay in order it is a view; otherwise it copies.
public struct DimshuffleOp: Op {
    public let pattern: [Int?]
    public var name: String { "dimshuffle" }
    public var description: String { "dimshuffle{\(pattern.map { $0.map(String.init) ?? "x" }.joined(separator: ","))}" }
    /// The kept input axes, in output order.
    var kept: [Int] { pattern.compactMap { $0 } }
    public var isView: Bool { kept == kept.sorted() }

    public func outputType(_ inputs: [TensorType]) throws -> TensorType {
        try expectArity(inputs, 1)
        let x = inputs[0]
        guard kept.allSatisfy({ $0 >= 0 && $0 < x.rank }), Set(kept).count == kept.count else {
            throw GraphError.invalidArgument(op: name, detail: "pattern \(description) is not valid for \(x)")
        }
        for axis in 0..<x.rank where !kept.contains(axis) {
            guard x.shape[axis] == 1 else {
                throw GraphError.invalidArgument(op: name, detail: "cannot drop axis \(axis) of \(x): only axes of known size 1 can be dropped")
            }
        }
        return TensorType(x.dtype, pattern.map { $0.map { x.shape[$0] } ?? 1 })
    }

    public func outputShape(_ inputs: [[Int]]) throws -> [Int] {
        let x = inputs[0]
        for axis in 0..<x.count where !kept.contains(axis) && x[axis] != 1 {
            throw GraphError.runtime(op: name, detail: "cannot drop axis \(axis) of size \(x[axis])")
        }
        return pattern.map { $0.map { x[$0] } ?? 1 }
    }

    public func evaluate(_ inputs: [RawOperand], into output: RawOutput, shape: [Int]) throws {
        // Copy case: permute the kept axes (dropped and inserted axes have size 1).
        let x = inputs[0]
        let squeezed = x.shape.enumerated().filter { kept.contains($0.offset) }.map(\.element)
        let order = kept.map { k in kept.sorted().firstIndex(of: k)! }
        ShapeKernels.permute(x.pointer, shape: squeezed, elementSize: x.dtype.byteSize, permutation: order, into: output.pointer)
    }

    public func gradient(inputs: [Expr], output: Expr, outputGradient g: Expr) throws -> [Expr?] {
        let x = inputs[0]
        var inverse: [Int?] = []
        for axis in 0..<x.rank {
            inverse.append(pattern.firstIndex(of: axis))
        }
        return [try g.dimshuffle(inverse)]
    }
}

extension Expr {
    /// Permutes, inserts (`nil`) and drops (size-1) axes; see ``DimshuffleOp``.
    public func dimshuffle(_ pattern: [Int?]) throws -> Expr {
        if pattern == (0..<rank).map({ $0 }) { return self }
        return try Expr.apply(DimshuffleOp(pattern: pattern), [self])
    }

    /// The axes permuted (by default reversed: a matrix's transpose).
    public func transposed(_ permutation: [Int]? = nil) throws -> Expr {
        try dimshuffle((permutation ?? Array((0..<rank).reversed())).map { $0 })
    }

    /// A size-1 axis inserted at `axis`.
    public func expandingAxis(at axis: Int) throws -> Expr {
        let a = axis < 0 ? axis + rank + 1 : axis
        guard a >= 0 && a <= rank else { throw GraphError.invalidArgument(op: "expand_dims", detail: "axis \(axis) is out of range for \(type)") }
        var pattern: [Int?] = (0..<rank).map { $0 }
        pattern.insert(nil, at: a)
        return try dimshuffle(pattern)
    }
}
