import Lamina

/// A field of a profile's recipe that a study file can override and an
/// ablation walks through, in the order an ablation changes them.
public enum RecipeField: String, Codable, CaseIterable, Sendable {
    /// The input-to-hidden weights of every gate (per-gate draws).
    case inputWeights
    /// The hidden-to-hidden weights of every gate (per-gate draws).
    case recurrentWeights
    /// How gate matrices are drawn: per gate, stacked (one draw over all gates) or joint (inputs and hidden
    /// together), with the gate order that places each gate's block.
    case draw
    /// Every gate's bias.
    case bias
    /// The LSTM forget gate's bias constant (replacing `bias` for that gate), or none.
    case forgetBias
    /// The GRU's separate hidden bias inside the reset product.
    case hiddenBias
    /// The LSTM's peephole weights, or none.
    case peepholes
    /// The GRU's reset placement and update form (structural; only a whole profile's can be taken).
    case gruForm
    /// The LSTM/GRU gate activation (used with library defaults).
    case gateActivation
    /// The simple RNN's activation (used with library defaults).
    case activation
    /// Whether the initial states are learned parameters.
    case learnInit
    /// The optimizer constants other than the learning rate (used with library defaults).
    case optimizer
    /// The readout's initialization (used with library defaults).
    case readout

    /// The recurrent cells whose layer the field changes (the optimizer and readout: all).
    public var cells: Set<String> {
        switch self {
        case .forgetBias, .peepholes: return ["lstm"]
        case .hiddenBias, .gruForm: return ["gru"]
        case .draw, .gateActivation: return ["lstm", "gru"]
        case .activation: return ["rnn"]
        default: return ["lstm", "gru", "rnn"]
        }
    }
}

/// The optimizer constants a study file may set; nil keeps the base profile's.
public struct OptimizerOverride: Codable, Sendable, Equatable {
    public var adamEpsilon: Double?
    /// "epsilonHat" or "biasCorrected".
    public var adamForm: String?
    public var rmspropRho: Double?
    public var rmspropEpsilon: Double?
    /// "inside" or "outside" the square root.
    public var rmspropPlacement: String?
    public var rmspropInitialAccumulator: Double?

    public init(adamEpsilon: Double? = nil, adamForm: String? = nil, rmspropRho: Double? = nil, rmspropEpsilon: Double? = nil,
                rmspropPlacement: String? = nil, rmspropInitialAccumulator: Double? = nil) {
        self.adamEpsilon = adamEpsilon
        self.adamForm = adamForm
        self.rmspropRho = rmspropRho
        self.rmspropEpsilon = rmspropEpsilon
        self.rmspropPlacement = rmspropPlacement
        self.rmspropInitialAccumulator = rmspropInitialAccumulator
    }

    /// `base` with the set constants replaced.
    /// - Throws: ``ProfileError/invalidOverride(_:_:)`` for an unknown form or placement.
    func applied(to base: OptimizerDefaults) throws -> OptimizerDefaults {
        var o = base
        if let x = adamEpsilon { o.adamEpsilon = x }
        if let x = rmspropRho { o.rmspropRho = x }
        if let x = rmspropEpsilon { o.rmspropEpsilon = x }
        if let x = rmspropInitialAccumulator { o.rmspropInitialAccumulator = x }
        switch adamForm {
        case nil: break
        case "epsilonHat": o.adamForm = .epsilonHat
        case "biasCorrected": o.adamForm = .biasCorrected
        case let other?: throw ProfileError.invalidOverride("optimizer.adamForm", "must be \"epsilonHat\" or \"biasCorrected\", not \"\(other)\"")
        }
        switch rmspropPlacement {
        case nil: break
        case "inside": o.rmspropPlacement = .insideSquareRoot
        case "outside": o.rmspropPlacement = .outsideSquareRoot
        case let other?: throw ProfileError.invalidOverride("optimizer.rmspropPlacement", "must be \"inside\" or \"outside\", not \"\(other)\"")
        }
        o.note = base.note + " (overridden)"
        return o
    }
}

/// The value a study file gives a recipe field.
public enum RecipeValue: Codable, Sendable, Equatable, CustomStringConvertible {
    /// The field as another profile has it (any field).
    case fromProfile(String)
    /// An initializer (input, recurrent and peephole weights, biases).
    case initializer(InitializerSpecification)
    /// `draw`: each gate's blocks drawn by the weight fields.
    case drawPerGate
    /// `draw`: one draw over the stacked input matrix and one over the stacked hidden matrix.
    case drawStacked(input: InitializerSpecification, hidden: InitializerSpecification)
    /// `draw`: one draw over the joint (inputs + units) matrix.
    case drawJoint(InitializerSpecification)
    /// `forgetBias`: this constant.
    case number(Double)
    /// `forgetBias` or `peepholes`: none.
    case off
    /// `gateActivation` or `activation`, by name (see ``RecipeValue/activations``).
    case activation(String)
    /// `learnInit`.
    case flag(Bool)
    /// `optimizer`: constants over the base profile's.
    case optimizer(OptimizerOverride)
    /// `readout`.
    case readout(ReadoutRecipe)

    /// The activations a study file may name.
    public static let activations: [String: Nonlinearity] = [
        "sigmoid": .sigmoid, "hardSigmoid": .hardSigmoid, "hardSigmoidKeras3": .hardSigmoidKeras3, "tanh": .tanh,
        "rectify": .rectify, "linear": .linear,
    ]

    public var description: String {
        switch self {
        case .fromProfile(let p): return "as \(p)"
        case .initializer(let s): return "\(s)"
        case .drawPerGate: return "per gate"
        case .drawStacked(let i, let h): return "stacked (inputs \(i), hidden \(h))"
        case .drawJoint(let s): return "joint \(s)"
        case .number(let x): return "\(x)"
        case .off: return "none"
        case .activation(let a): return a
        case .flag(let b): return "\(b)"
        case .optimizer(let o): return "\(o)"
        case .readout(let r): return "\(r)"
        }
    }
}

/// One field of a profile set to a value.
public struct ProfileOverride: Codable, Sendable, Equatable {
    public var field: RecipeField
    public var value: RecipeValue

    public init(field: RecipeField, value: RecipeValue) {
        self.field = field
        self.value = value
    }
}

extension InitProfile {
    /// This profile with `override` applied to every cell's recipe that has the field.
    /// - Throws: ``ProfileError/unknownProfile(_:known:)`` for an unknown `fromProfile`, or
    ///   ``ProfileError/invalidOverride(_:_:)`` when the value does not fit the field.
    public func applying(_ override: ProfileOverride) throws -> InitProfile {
        var p = self
        let field = override.field
        func invalid() -> ProfileError {
            .invalidOverride(field.rawValue, "cannot be set to \(override.value)")
        }
        if case .fromProfile(let name) = override.value {
            let source = try ProfileRegistry.named(name)
            switch field {
            case .inputWeights: (p.lstm.W_in, p.gru.W_in, p.rnn.W_in) = (source.lstm.W_in, source.gru.W_in, source.rnn.W_in)
            case .recurrentWeights: (p.lstm.W_hid, p.gru.W_hid, p.rnn.W_hid) = (source.lstm.W_hid, source.gru.W_hid, source.rnn.W_hid)
            case .draw:
                (p.lstm.draw, p.lstm.order) = (source.lstm.draw, source.lstm.order)
                (p.gru.draw, p.gru.order) = (source.gru.draw, source.gru.order)
            case .bias: (p.lstm.bias, p.gru.bias, p.rnn.bias) = (source.lstm.bias, source.gru.bias, source.rnn.bias)
            case .forgetBias: p.lstm.forgetBias = source.lstm.forgetBias
            case .hiddenBias: p.gru.hiddenBias = source.gru.hiddenBias
            case .peepholes: p.lstm.peephole = source.lstm.peephole
            case .gruForm: (p.gru.reset, p.gru.update) = (source.gru.reset, source.gru.update)
            case .gateActivation: (p.lstm.gateActivation, p.gru.gateActivation) = (source.lstm.gateActivation, source.gru.gateActivation)
            case .activation: p.rnn.activation = source.rnn.activation
            case .learnInit: (p.lstm.learnInit, p.gru.learnInit, p.rnn.learnInit) = (source.lstm.learnInit, source.gru.learnInit, source.rnn.learnInit)
            case .optimizer: p.optimizer = source.optimizer
            case .readout: p.readout = source.readout
            }
            return p
        }
        switch (field, override.value) {
        case (.inputWeights, .initializer(let s)): (p.lstm.W_in, p.gru.W_in, p.rnn.W_in) = (s.sized, { _, d, h in s.initializer(inputs: d, units: h) }, s.sized)
        case (.recurrentWeights, .initializer(let s)):
            (p.lstm.W_hid, p.gru.W_hid, p.rnn.W_hid) = (s.sized, { _, d, h in s.initializer(inputs: d, units: h) }, s.sized)
        case (.draw, .drawPerGate): (p.lstm.draw, p.gru.draw) = (nil, nil)
        case (.draw, .drawStacked(let i, let h)):
            let draw: @Sendable (Int, Int) -> GateDraw = { d, u in .stacked(input: i.initializer(inputs: d, units: u),
                                                                           hidden: h.initializer(inputs: d, units: u)) }
            (p.lstm.draw, p.gru.draw) = (draw, draw)
        case (.draw, .drawJoint(let s)):
            let draw: @Sendable (Int, Int) -> GateDraw = { d, u in .joint(s.initializer(inputs: d, units: u)) }
            (p.lstm.draw, p.gru.draw) = (draw, draw)
        case (.bias, .initializer(let s)): (p.lstm.bias, p.gru.bias, p.rnn.bias) = (s.sized, { _, d, h in s.initializer(inputs: d, units: h) }, s.sized)
        case (.forgetBias, .number(let x)): p.lstm.forgetBias = x
        case (.forgetBias, .off): p.lstm.forgetBias = nil
        case (.hiddenBias, .initializer(let s)): p.gru.hiddenBias = s.sized
        case (.peepholes, .initializer(let s)): p.lstm.peephole = s.sized
        case (.peepholes, .off): p.lstm.peephole = nil
        case (.gateActivation, .activation(let name)):
            guard let a = RecipeValue.activations[name] else { throw ProfileError.invalidOverride(field.rawValue, Self.unknownActivation(name)) }
            (p.lstm.gateActivation, p.gru.gateActivation) = (a, a)
        case (.activation, .activation(let name)):
            guard let a = RecipeValue.activations[name] else { throw ProfileError.invalidOverride(field.rawValue, Self.unknownActivation(name)) }
            p.rnn.activation = a
        case (.learnInit, .flag(let b)): (p.lstm.learnInit, p.gru.learnInit, p.rnn.learnInit) = (b, b, b)
        case (.optimizer, .optimizer(let o)): p.optimizer = try o.applied(to: p.optimizer)
        case (.readout, .readout(let r)): p.readout = r
        default: throw invalid()
        }
        return p
    }

    private static func unknownActivation(_ name: String) -> String {
        "names no activation \"\(name)\" (known: \(RecipeValue.activations.keys.sorted().joined(separator: ", ")))"
    }
}

/// A profile defined by a study: a base profile with overrides, and, in an
/// ablation study, its place on the walk.
public struct ProfileDefinition: Codable, Sendable, Equatable {
    /// The name runs record.
    public var name: String
    /// The registry profile it starts from.
    public var base: String
    /// Applied in order.
    public var overrides: [ProfileOverride]
    /// Its step on an ablation walk, or nil.
    public var ablation: AblationStep?

    public init(name: String, base: String, overrides: [ProfileOverride], ablation: AblationStep? = nil) {
        self.name = name
        self.base = base
        self.overrides = overrides
        self.ablation = ablation
    }

    /// The profile: the base with every override applied, under this name, its rules listing the overrides.
    public func resolve() throws -> InitProfile {
        var profile = try ProfileRegistry.named(base)
        for o in overrides { profile = try profile.applying(o) }
        profile.name = name
        if !overrides.isEmpty {
            profile.rules += " Defined by the study as \(base) with " + overrides.map { "\($0.field.rawValue) \($0.value)" }.joined(separator: "; ") + "."
        }
        return profile
    }
}
