import Lamina
import LaminaGraph
import LaminaTensor
@testable import LaminaCompare

/// Sample statistics of an array's entries.
struct Stats {
    let mean: Double, std: Double, maxAbs: Double
    init(_ a: NDArray) {
        let v = a.cast(to: .float64).scalars(as: Double.self)
        mean = v.reduce(0, +) / Double(v.count)
        let m = mean
        std = (v.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(v.count)).squareRoot()
        maxAbs = v.map { Swift.abs($0) }.max() ?? 0
    }
    init(_ arrays: [NDArray]) { self.init(try! NDArray.concatenate(arrays.map { try! $0.reshaped([$0.shape.reduce(1, *)]) }, axis: 0)) }
}

/// Builds a profile's layer at float64 from a fixed seed.
func buildLayer(_ profile: String, _ cell: String, d: Int, h: Int, seed: UInt64 = 7) throws -> RecurrentLayerBase {
    try LayerDefaults.using(floatX: .float64, seed: seed) {
        let input = try InputLayer(shape: [nil, nil, d])
        return try ProfileRegistry.named(profile).makeLayer(cell: cell, incoming: input, units: h)
    }
}

func lstmValues(_ p: String, d: Int, h: Int) throws -> [LSTMGate: (input: NDArray, hidden: NDArray, bias: NDArray)] {
    try (buildLayer(p, "lstm", d: d, h: h) as! LSTMLayer).gates.values()
}

func gruLayer(_ p: String, d: Int, h: Int) throws -> GRULayer { try buildLayer(p, "gru", d: d, h: h) as! GRULayer }

/// The largest |entry| of M·Mᵀ − c·I (M is rows × cols).
func orthogonalityError(_ m: NDArray, scale c: Double) throws -> Double {
    let g = try m.matmul(m, transposeOther: true).scalars(as: Double.self)
    let n = m.shape[0]
    var worst = 0.0
    for i in 0..<n { for j in 0..<n { worst = Swift.max(worst, Swift.abs(g[i * n + j] - (i == j ? c : 0))) } }
    return worst
}
