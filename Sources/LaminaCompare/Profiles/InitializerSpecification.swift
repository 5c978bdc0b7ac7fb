import Lamina

/// A scale that may depend on the weight's sizes: D is the layer's input size
/// (for the readout, the recurrent units) and H its units (for the readout,
/// its outputs).
public enum ScaleRule: Codable, Sendable, Equatable, CustomStringConvertible {
    /// A fixed value.
    case value(Double)
    /// 1/√D.
    case inverseSqrtInputs
    /// 1/√H.
    case inverseSqrtUnits
    /// 1/√(D+H).
    case inverseSqrtInputsPlusUnits

    /// The scale for input size `d` and units `h`.
    public func value(inputs d: Int, units h: Int) -> Double {
        switch self {
        case .value(let x): return x
        case .inverseSqrtInputs: return invSqrt(d)
        case .inverseSqrtUnits: return invSqrt(h)
        case .inverseSqrtInputsPlusUnits: return invSqrt(d + h)
        }
    }

    /// Reads a number or one of the texts "1/sqrt(D)", "1/sqrt(H)", "1/sqrt(D+H)".
    public init?(text: String) {
        switch text.replacingOccurrences(of: " ", with: "") {
        case "1/sqrt(D)": self = .inverseSqrtInputs
        case "1/sqrt(H)": self = .inverseSqrtUnits
        case "1/sqrt(D+H)": self = .inverseSqrtInputsPlusUnits
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .value(let x): return "\(x)"
        case .inverseSqrtInputs: return "1/√D"
        case .inverseSqrtUnits: return "1/√H"
        case .inverseSqrtInputsPlusUnits: return "1/√(D+H)"
        }
    }
}

/// An initializer written as data, so that a study file can name one: each
/// case builds the Lamina initializer of the same name for a weight of input
/// size D and units H.
public enum InitializerSpecification: Codable, Sendable, Equatable, CustomStringConvertible {
    /// Every value `x`.
    case constant(Double)
    /// U(−s, s).
    case uniform(ScaleRule)
    /// N(0, s²).
    case normal(ScaleRule)
    /// N(0, s²) truncated at two standard deviations of the underlying normal and rescaled (Flax's form).
    case truncatedNormal(ScaleRule)
    /// The sum of two U(−s, s) draws (PyTorch's two recurrent biases).
    case sumOfUniforms(ScaleRule)
    /// U(±gain·√(6/(fan_in+fan_out))).
    case glorotUniform(gain: Double)
    /// N(0, gain²·2/(fan_in+fan_out)).
    case glorotNormal(gain: Double)
    /// A (semi-)orthogonal matrix times `gain`.
    case orthogonal(gain: Double)
    /// N(0, 1/fan_in).
    case lecunNormal
    /// U(±√(3/fan_in)).
    case lecunUniform
    /// N(0, 2/fan_in).
    case heNormal
    /// U(±√(6/fan_in)).
    case heUniform

    /// The Lamina initializer for input size `d` and units `h`.
    public func initializer(inputs d: Int, units h: Int) -> any Initializer {
        switch self {
        case .constant(let x): return Constant(x)
        case .uniform(let s): return Uniform(range: s.value(inputs: d, units: h))
        case .normal(let s): return Normal(std: s.value(inputs: d, units: h))
        case .truncatedNormal(let s): return TruncatedNormal(std: s.value(inputs: d, units: h))
        case .sumOfUniforms(let s): return SumOfUniforms(bound: s.value(inputs: d, units: h))
        case .glorotUniform(let gain): return GlorotUniform(gain: gain)
        case .glorotNormal(let gain): return GlorotNormal(gain: gain)
        case .orthogonal(let gain): return Orthogonal(gain: gain)
        case .lecunNormal: return LeCunNormal()
        case .lecunUniform: return LeCunUniform()
        case .heNormal: return HeNormal(gain: 1)
        case .heUniform: return HeUniform(gain: 1)
        }
    }

    /// The initializer as a function of the sizes, the form recipes hold.
    var sized: Sized { { d, h in self.initializer(inputs: d, units: h) } }

    public var description: String {
        switch self {
        case .constant(let x): return "\(x)"
        case .uniform(let s): return "U(±\(s))"
        case .normal(let s): return "N(0, \(s))"
        case .truncatedNormal(let s): return "truncated N(0, \(s))"
        case .sumOfUniforms(let s): return "U(±\(s)) + U(±\(s))"
        case .glorotUniform(let g): return g == 1 ? "glorot_uniform" : "glorot_uniform×\(g)"
        case .glorotNormal(let g): return g == 1 ? "glorot_normal" : "glorot_normal×\(g)"
        case .orthogonal(let g): return g == 1 ? "orthogonal" : "orthogonal×\(g)"
        case .lecunNormal: return "lecun_normal"
        case .lecunUniform: return "lecun_uniform"
        case .heNormal: return "he_normal"
        case .heUniform: return "he_uniform"
        }
    }

    /// The names a study file may use, with the form of their argument.
    public static let studyFileForms = [
        "a number (constant)", "{\"uniform\": S}", "{\"normal\": S}", "{\"truncatedNormal\": S}", "{\"sumOfUniforms\": S}",
        "\"glorotUniform\" or {\"glorotUniform\": gain}", "\"glorotNormal\" or {\"glorotNormal\": gain}",
        "\"orthogonal\" or {\"orthogonal\": gain}", "\"lecunNormal\"", "\"lecunUniform\"", "\"heNormal\"", "\"heUniform\"",
    ]
}
