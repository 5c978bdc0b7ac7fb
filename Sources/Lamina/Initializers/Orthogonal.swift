import LaminaTensor

/// A random orthogonal matrix times `gain` (Saxe et al. 2013; Lasagne's
/// `Orthogonal(gain=1.0)`).
///
/// The shape is viewed as a matrix (shape[0], shape[1]·shape[2]·…), as in
/// Lasagne and Keras. A matrix A of N(0, 1) draws of that shape (of its
/// transpose when it has fewer rows than columns) is factored A = QR by
/// Householder reflections, and Q's columns are multiplied by the signs of
/// R's diagonal, which makes Q uniformly (Haar) distributed, as in
/// TensorFlow's and Keras 3's QR method; Lasagne and Keras 1/2 take the
/// singular vectors of A instead, which have the same distribution.
/// The result has orthonormal columns when rows ≥ columns and orthonormal
/// rows otherwise, times `gain`. Keras 1 used gain 1.1; Lasagne, Keras ≥ 2 use 1.
public struct Orthogonal: Initializer {
    /// The factor applied to the orthogonal matrix.
    public let gain: Double

    /// - Parameter gain: the factor on the orthogonal matrix (Lasagne and Keras ≥ 2: 1).
    public init(gain: Double = 1) { self.gain = gain }

    /// Draws an array of `shape` and `dtype` (see ``Initializer/sample(shape:dtype:using:)``).
    public func sample(shape: [Int], dtype: DType, using generator: inout RandomGenerator) throws -> NDArray {
        try requireRank(shape, atLeast: 2, "Orthogonal")
        let rows = shape[0], columns = shape[1...].reduce(1, *)
        let tall = rows >= columns
        let (m, n) = tall ? (rows, columns) : (columns, rows)
        let a = generator.normal(shape: [m, n], dtype: .float64).scalars(as: Double.self)
        let q = orthonormalColumns(a, rows: m, columns: n)
        var values = [Double](repeating: 0, count: rows * columns)
        for i in 0..<m {
            for j in 0..<n {
                // Q is m×n; the result is Q (tall) or Qᵀ (wide), times gain.
                if tall { values[i * n + j] = gain * q[i * n + j] } else { values[j * m + i] = gain * q[i * n + j] }
            }
        }
        return NDArray(values, shape: shape).cast(to: dtype)
    }
}

/// The m×n factor Q of A = QR (m ≥ n, A row-major), with the signs of Q's
/// columns chosen so that R's diagonal is positive.
func orthonormalColumns(_ a: [Double], rows m: Int, columns n: Int) -> [Double] {
    var r = a
    var reflectors: [[Double]] = []
    var signs: [Double] = []
    for k in 0..<n {
        var v = (k..<m).map { r[$0 * n + k] }
        let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let alpha = v[0] > 0 ? -norm : norm            // R[k][k] after the reflection
        signs.append(alpha < 0 ? -1 : 1)
        v[0] -= alpha
        let vNorm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        if vNorm > 0 { v = v.map { $0 / vNorm } }
        reflectors.append(v)
        applyReflector(v, from: k, to: &r, columns: n, startColumn: k)
    }
    // Q = H₀H₁…Hₙ₋₁ applied to the first n columns of the identity.
    var q = [Double](repeating: 0, count: m * n)
    for i in 0..<n { q[i * n + i] = 1 }
    for k in (0..<n).reversed() { applyReflector(reflectors[k], from: k, to: &q, columns: n, startColumn: 0) }
    for i in 0..<m { for j in 0..<n { q[i * n + j] *= signs[j] } }
    return q
}

/// x ← (I − 2vvᵀ)x for the rows k..<m and columns startColumn..<n of a row-major matrix.
private func applyReflector(_ v: [Double], from k: Int, to x: inout [Double], columns n: Int, startColumn: Int) {
    for j in startColumn..<n {
        var dot = 0.0
        for (t, vt) in v.enumerated() { dot += vt * x[(k + t) * n + j] }
        for (t, vt) in v.enumerated() { x[(k + t) * n + j] -= 2 * vt * dot }
    }
}
