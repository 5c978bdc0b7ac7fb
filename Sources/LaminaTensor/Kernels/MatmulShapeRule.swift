/// The shape rule of a matrix product op(A)·op(B), the one home for it: the
/// graph applies it to static shapes, where a size may be unknown (`nil`),
/// and ``MatmulShape`` to the shapes of arrays, where every size is known.
///
/// Forms: `(m, k)·(k, n)`; `(..., k)·(k, n)` (the leading axes of A become
/// rows, like Theano's `dot`); `(..., k)·(k,)`; `(k,)·(k, n)`; and batched
/// `(B..., m, k)·(B..., k, n)` with equal batch axes. Transposes swap the last
/// two axes and apply to matrices (or batches of them) only. Two sizes agree
/// when they are equal or either is unknown; an unknown size stays unknown in
/// the result unless the other operand knows it.
package enum MatmulShapeRule {
    /// The resolved sizes: m rows of op(A), n columns of op(B), the inner size
    /// k, the batch axes (empty unless batched) and the result's shape.
    package struct Sizes: Equatable, Sendable {
        package var batchAxes: [Int?]
        package var m: Int?, n: Int?, k: Int?
        package var resultShape: [Int?]
    }

    /// Why two shapes do not fit, in words a message can end with
    /// ("inner sizes 3 and 4 differ").
    package struct Mismatch: Error, Equatable {
        package let reason: String
    }

    /// Resolves `a · b` with optional transposes of the last two axes.
    /// - Throws: ``Mismatch`` for a scalar operand, a transposed vector or
    ///   non-matrix, a batched operand against an unbatched one, batch axes
    ///   or inner sizes that disagree.
    package static func resolve(_ a: [Int?], _ b: [Int?], transposeA: Bool, transposeB: Bool) throws(Mismatch) -> Sizes {
        func agree(_ x: Int?, _ y: Int?) -> Bool { x == nil || y == nil || x == y }
        func text(_ x: Int?) -> String { x.map(String.init) ?? "?" }
        guard !a.isEmpty && !b.isEmpty else { throw Mismatch(reason: "scalars have no matrix product") }
        if (transposeA && a.count < 2) || (transposeB && b.count < 2) { throw Mismatch(reason: "only matrices can be transposed") }
        if a.count >= 3 && b.count >= 3 {
            guard a.count == b.count, zip(a.dropLast(2), b.dropLast(2)).allSatisfy({ agree($0.0, $0.1) }) else {
                throw Mismatch(reason: "batch axes differ")
            }
            let m = transposeA ? a[a.count - 1] : a[a.count - 2]
            let k = transposeA ? a[a.count - 2] : a[a.count - 1]
            let kb = transposeB ? b[b.count - 1] : b[b.count - 2]
            let n = transposeB ? b[b.count - 2] : b[b.count - 1]
            guard agree(k, kb) else { throw Mismatch(reason: "inner sizes \(text(k)) and \(text(kb)) differ") }
            let batch = zip(a.dropLast(2), b.dropLast(2)).map { $0.0 ?? $0.1 }
            return Sizes(batchAxes: batch, m: m, n: n, k: k ?? kb, resultShape: batch + [m, n])
        }
        guard b.count <= 2 else { throw Mismatch(reason: "a batched product needs both operands batched") }
        if transposeA && a.count != 2 { throw Mismatch(reason: "only a matrix can be transposed") }
        let leading = a.dropLast()
        let rows: Int? = a.count == 1 ? 1 : (transposeA ? a[1] : (leading.contains(nil) ? nil : leading.reduce(1) { $0 * $1! }))
        let k = transposeA ? a[0] : a[a.count - 1]
        let kb: Int?, n: Int?
        if b.count == 1 { kb = b[0]; n = 1 } else { kb = transposeB ? b[1] : b[0]; n = transposeB ? b[0] : b[1] }
        guard agree(k, kb) else { throw Mismatch(reason: "inner sizes \(text(k)) and \(text(kb)) differ") }
        var shape: [Int?] = a.count == 1 ? [] : (transposeA ? [rows] : Array(leading))
        if b.count == 2 { shape.append(n) }
        return Sizes(batchAxes: [], m: rows, n: n, k: k ?? kb, resultShape: shape)
    }
}
