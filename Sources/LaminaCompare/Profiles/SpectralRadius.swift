import Foundation
import Lamina
import LaminaGraph
import LaminaTensor

/// The spectral radius (largest eigenvalue modulus) of a square matrix,
/// estimated with Gelfand's formula ρ(A) = lim ‖A^k‖^(1/k) by repeated
/// squaring: A is squared `squarings` times (k = 2^squarings, 4096 by
/// default) with the Frobenius norm divided out after each product and its
/// logarithm accumulated. The estimate is ρ̂ = (‖A^k‖_F/√n)^(1/k) for an n×n
/// matrix. Unlike power iteration on a vector, this converges for complex
/// dominant eigenvalues too. Its error, apart from rounding:
///
/// - From below: ‖A^k‖_F ≥ ‖A^k‖₂ ≥ ρ^k, so ρ̂ ≥ ρ·n^(−1/(2k)). For n = 128 and
///   k = 4096 that is at most 5.9·10⁻⁴ (relative) below ρ, and a matrix with one
///   dominant eigenvalue, such as a random gate block, comes close to it (measured:
///   up to 4.7·10⁻⁴ below for 128×128 gate blocks). For a scaled orthogonal matrix
///   ‖A^k‖_F = √n·ρ^k and the estimate is exact.
/// - From above: for a diagonalizable A = VΛV⁻¹, ‖A^k‖_F ≤ √n·κ₂(V)·ρ^k, so
///   ρ̂ ≤ ρ·κ₂(V)^(1/k): below 0.06% above ρ while κ₂(V) < 10. A defective matrix
///   (a Jordan block of size m) converges only like (k^(m−1))^(1/k): for m = 2 and
///   k = 4096, about 0.2% above.
///
/// A zero or nilpotent matrix gives 0.
public func spectralRadius(of matrix: NDArray, squarings: Int = 12) throws -> Double {
    precondition(matrix.rank == 2 && matrix.shape[0] == matrix.shape[1], "spectralRadius needs a square matrix, got \(matrix.shape)")
    let shape = matrix.shape
    var values = matrix.cast(to: .float64).scalars(as: Double.self)
    var logScale = 0.0
    func normalize(_ v: inout [Double]) -> Double {
        let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        if norm > 0 { for i in v.indices { v[i] /= norm } }
        return norm
    }
    let first = normalize(&values)
    guard first > 0, first.isFinite else { return first.isFinite ? 0 : .infinity }
    logScale = log(first)
    for _ in 0..<squarings {
        let a = NDArray(values, shape: shape)
        values = try a.matmul(a).scalars(as: Double.self)
        let n = normalize(&values)
        guard n > 0 else { return 0 }   // nilpotent
        logScale = 2 * logScale + log(n)
    }
    // ‖A^k‖_F / √n is exact for orthogonal and normal matrices with equal |eigenvalues|.
    return exp((logScale - 0.5 * log(Double(shape[0]))) / Double(1 << squarings))
}

/// Each recurrent matrix's spectral radius per gate, keyed as in
/// ``RunRecord/spectralRadius``: LSTM "input", "forget", "cell", "output";
/// GRU "reset", "update", "hidden"; simple RNN "hidden". Each is the
/// H×H block acting on h (see ``spectralRadius(of:squarings:)``).
///
/// The matrices are the layer's parameters that a ``VariableFilter`` selects
/// by role (``VariableRole/recurrentWeight``) and layer; a stacked matrix
/// (``GateStorage/stacked``) is split into its gates' column blocks.
/// - Throws: for a layer that is not an LSTM, GRU or simple RNN layer, or whose
///   recurrent weights are not one shared variable per gate or one stacked shared variable.
public func recurrentSpectralRadii(of layer: Layer) throws -> [String: Double] {
    let matrices = VariableFilter(roles: [.recurrentWeight], layers: [layer]).parameters(of: [layer])
    if let lstm = layer as? LSTMLayer {
        let keys: [LSTMGate: String] = [.ingate: "input", .forgetgate: "forget", .cell: "cell", .outgate: "output"]
        return try gateRadii(matrices, gates: lstm.gates, keys: keys, layer: layer)
    }
    if let gru = layer as? GRULayer {
        let keys: [GRUGate: String] = [.resetgate: "reset", .updategate: "update", .hiddenUpdate: "hidden"]
        return try gateRadii(matrices, gates: gru.gates, keys: keys, layer: layer)
    }
    if let rnn = layer as? RecurrentLayer {
        guard matrices.count == 1, matrices[0] === rnn.W_hid_to_hid else {
            throw ProfileError.recurrentWeights(layer: layer.displayName, found: matrices.filter { $0 === rnn.W_hid_to_hid }.count)
        }
        return ["hidden": try spectralRadius(of: matrices[0].value)]
    }
    throw ProfileError.unknownCell(String(describing: type(of: layer)))
}

/// The spectral radius of each gate's H×H block among `matrices` (the
/// selected recurrent weights of a gated layer), keyed by `keys`: a gate's own
/// matrix, or its columns of the stacked matrix.
private func gateRadii<Name: GateName>(_ matrices: [Shared], gates: GateParameters<Name>, keys: [Name: String],
                                       layer: Layer) throws -> [String: Double] {
    var blocks: [Name: NDArray] = [:]
    for matrix in matrices {
        if let stacked = gates.stacked, stacked.hidden === matrix {
            for gate in gates.order {
                let c = gates.columns(of: gate)
                blocks[gate] = try matrix.value.slice([.all, .range(c.lowerBound, c.upperBound)])
            }
        } else if let gate = gates.order.first(where: { gates.perGate[$0]?.hidden === matrix }) {
            blocks[gate] = matrix.value
        }
    }
    guard blocks.count == gates.order.count else {
        throw ProfileError.recurrentWeights(layer: layer.displayName, found: blocks.count)
    }
    return try Dictionary(uniqueKeysWithValues: keys.map { ($0.value, try spectralRadius(of: blocks[$0.key]!)) })
}

extension InitProfile {
    /// The per-gate spectral radii of this profile's `cell` at initialization,
    /// for input size `inputSize` and `units` hidden units, drawn from `seed`.
    public func spectralRadii(cell: String, inputSize: Int, units: Int, seed: UInt64) throws -> [String: Double] {
        try LayerDefaults.using(floatX: .float64, seed: seed) {
            let input = try InputLayer(shape: [nil, nil, inputSize])
            return try recurrentSpectralRadii(of: makeLayer(cell: cell, incoming: input, units: units))
        }
    }
}

