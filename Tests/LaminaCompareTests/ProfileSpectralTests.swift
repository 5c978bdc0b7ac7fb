import Foundation
import Lamina
import LaminaTensor
import Testing
@testable import LaminaCompare

/// The forget-gate spectral radii at D = H = 128 against values worked out from each library's rules
/// (the project's init-defaults reference, section 3).
@Suite struct ProfileSpectralTests {
    @Test func estimatorIsExactOnKnownMatrices() throws {
        // A rotation by 90° times 0.7 (complex eigenvalues ±0.7i) and a Jordan block.
        let rotation = NDArray([0, -0.7, 0.7, 0], shape: [2, 2])
        #expect(Swift.abs(try spectralRadius(of: rotation) - 0.7) < 1e-6)
        let jordan = NDArray([0.5, 1, 0, 0.5], shape: [2, 2])
        #expect(Swift.abs(try spectralRadius(of: jordan) - 0.5) < 0.01)
        #expect(try spectralRadius(of: NDArray([0, 1, 0, 0], shape: [2, 2])) == 0)
    }

    /// The documented bounds ρ·n^(−1/(2k)) ≤ ρ̂ ≤ ρ·κ₂(V)^(1/k), with ρ and κ₂(V) (the eigenvector
    /// matrix's condition number) from NumPy's `eig` on the same matrices: random 128×128 gate-like
    /// blocks (uniform ±√(3/128), a LeCun-uniform draw) whose ρ̂ falls below ρ.
    @Test(arguments: [UInt64(1), 2, 3])
    func estimateStaysWithinItsDocumentedBounds(seed: UInt64) throws {
        let n = 128, k = 4096.0
        var state = seed &* 0x9E37_79B9_7F4A_7C15
        let values = (0..<n * n).map { _ -> Double in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (Double(state >> 11) / Double(1 << 53) * 2 - 1) * (3.0 / Double(n)).squareRoot()
        }
        let script = """
            import sys, numpy as np
            a = np.array([float(v) for v in sys.stdin.read().split()]).reshape(128, 128)
            w, v = np.linalg.eig(a)
            print(repr(float(np.abs(w).max())), repr(float(np.linalg.cond(v))))
            """
        let outcome = try Subprocess.run(program: "python3", arguments: ["-c", script],
                                         input: Data(values.map { "\($0)" }.joined(separator: " ").utf8))
        try #require(outcome.succeeded, "python3 with numpy: \(outcome.errorText)")
        let numbers = outcome.outputText.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        let (rho, condition) = (numbers[0], numbers[1])
        let estimate = try spectralRadius(of: NDArray(values, shape: [n, n]))
        #expect(estimate >= rho * pow(Double(n), -1 / (2 * k)) * (1 - 1e-12), "\(estimate) vs ρ = \(rho)")
        #expect(estimate <= rho * pow(condition, 1 / k) * (1 + 1e-12), "\(estimate) vs ρ = \(rho), κ = \(condition)")
        #expect(estimate < rho, "one dominant eigenvalue: the estimate is below ρ")
    }

    @Test(arguments: [("keras2", 0.52), ("keras1.0", 1.10), ("keras1.2", 1.02), ("pytorch", 0.62), ("torch7-lstm", 0.62),
                      ("tf1", 0.59), ("tf0", 0.74), ("lasagne", 1.18), ("chainer", 1.01), ("flax", 1.00),
                      ("theano-tutorial", 1.00), ("mxnet-gluon", 0.46)])
    func forgetGateRadiusMatchesTheReferenceTable(profile: String, expected: Double) throws {
        let radii = try ProfileRegistry.named(profile).spectralRadii(cell: "lstm", inputSize: 128, units: 128, seed: 11)
        #expect(Set(radii.keys) == ["input", "forget", "cell", "output"])
        let forget = radii["forget"]!
        #expect(Swift.abs(forget - expected) < 0.08 * expected, "\(profile): \(forget) vs \(expected)")
    }

    @Test func gruAndRNNKeys() throws {
        let p = try ProfileRegistry.named("keras3")
        #expect(Set(try p.spectralRadii(cell: "gru", inputSize: 4, units: 16, seed: 1).keys) == ["reset", "update", "hidden"])
        let rnn = try p.spectralRadii(cell: "rnn", inputSize: 4, units: 16, seed: 1)
        #expect(Swift.abs(rnn["hidden"]! - 1) < 1e-6)
    }
}
