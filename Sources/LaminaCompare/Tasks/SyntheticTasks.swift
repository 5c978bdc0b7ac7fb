import Foundation
import LaminaTensor

/// The adding problem in the form of Le, Jaitly & Hinton 2015 and Arjovsky
/// et al. 2016: two channels of length T, values U[0,1] and a marker that is
/// 0 except for exactly two 1s, one in each half; the target is the sum of
/// the two marked values; MSE. Predicting 1 always gives MSE 1/6.
/// Options: "length" T (default 50), "examples" training examples (default 2000;
/// validation and test get a quarter each).
public struct AddingTask: ComparisonTask {
    public init() {}
    public var name: String { "adding" }
    public var description: String { "adding problem (Le et al. 2015 form): sum of the two marked values of U[0,1], one marker per half; MSE" }
    public var metricName: String { "mse" }
    public var higherIsBetter: Bool { false }
    public var inputSize: Int { 2 }
    public var outputKind: TaskOutputKind { .regression }
    /// Test MSE below 0.05: under a third of the 1/6 of always predicting 1, so the run has
    /// learned to find and add the marked values rather than predict their mean.
    public var successThreshold: Double? { 0.05 }
    /// 1/6: always predicting 1, the mean of a sum of two U(0,1), leaves the variance 2·1/12.
    public func baselineMetric(options: [String: Double]) -> Double? { 1.0 / 6 }

    public func makeData(seed: UInt64, options: [String: Double]) throws -> TaskData {
        let t = intOption(options, "length", 50), n = intOption(options, "examples", 2000)
        guard t >= 2, n >= 1 else { throw TaskError.invalid(task: name, detail: "needs length ≥ 2 and examples ≥ 1, got \(t), \(n)") }
        return TaskData(train: Self.generate(count: n, length: t, seed: seed, stream: 1, firstId: 0),
                        validation: Self.generate(count: Swift.max(1, n / 4), length: t, seed: seed, stream: 2, firstId: n),
                        test: Self.generate(count: Swift.max(1, n / 4), length: t, seed: seed, stream: 3, firstId: n + Swift.max(1, n / 4)))
    }

    /// `count` sequences of `length` steps from one generator stream.
    public static func generate(count: Int, length t: Int, seed: UInt64, stream: UInt32, firstId: Int = 0) -> TaskSplit {
        var g = RandomGenerator(seed: seed, stream: stream)
        let values = g.uniform(shape: [count, t], dtype: .float64).scalars(as: Double.self)
        let picks = g.uniform(shape: [count, 2], dtype: .float64).scalars(as: Double.self)
        let half = t / 2
        var inputs = [Float](repeating: 0, count: count * t * 2), targets = [Float]()
        for i in 0..<count {
            let a = Swift.min(half - 1, Int(picks[2 * i] * Double(half)))
            let b = half + Swift.min(t - half - 1, Int(picks[2 * i + 1] * Double(t - half)))
            for s in 0..<t { inputs[(i * t + s) * 2] = Float(values[i * t + s]) }
            inputs[(i * t + a) * 2 + 1] = 1
            inputs[(i * t + b) * 2 + 1] = 1
            targets.append(Float(values[i * t + a] + values[i * t + b]))
        }
        return TaskSplit(steps: t, features: 2, inputs: inputs, mask: [Float](repeating: 1, count: count * t),
                         targets: targets, targetWidth: 1, ids: Array(firstId ..< firstId + count))
    }
}

/// The copy-memory task of Arjovsky et al. 2016: ten symbols from a1…a8,
/// then T−1 blanks, the delimiter a9 and ten blanks (length T+20, one-hot
/// over 10 symbols); the target is T+10 blanks then the ten symbols;
/// cross-entropy (nats) averaged over all steps. The memoryless baseline is
/// 10·ln 8/(T+20). Options: "length" T (default 20), "examples" (default 2000).
public struct CopyTask: ComparisonTask {
    public init() {}
    public var name: String { "copy" }
    public var description: String { "copy memory (Arjovsky et al. 2016): recall 10 symbols after T blanks; cross-entropy per step" }
    public var metricName: String { "cross-entropy" }
    public var higherIsBetter: Bool { false }
    public var inputSize: Int { 10 }
    public var outputKind: TaskOutputKind { .perStep(classes: 10) }

    /// The cross-entropy of the best model without memory: blanks for sure, then uniform over a1…a8.
    public static func memorylessBaseline(length t: Int) -> Double { 10 * log(8) / Double(t + 20) }

    /// The memoryless baseline for the options' length.
    public func baselineMetric(options: [String: Double]) -> Double? {
        Self.memorylessBaseline(length: intOption(options, "length", 20))
    }

    public func makeData(seed: UInt64, options: [String: Double]) throws -> TaskData {
        let t = intOption(options, "length", 20), n = intOption(options, "examples", 2000)
        guard t >= 1, n >= 1 else { throw TaskError.invalid(task: name, detail: "needs length ≥ 1 and examples ≥ 1, got \(t), \(n)") }
        let m = Swift.max(1, n / 4)
        return TaskData(train: Self.generate(count: n, length: t, seed: seed, stream: 1, firstId: 0),
                        validation: Self.generate(count: m, length: t, seed: seed, stream: 2, firstId: n),
                        test: Self.generate(count: m, length: t, seed: seed, stream: 3, firstId: n + m))
    }

    /// `count` sequences for delay `t` from one generator stream.
    public static func generate(count: Int, length t: Int, seed: UInt64, stream: UInt32, firstId: Int = 0) -> TaskSplit {
        var g = RandomGenerator(seed: seed, stream: stream)
        let draws = g.uniform(shape: [count, 10], dtype: .float64).scalars(as: Double.self)
        let steps = t + 20
        var inputs = [Float](repeating: 0, count: count * steps * 10), targets = [Float](repeating: 0, count: count * steps)
        for i in 0..<count {
            var symbols = (0..<10).map { 1 + Swift.min(7, Int(draws[i * 10 + $0] * 8)) }
            symbols += [Int](repeating: 0, count: t - 1) + [9] + [Int](repeating: 0, count: 10)
            for (s, symbol) in symbols.enumerated() { inputs[(i * steps + s) * 10 + symbol] = 1 }
            for k in 0..<10 { targets[i * steps + t + 10 + k] = Float(symbols[k]) }
        }
        return TaskSplit(steps: steps, features: 10, inputs: inputs, mask: [Float](repeating: 1, count: count * steps),
                         targets: targets, targetWidth: steps, ids: Array(firstId ..< firstId + count))
    }
}
