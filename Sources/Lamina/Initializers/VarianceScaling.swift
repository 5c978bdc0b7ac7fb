import LaminaTensor

/// Draws with variance scale / n, where n is the fan-in, the fan-out or
/// their average (Keras' `VarianceScaling`); the Glorot, He and LeCun
/// initializers are instances of it.
///
/// std = √(scale / n); normal draws are N(0, std²) (not truncated), uniform
/// draws are U(−√3·std, √3·std). Fans follow ``fanRule`` (see ``FanRule``);
/// shapes need at least 2 axes, as in Lasagne.
public struct VarianceScaling: Initializer {
    /// Which fan divides the scale.
    public enum Mode: Sendable, Hashable {
        /// n = fan_in
        case fanIn
        /// n = fan_out
        case fanOut
        /// n = (fan_in + fan_out) / 2
        case fanAverage
    }

    /// The distribution drawn from.
    public enum Distribution: Sendable, Hashable {
        /// N(0, std²)
        case normal
        /// U(−√3·std, √3·std)
        case uniform
    }

    /// The variance is scale / n (for example 2 for He, 1 for LeCun).
    public let scale: Double
    /// Which fan n is.
    public let mode: Mode
    /// Normal or uniform draws.
    public let distribution: Distribution
    /// How fans are computed from the shape.
    public let fanRule: FanRule

    /// A rule; the defaults (scale 1, fan-in, normal) are LeCun normal.
    public init(scale: Double = 1, mode: Mode = .fanIn, distribution: Distribution = .normal, fanRule: FanRule = .lasagne) {
        self.scale = scale
        self.mode = mode
        self.distribution = distribution
        self.fanRule = fanRule
    }

    /// The standard deviation of the draws for `shape`.
    public func standardDeviation(for shape: [Int]) throws -> Double {
        try requireRank(shape, atLeast: 2, "VarianceScaling")
        let (fanIn, fanOut) = fanRule.fans(of: shape)
        let n: Double
        switch mode {
        case .fanIn: n = Double(fanIn)
        case .fanOut: n = Double(fanOut)
        case .fanAverage: n = Double(fanIn + fanOut) / 2
        }
        return (scale / n).squareRoot()
    }

    /// Draws an array of `shape` and `dtype` (see ``Initializer/sample(shape:dtype:using:)``).
    public func sample(shape: [Int], dtype: DType, using generator: inout RandomGenerator) throws -> NDArray {
        let std = try standardDeviation(for: shape)
        switch distribution {
        case .normal: return generator.normal(shape: shape, std: std, dtype: dtype)
        case .uniform:
            let bound = 3.0.squareRoot() * std
            return generator.uniform(shape: shape, low: -bound, high: bound, dtype: dtype)
        }
    }
}

/// The gain recommended for rectified linear units, √2 (Lasagne's `gain='relu'`).
public let reluGain = 2.0.squareRoot()

/// An initializer defined by a ``VarianceScaling`` rule (Glorot, He, LeCun).
public protocol VarianceScalingInitializer: Initializer {
    /// The rule that draws the values.
    var rule: VarianceScaling { get }
}

extension VarianceScalingInitializer {
    /// Draws an array of `shape` and `dtype` (see ``Initializer/sample(shape:dtype:using:)``).
    public func sample(shape: [Int], dtype: DType, using generator: inout RandomGenerator) throws -> NDArray {
        try rule.sample(shape: shape, dtype: dtype, using: &generator)
    }
}

/// The distribution of a variance-scaling family as a type, so that each
/// family (``Glorot``, ``He``, ``LeCun``) is defined once and its normal and
/// uniform variants are type aliases (``GlorotNormal``, ``GlorotUniform``, …).
public protocol VarianceScalingDraws: Sendable {
    static var distribution: VarianceScaling.Distribution { get }
}

/// Normal draws, N(0, std²).
public enum NormalDraws: VarianceScalingDraws {
    /// ``VarianceScaling/Distribution/normal``.
    public static var distribution: VarianceScaling.Distribution { .normal }
}

/// Uniform draws, U(−√3·std, √3·std).
public enum UniformDraws: VarianceScalingDraws {
    /// ``VarianceScaling/Distribution/uniform``.
    public static var distribution: VarianceScaling.Distribution { .uniform }
}
