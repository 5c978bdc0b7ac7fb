/// LeCun initialization (LeCun et al. 1998): std = √(1 / fan_in), drawn as
/// N(0, std²) (``LeCunNormal``: Keras' `lecun_normal` and Flax's default
/// without truncation, Chainer's `LeCunNormal`) or U(−a, a) with
/// a = √(3 / fan_in) (``LeCunUniform``: Keras' `lecun_uniform`). Fans follow
/// `fanRule` (for 2-D weights fan_in = shape[0]).
public struct LeCun<Draws: VarianceScalingDraws>: VarianceScalingInitializer {
    /// How fans are computed from the shape.
    public let fanRule: FanRule
    /// - Parameter fanRule: how fans are computed (``FanRule/lasagne`` or ``FanRule/keras``).
    public init(fanRule: FanRule = .lasagne) { self.fanRule = fanRule }
    /// The equivalent ``VarianceScaling`` rule.
    public var rule: VarianceScaling { VarianceScaling(scale: 1, mode: .fanIn, distribution: Draws.distribution, fanRule: fanRule) }
}

/// w ~ N(0, 1/fan_in).
public typealias LeCunNormal = LeCun<NormalDraws>

/// w ~ U(−√(3/fan_in), √(3/fan_in)).
public typealias LeCunUniform = LeCun<UniformDraws>
