/// How a library initializes the dense layer that reads the network's output
/// (`Linear`, `Dense`, `DenseLayer`), from the init-defaults reference §1.
/// Used when a run asks for library defaults; otherwise every profile shares
/// ``shared`` drawn from a seed stream of its own, so that only the recurrent
/// layer differs.
public struct ReadoutRecipe: Codable, Sendable, Equatable, CustomStringConvertible {
    /// The weight matrix (D = the recurrent units, H = the readout's outputs).
    public var weights: InitializerSpecification
    /// The bias.
    public var bias: InitializerSpecification

    public init(weights: InitializerSpecification, bias: InitializerSpecification) {
        self.weights = weights
        self.bias = bias
    }

    /// The readout every profile shares without library defaults: Glorot uniform, bias 0 (Lasagne's `DenseLayer`).
    public static let shared = ReadoutRecipe(weights: .glorotUniform(gain: 1), bias: .constant(0))

    public var description: String { "W \(weights), b \(bias)" }

    /// The readout of the profile called `name` [source codes of the init-defaults reference].
    static func of(profile name: String) -> ReadoutRecipe {
        switch name {
        // nn.Linear: kaiming_uniform_(a=√5) = U(±1/√in), bias U(±1/√in) [PT]; Torch7 nn.Linear the same [T7].
        case "pytorch", "torch7-lstm", "torch7-seqlstm":
            return ReadoutRecipe(weights: .uniform(.inverseSqrtInputs), bias: .uniform(.inverseSqrtInputs))
        // uniform_unit_scaling: U(±√(3/fan_in)) [TF0].
        case "tf0": return ReadoutRecipe(weights: .lecunUniform, bias: .constant(0))
        // No default; its documentation uses IsotropicGaussian(0.01) and Constant(0) [BL].
        case "blocks": return ReadoutRecipe(weights: .normal(.value(0.01)), bias: .constant(0))
        // The tutorial's classifier U = 0.01·randn [TH].
        case "theano-tutorial": return ReadoutRecipe(weights: .normal(.value(0.01)), bias: .constant(0))
        // The global default of net.initialize(): Uniform(0.07) [MX].
        case "mxnet-gluon": return ReadoutRecipe(weights: .uniform(.value(0.07)), bias: .constant(0))
        // L.Linear: LeCunNormal, N(0, 1/√in) [CH].
        case "chainer": return ReadoutRecipe(weights: .lecunNormal, bias: .constant(0))
        // nn.Dense: lecun_normal, truncated normal with variance 1/in [FX].
        case "flax": return ReadoutRecipe(weights: .truncatedNormal(.inverseSqrtInputs), bias: .constant(0))
        // glorot_uniform and zeros: Keras 1–3 [K1a, K1b, K2a, TK, K3], TF1 [TF1], Lasagne [LA].
        default: return .shared
        }
    }
}
