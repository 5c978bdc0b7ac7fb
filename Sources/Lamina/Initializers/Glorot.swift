/// Glorot (Xavier) initialization (Glorot & Bengio 2010; Lasagne's
/// `Glorot(initializer, gain=1.0)`): std = gain·√(2 / (fan_in + fan_out)),
/// drawn as N(0, std²) (``GlorotNormal``) or U(−a, a) with
/// a = √3·std = gain·√(6 / (fan_in + fan_out)) (``GlorotUniform``).
/// Fans follow `fanRule` (``FanRule/lasagne`` by default; for 2-D weights
/// fan_in = shape[0], fan_out = shape[1]). Normal draws are not truncated.
public struct Glorot<Draws: VarianceScalingDraws>: VarianceScalingInitializer {
    /// The factor on the standard deviation.
    public let gain: Double
    /// How fans are computed from the shape.
    public let fanRule: FanRule
    /// - Parameters:
    ///   - gain: the factor on the standard deviation.
    ///   - fanRule: how fans are computed (``FanRule/lasagne`` or ``FanRule/keras``).
    public init(gain: Double = 1, fanRule: FanRule = .lasagne) {
        self.gain = gain
        self.fanRule = fanRule
    }
    /// The equivalent ``VarianceScaling`` rule.
    public var rule: VarianceScaling { VarianceScaling(scale: gain * gain, mode: .fanAverage, distribution: Draws.distribution, fanRule: fanRule) }
}

/// w ~ N(0, std²), std = gain·√(2 / (fan_in + fan_out)) (Lasagne's `GlorotNormal`, Keras' `glorot_normal` untruncated).
public typealias GlorotNormal = Glorot<NormalDraws>

/// w ~ U(−a, a), a = gain·√(6 / (fan_in + fan_out)) (Lasagne's `GlorotUniform`, the
/// default `W` of its `DenseLayer`; Keras' and TensorFlow's `glorot_uniform`).
public typealias GlorotUniform = Glorot<UniformDraws>
