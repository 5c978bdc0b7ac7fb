import Foundation
import Testing
import LaminaTensor
import LaminaGraph
@testable import Lamina
import LaminaTestSupport

/// Mean and standard deviation of an array's elements.
func statistics(_ a: NDArray) -> (mean: Double, std: Double) {
    let v = a.doubles
    let mean = v.reduce(0, +) / Double(v.count)
    let variance = v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(v.count)
    return (mean, variance.squareRoot())
}

/// Samples with a fixed seed.
func draw(_ initializer: any Initializer, _ shape: [Int], dtype: DType = .float64, seed: UInt64 = 11) throws -> NDArray {
    var generator = RandomGenerator(seed: seed)
    return try initializer.sample(shape: shape, dtype: dtype, using: &generator)
}

@Suite("Initializers")
struct InitializerTests {
    @Test func constantFillsEveryElement() throws {
        #expect(try draw(Constant(), [2, 3]).doubles == Array(repeating: 0, count: 6))
        let a = try draw(Constant(0.25), [4], dtype: .float32)
        #expect(a.dtype == .float32 && a.doubles == [0.25, 0.25, 0.25, 0.25])
    }

    @Test func normalHasItsMeanAndStd() throws {
        let (mean, std) = statistics(try draw(Normal(std: 0.5, mean: 2), [200, 200]))
        #expect(abs(mean - 2) < 0.01 && abs(std - 0.5) / 0.5 < 0.02)
        #expect(Normal().std == 0.01 && Normal().mean == 0)
    }

    @Test func uniformByRangeBoundsOrStd() throws {
        let byRange = try draw(Uniform(range: 0.5), [100, 100])
        #expect(byRange.doubles.allSatisfy { $0 >= -0.5 && $0 < 0.5 })
        // The std of U(−a, a) is a/√3.
        #expect(abs(statistics(byRange).std - 0.5 / 3.0.squareRoot()) < 0.005)
        let bounded = try draw(Uniform(low: 1, high: 3), [100, 100])
        #expect(bounded.doubles.allSatisfy { $0 >= 1 && $0 < 3 } && abs(statistics(bounded).mean - 2) < 0.02)
        let byStd = Uniform(std: 0.2, mean: 1)
        #expect(abs(byStd.low - (1 - 0.2 * 3.0.squareRoot())) < 1e-15 && abs(byStd.high - (1 + 0.2 * 3.0.squareRoot())) < 1e-15)
        #expect(abs(statistics(try draw(byStd, [200, 200])).std - 0.2) < 0.004)
        #expect(Uniform().low == -0.01 && Uniform().high == 0.01)
    }

    @Test func fanRulesFor2DAndConvolutionShapes() {
        #expect(FanRule.lasagne.fans(of: [30, 20]) == (30, 20))
        #expect(FanRule.keras.fans(of: [30, 20]) == (30, 20))
        // Lasagne/PyTorch (out, in, h, w) = (16, 8, 3, 5): rf = 15.
        #expect(FanRule.lasagne.fans(of: [16, 8, 3, 5]) == (8 * 15, 16 * 15))
        // Keras (h, w, in, out) = (3, 5, 8, 16).
        #expect(FanRule.keras.fans(of: [3, 5, 8, 16]) == (8 * 15, 16 * 15))
        #expect(FanRule.lasagne.fans(of: [4, 6, 7]) == (42, 28))
        #expect(FanRule.keras.fans(of: [7, 6, 4]) == (42, 28))
    }

    /// (initializer, shape, expected std)
    static let varianceCases: [(String, [Int], Double)] = [
        ("glorot normal", [30, 20], (2.0 / 50).squareRoot()),
        ("glorot normal gain", [30, 20], 2 * (2.0 / 50).squareRoot()),
        ("glorot uniform", [30, 20], (2.0 / 50).squareRoot()),
        ("he normal", [30, 20], (2.0 / 30).squareRoot()),
        ("he uniform", [30, 20], (2.0 / 30).squareRoot()),
        ("he normal lasagne gain", [30, 20], (1.0 / 30).squareRoot()),
        ("lecun normal", [30, 20], (1.0 / 30).squareRoot()),
        ("lecun uniform", [30, 20], (1.0 / 30).squareRoot()),
        ("glorot conv lasagne", [16, 8, 3, 3], (2.0 / Double((16 + 8) * 9)).squareRoot()),
        ("he conv lasagne", [16, 8, 3, 3], (2.0 / Double(8 * 9)).squareRoot()),
        ("he conv keras", [3, 3, 8, 16], (2.0 / Double(8 * 9)).squareRoot()),
        ("lecun conv keras", [3, 3, 8, 16], (1.0 / Double(8 * 9)).squareRoot()),
    ]

    @Test(arguments: varianceCases)
    func varianceScalingStdFollowsTheFanRule(_ label: String, _ shape: [Int], _ expected: Double) throws {
        let initializers: [String: any VarianceScalingInitializer] = [
            "glorot normal": GlorotNormal(), "glorot normal gain": GlorotNormal(gain: 2), "glorot uniform": GlorotUniform(),
            "he normal": HeNormal(), "he uniform": HeUniform(), "he normal lasagne gain": HeNormal(gain: 1),
            "lecun normal": LeCunNormal(), "lecun uniform": LeCunUniform(),
            "glorot conv lasagne": GlorotNormal(), "he conv lasagne": HeUniform(), "he conv keras": HeNormal(fanRule: .keras),
            "lecun conv keras": LeCunUniform(fanRule: .keras),
        ]
        let initializer = initializers[label]!
        #expect(abs(try initializer.rule.standardDeviation(for: shape) - expected) < 1e-15)
        // Sample statistics over a large draw of the same fans: mean 0, the expected std.
        var values: [Double] = []
        for seed in 0..<UInt64(max(1, 40_000 / shape.reduce(1, *))) {
            values += try draw(initializer, shape, seed: seed).doubles
        }
        let (mean, std) = statistics(NDArray(values, shape: [values.count]))
        #expect(abs(mean) < 0.03 * expected, "mean \(mean)")
        #expect(abs(std - expected) / expected < 0.03, "std \(std), expected \(expected)")
        if initializer.rule.distribution == .uniform {
            let bound = 3.0.squareRoot() * expected
            #expect(values.allSatisfy { abs($0) <= bound })
            #expect(values.contains { abs($0) > 0.95 * bound })
        }
    }

    @Test func varianceScalingNeedsTwoAxes() {
        #expect(message { _ = try draw(GlorotUniform(), [5]) }.contains("needs a shape of at least 2 axes, got (5,)"))
    }

    @Test(arguments: [[6, 4], [4, 6], [5, 5], [3, 2, 4]])
    func orthogonalHasOrthonormalRowsOrColumnsTimesGain(_ shape: [Int]) throws {
        let q = try draw(Orthogonal(gain: 1.5), shape)
        #expect(q.shape == shape)
        let rows = shape[0], columns = shape[1...].reduce(1, *)
        let m = try q.reshaped([rows, columns])
        // Q·Qᵀ (wide) or Qᵀ·Q (tall) is gain²·I.
        let gram = rows >= columns ? try m.matmul(m, transposeSelf: true) : try m.matmul(m, transposeOther: true)
        let n = min(rows, columns)
        var identity = [Double](repeating: 0, count: n * n)
        for i in 0..<n { identity[i * n + i] = 2.25 }
        expectClose(gram, identity, shape: [n, n], absolute: 1e-12, relative: 1e-9)
    }

    @Test func orthogonalDiffersBySeedAndNeedsTwoAxes() throws {
        #expect(try draw(Orthogonal(), [4, 4], seed: 1).doubles != draw(Orthogonal(), [4, 4], seed: 2).doubles)
        #expect(message { _ = try draw(Orthogonal(), [4]) }.contains("Orthogonal: needs a shape of at least 2 axes"))
    }

    @Test func identityIsTheScaledIdentity() throws {
        expectClose(try draw(Identity(scale: 0.5), [2, 3]), [0.5, 0, 0, 0, 0.5, 0], shape: [2, 3], absolute: 1e-9, relative: 1e-9)
        expectClose(try draw(Identity(), [3, 2]), [1, 0, 0, 1, 0, 0], shape: [3, 2], absolute: 1e-9, relative: 1e-9)
        #expect(message { _ = try draw(Identity(), [2, 2, 2]) }.contains("exactly 2 axes"))
    }

    @Test func sparseHasAFixedNumberOfNonzerosPerColumn() throws {
        let w = try draw(Sparse(sparsity: 0.25, std: 1), [20, 6])
        for column in 0..<6 {
            let nonzero = (0..<20).filter { w[$0, column] != 0 }.count
            #expect(nonzero == 5, "column \(column) has \(nonzero) nonzeros")
        }
        // The chosen rows differ between columns.
        let patterns = Set((0..<6).map { c in (0..<20).filter { w[$0, c] != 0 } })
        #expect(patterns.count > 1)
        #expect(try draw(Sparse(), [9, 3]).doubles.allSatisfy { $0 == 0 })   // ⌊0.1·9⌋ = 0
    }

    @Test func layersDrawFromTheScopedSeedReproducibly() throws {
        func build() throws -> [Double] {
            try LayerDefaults.using(seed: 99) {
                let input = try InputLayer(shape: [nil, 5])
                return (try DenseLayer(incoming: input, units: 4).W as! Shared).value.doubles
            }
        }
        let first = try build(), second = try build()
        #expect(first == second)
        let other = try LayerDefaults.using(seed: 100) { try GlorotUniform().sample(shape: [5, 4]).doubles }
        #expect(other != first)
        #expect(try LayerDefaults.using(floatX: .float64) { try Constant(1).sample(shape: [2]) }.dtype == .float64)
    }
}
