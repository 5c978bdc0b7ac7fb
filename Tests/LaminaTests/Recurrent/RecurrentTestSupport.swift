import Testing
import LaminaTensor
import LaminaGraph
@testable import Lamina

/// Shared data for the recurrent tests: small shapes, float64.
enum RecurrentData {
    static let batch = 2, steps = 4, features = 3, units = 2

    /// Reproducible N(0, std²) draws.
    static func normal(_ shape: [Int], seed: UInt64, std: Double = 1) -> NDArray {
        var generator = RandomGenerator(seed: seed)
        return generator.normal(shape: shape, mean: 0, std: std, dtype: .float64)
    }

    /// An input (batch, steps, features).
    static func input(seed: UInt64 = 11, steps: Int = steps) -> NDArray { normal([batch, steps, features], seed: seed) }

    /// A mask (batch, steps): the first sequence full, the second padded after two steps.
    static func mask(steps: Int = steps) -> NDArray {
        NDArray((0..<(batch * steps)).map { i -> Double in i < steps || i % steps < 2 ? 1 : 0 }, shape: [batch, steps])
    }

    /// The loop flags of one test case.
    struct Flags: CustomTestStringConvertible, Sendable {
        var masked = false
        var backwards = false
        var onlyReturnFinal = false
        var precompute = true
        var unroll = false
        var learnInit = false
        var testDescription: String {
            [masked ? "masked" : nil, backwards ? "backwards" : nil, onlyReturnFinal ? "final" : nil,
             precompute ? nil : "in-loop input", unroll ? "unrolled" : nil, learnInit ? "learned init" : nil]
                .compactMap { $0 }.joined(separator: ", ").ifEmpty("plain")
        }
        var options: RecurrentOptions {
            RecurrentOptions(backwards: backwards, learnInit: learnInit, unrollScan: unroll, precomputeInput: precompute,
                             onlyReturnFinal: onlyReturnFinal)
        }
    }

    /// Flag combinations that each change how the output is computed.
    static let flagCases: [Flags] = [
        Flags(),
        Flags(masked: true),
        Flags(backwards: true),
        Flags(masked: true, backwards: true),
        Flags(onlyReturnFinal: true),
        Flags(masked: true, backwards: true, onlyReturnFinal: true),
        Flags(precompute: false),
        Flags(masked: true, unroll: true),
        Flags(backwards: true, unroll: true),
        Flags(masked: true, backwards: true, precompute: false, unroll: true),
    ]

    /// The input layers (fixed number of steps, for unrolling) and the feeds for one case.
    static func inputs(_ flags: Flags, seed: UInt64 = 11) throws -> (input: InputLayer, mask: InputLayer?, feeds: [Expr: NDArray]) {
        let input = try InputLayer(shape: [nil, steps, features], dtype: .float64, name: "x")
        let mask = flags.masked ? try InputLayer(shape: [nil, steps], dtype: .float64, name: "mask") : nil
        var feeds: [Expr: NDArray] = [input.inputVar: self.input(seed: seed)]
        if let mask { feeds[mask.inputVar] = self.mask() }
        return (input, mask, feeds)
    }

    /// The reference per-step values (batch, steps, units) of a state, or its final values
    /// (batch, units), as the layer's output shape asks.
    static func expected(_ run: (perStep: [[Double]], final: [[Double]]), state: Int, flags: Flags) -> ([Double], [Int]) {
        flags.onlyReturnFinal ? (run.final[state], [batch, units]) : (run.perStep[state], [batch, steps, units])
    }
}

private extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}

/// The value of a shared parameter (1, units) as one row.
func paramValues(_ e: Expr?) -> [Double] { (e as! Shared).value.doubles }
