/// He (Kaiming) initialization (He et al. 2015): std = gain·√(1 / fan_in),
/// drawn as N(0, std²) (``HeNormal``) or U(−√3·std, √3·std) (``HeUniform``).
/// The default gain is √2, so std = √(2 / fan_in) as in Keras' `he_normal`
/// (untruncated) and `he_uniform` and PyTorch's Kaiming initializers for ReLU.
/// Lasagne's `HeNormal`/`HeUniform` use the same formula with default gain 1
/// (its `gain='relu'` gives √2): pass `gain: 1` to match Lasagne's default.
/// Fans follow `fanRule` (for 2-D weights fan_in = shape[0]; for ≥3-D
/// Lasagne's fan_in = prod(shape[1:])).
public struct He<Draws: VarianceScalingDraws>: VarianceScalingInitializer {
    /// The factor on the standard deviation.
    public let gain: Double
    /// How fans are computed from the shape.
    public let fanRule: FanRule
    /// - Parameters:
    ///   - gain: the factor on the standard deviation.
    ///   - fanRule: how fans are computed (``FanRule/lasagne`` or ``FanRule/keras``).
    public init(gain: Double = reluGain, fanRule: FanRule = .lasagne) {
        self.gain = gain
        self.fanRule = fanRule
    }
    /// The equivalent ``VarianceScaling`` rule.
    public var rule: VarianceScaling { VarianceScaling(scale: gain * gain, mode: .fanIn, distribution: Draws.distribution, fanRule: fanRule) }
}

/// w ~ N(0, std²), std = gain·√(1 / fan_in), default gain √2.
public typealias HeNormal = He<NormalDraws>

/// w ~ U(−a, a), a = gain·√(3 / fan_in), default gain √2 (so a = √(6 / fan_in)).
public typealias HeUniform = He<UniformDraws>
