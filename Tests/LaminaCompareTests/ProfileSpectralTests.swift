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
