import LaminaTensor

/// The static type of an expression: dtype, rank, and each axis's size when
/// it is known at graph-building time (`nil` when it is not).
///
/// An axis of known size 1 is *broadcastable*: it stretches to match the
/// other operand of an elementwise op. Axes of unknown size never broadcast;
/// at run time they must match exactly (Theano's rule, which lets gradients
/// know statically where to sum).
public struct TensorType: Hashable, Sendable, CustomStringConvertible {
    public var dtype: DType
    public var shape: [Int?]

    public init(_ dtype: DType, _ shape: [Int?]) {
        self.dtype = dtype
        self.shape = shape
    }

    /// The number of axes.
    public var rank: Int { shape.count }
    /// Which axes are broadcastable (known size 1).
    public var broadcastable: [Bool] { shape.map { $0 == 1 } }
    /// Whether every axis has a known size.
    public var isFullyKnown: Bool { shape.allSatisfy { $0 != nil } }

    /// Whether a concrete array fits this type.
    public func accepts(_ array: NDArray) -> Bool {
        array.dtype == dtype && array.rank == rank
            && zip(shape, array.shape).allSatisfy { $0.0 == nil || $0.0 == $0.1 }
    }

    /// `float32(?, 8)` style text.
    public var description: String {
        "\(dtype)(" + shape.map { $0.map(String.init) ?? "?" }.joined(separator: ", ") + (rank == 1 ? ",)" : ")")
    }

    /// The elementwise (broadcast) shape of several types, following NumPy
    /// alignment with Theano's rule for unknown sizes.
    /// - Throws: ``GraphError`` naming `op` and the operand types when they cannot broadcast.
    public static func broadcastShape(_ types: [TensorType], op: String) throws -> [Int?] {
        let rank = types.map(\.rank).max() ?? 0
        var result = [Int?](repeating: 1, count: rank)
        for t in types {
            let pad = rank - t.rank
            for (i, size) in t.shape.enumerated() {
                let r = result[pad + i]
                if r == 1 { result[pad + i] = size; continue }
                if size == 1 { continue }
                if let r, let size, r != size {
                    throw GraphError.shapeMismatch(op: op, operands: types, detail: "sizes \(r) and \(size) on axis \(pad + i) cannot be broadcast")
                }
                if r == nil { result[pad + i] = size }
            }
        }
        return result
    }
}
