import Lamina

/// A library's optimizer constants other than the learning rate (which the
/// study shares), from the init-defaults reference §6. Used only when a run
/// asks for library defaults; otherwise every profile uses Lamina's defaults
/// (Adam ε 1e-8 in the ε-hat form; RMSprop ρ 0.9, ε 1e-6 inside √).
public struct OptimizerDefaults: Sendable, Equatable {
    public var adamEpsilon: Double
    public var adamForm: AdamEpsilon
    public var rmspropRho: Double
    public var rmspropEpsilon: Double
    public var rmspropPlacement: EpsilonPlacement
    public var rmspropInitialAccumulator: Double
    /// What was approximated or left at Lamina's values.
    public var note: String

    public init(adamEpsilon: Double = 1e-8, adamForm: AdamEpsilon = .epsilonHat, rmspropRho: Double = 0.9, rmspropEpsilon: Double = 1e-6,
                rmspropPlacement: EpsilonPlacement = .insideSquareRoot, rmspropInitialAccumulator: Double = 0, note: String = "") {
        self.adamEpsilon = adamEpsilon
        self.adamForm = adamForm
        self.rmspropRho = rmspropRho
        self.rmspropEpsilon = rmspropEpsilon
        self.rmspropPlacement = rmspropPlacement
        self.rmspropInitialAccumulator = rmspropInitialAccumulator
        self.note = note
    }

    /// Lamina's (Lasagne's) defaults.
    public static let lamina = OptimizerDefaults()

    /// The defaults of the profile called `name` (Lamina's for a profile whose library's were not checked).
    public static func of(profile name: String) -> OptimizerDefaults {
        switch name {
        case "lasagne": return OptimizerDefaults(note: "LA")
        case "keras1.0": return OptimizerDefaults(rmspropEpsilon: 1e-6, rmspropPlacement: .outsideSquareRoot, note: "K1a")
        case "keras1.2": return OptimizerDefaults(rmspropEpsilon: 1e-8, rmspropPlacement: .outsideSquareRoot, note: "K1b")
        case "keras2": return OptimizerDefaults(adamEpsilon: 1e-7, rmspropEpsilon: 1e-7, rmspropPlacement: .outsideSquareRoot,
                                                note: "K2b (2.1.3–2.2.x; 2.0–2.1.2 used ε 1e-8)")
        case "keras3": return OptimizerDefaults(adamEpsilon: 1e-7, rmspropEpsilon: 1e-7, rmspropPlacement: .insideSquareRoot, note: "TK,K3 (new optimizer)")
        case "pytorch", "torch7-lstm", "torch7-seqlstm", "chainer":
            return OptimizerDefaults(adamForm: .biasCorrected, rmspropRho: 0.99, rmspropEpsilon: 1e-8, rmspropPlacement: .outsideSquareRoot,
                                     note: name.hasPrefix("torch7") ? "TO (Adam form assumed bias-corrected)" : (name == "chainer" ? "CH" : "PT"))
        case "tf0", "tf1": return OptimizerDefaults(rmspropEpsilon: 1e-10, rmspropPlacement: .insideSquareRoot, rmspropInitialAccumulator: 1,
                                                    note: name == "tf0" ? "TF1 values (the 0.x file was not checked separately)" : "TF1")
        case "blocks": return OptimizerDefaults(rmspropEpsilon: 1e-10, note: "BL; max_scaling 1e5 approximated as ε 1e-10 inside √")
        case "mxnet-gluon": return OptimizerDefaults(rmspropEpsilon: 1e-8, rmspropPlacement: .outsideSquareRoot,
                                                     note: "MX; RMSprop ε placement not checked in source")
        default: return OptimizerDefaults(note: "not checked in source (\(name)); Lamina's defaults")
        }
    }
}
