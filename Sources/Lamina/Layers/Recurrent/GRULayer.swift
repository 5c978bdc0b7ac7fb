import LaminaGraph
import LaminaTensor

/// A gated recurrent unit layer (Cho et al. 2014; Lasagne's `GRULayer`):
///
///     r_t = σ_r(x_t·W_xr + h_{t−1}·W_hr + b_r)
///     u_t = σ_u(x_t·W_xu + h_{t−1}·W_hu + b_u)
///     ĥ_t = σ_c(x_t·W_xc + b_c + R_t)      with R_t by `resetPlacement`:
///           r_t ⊙ (h_{t−1}·W_hc)             .afterProduct (Lasagne, the default)
///           r_t ⊙ (h_{t−1}·W_hc + b_hc)      .afterProductWithHiddenBias (PyTorch, cuDNN)
///           (r_t ⊙ h_{t−1})·W_hc             .beforeProduct (Keras 1/2, TensorFlow 1)
///     h_t = (1 − u_t) ⊙ h_{t−1} + u_t ⊙ ĥ_t  (.gateOnCandidate, the default)
///        or u_t ⊙ h_{t−1} + (1 − u_t) ⊙ ĥ_t  (.gateOnPrevious: PyTorch, Keras, TensorFlow)
///
/// Defaults (Lasagne's): reset and update gates `Gate(W_cell: nil)` (weights
/// Normal(0.1), bias 0, sigmoid), the candidate `Gate.candidate()` (tanh),
/// zero initial state not learned, per-gate parameters in the order
/// reset, update, hidden update (``GateLayout``), and the loop defaults of
/// ``RecurrentOptions``. Parameters are registered as Lasagne registers them:
/// update gate, reset gate, hidden update (`W_in_to_X`, `W_hid_to_X`, `b_X`),
/// then `b_hid_to_hidden_update` (with `.afterProductWithHiddenBias` only), then `hid_init`.
///
/// ```swift
/// // PyTorch's nn.GRU form:
/// let gru = try GRULayer(incoming: input, units: 32, resetPlacement: .afterProductWithHiddenBias,
///                        updateForm: .gateOnPrevious, name: "gru")
/// ```
public final class GRULayer: RecurrentLayerBase, @unchecked Sendable {
    /// Units per gate and state.
    public let units: Int
    /// The gates as given.
    public let resetgate: Gate, updategate: Gate, hiddenUpdate: Gate
    /// Where the reset gate is applied.
    public let resetPlacement: GRUResetPlacement
    /// Which value the update gate weighs.
    public let updateForm: GRUUpdateForm
    /// The gate weights.
    public private(set) var gates: GateParameters<GRUGate>
    /// The candidate's hidden bias b_hc (units,), with ``GRUResetPlacement/afterProductWithHiddenBias`` only.
    public private(set) var b_hid_to_hidden_update: Expr?

    /// - Parameters:
    ///   - incoming: the input, (batch, steps, features…); the features must have known sizes.
    ///   - units: the number of units.
    ///   - hiddenBias: the initializer of b_hc (used with ``GRUResetPlacement/afterProductWithHiddenBias``).
    ///   - hidInit: the initial hidden state.
    ///   - mask: an optional (batch, steps) layer, nonzero on real steps.
    ///   - layout: gate order, storage and drawing of the weights.
    ///   - options: the loop flags.
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` as ``LSTMLayer`` does.
    public init(incoming: Layer, units: Int, resetgate: Gate = Gate(W_cell: nil), updategate: Gate = Gate(W_cell: nil),
                hiddenUpdate: Gate = .candidate(), resetPlacement: GRUResetPlacement = .afterProduct,
                updateForm: GRUUpdateForm = .gateOnCandidate, hiddenBias: any ParameterSource = Constant(0),
                hidInit: InitialState = .zeros, mask: Layer? = nil, layout: GateLayout<GRUGate> = GateLayout(),
                options: RecurrentOptions = RecurrentOptions(), name: String? = nil) throws {
        self.units = units
        self.resetgate = resetgate
        self.updategate = updategate
        self.hiddenUpdate = hiddenUpdate
        self.resetPlacement = resetPlacement
        self.updateForm = updateForm
        let features = try recurrentInputSize(incoming, units: units, layer: name ?? "GRULayer")
        gates = try GateParameters(order: layout.order, units: units, inputSize: features, storage: layout.storage, perGate: [:], stacked: nil)
        try super.init(incoming: incoming, mask: mask, states: [(Role.hidden, "hid_init", [units], hidInit)], options: options, name: name)
        gates = try GateParameters.register(on: self, gates: [(.updategate, updategate), (.resetgate, resetgate), (.hiddenUpdate, hiddenUpdate)],
                                            layout: layout, inputSize: features, units: units)
        if resetPlacement == .afterProductWithHiddenBias {
            b_hid_to_hidden_update = try addParam(hiddenBias, shape: [units], name: "b_hid_to_hidden_update", role: Role.bias, tags: .bias)
        }
        try registerInitialStates()
    }

    /// x·W_in + b for the three gates, stacked in the layout's order.
    public override func inputContribution(_ x: Expr, deterministic: Bool) throws -> Expr {
        try x.dot(gates.inputWeights()) + gates.bias()
    }

    public override var internalRoles: [String] { [Role.resetGate, Role.updateGate, Role.hiddenUpdate] }

    public override func step(contribution: Expr, states: [Expr], deterministic: Bool) throws -> RecurrentStep {
        let h = states[0]
        let clip = options.gradientClipping
        func clipped(_ e: Expr) throws -> Expr { clip > 0 ? try e.gradientClipped(-clip, clip) : e }
        func columns(_ e: Expr, _ gate: GRUGate) throws -> Expr {
            let c = gates.columns(of: gate)
            return try e.subtensor([.all, .range(c.lowerBound, c.upperBound)])
        }
        let W = gates.hiddenWeights()
        let hiddenProducts: (reset: Expr, update: Expr, candidate: Expr?)
        if resetPlacement == .beforeProduct {
            // Only the reset and update columns multiply h; the candidate multiplies r ⊙ h.
            let (pr, pu) = (gates.order.firstIndex(of: .resetgate)!, gates.order.firstIndex(of: .updategate)!)
            if Swift.abs(pr - pu) == 1 {
                let first = Swift.min(pr, pu) * units
                let both = try h.dot(W.subtensor([.all, .range(first, first + 2 * units)]))
                let r = try both.subtensor([.all, .range((pr - Swift.min(pr, pu)) * units, (pr - Swift.min(pr, pu) + 1) * units)])
                let u = try both.subtensor([.all, .range((pu - Swift.min(pr, pu)) * units, (pu - Swift.min(pr, pu) + 1) * units)])
                hiddenProducts = (r, u, nil)
            } else {
                hiddenProducts = (try h.dot(columns(W, .resetgate)), try h.dot(columns(W, .updategate)), nil)
            }
        } else {
            let all = try h.dot(W)
            hiddenProducts = (try columns(all, .resetgate), try columns(all, .updategate), try columns(all, .hiddenUpdate))
        }
        let r = try resetgate.nonlinearity(clipped(columns(contribution, .resetgate) + hiddenProducts.reset))
        let u = try updategate.nonlinearity(clipped(columns(contribution, .updategate) + hiddenProducts.update))
        let resetHidden: Expr
        switch resetPlacement {
        case .beforeProduct: resetHidden = try (r * h).dot(columns(W, .hiddenUpdate))
        case .afterProduct: resetHidden = try r * hiddenProducts.candidate!
        case .afterProductWithHiddenBias: resetHidden = try r * (hiddenProducts.candidate! + b_hid_to_hidden_update!)
        }
        let candidate = try hiddenUpdate.nonlinearity(clipped(columns(contribution, .hiddenUpdate) + resetHidden))
        let next: Expr
        switch updateForm {
        case .gateOnCandidate: next = try h + u * (candidate - h)
        case .gateOnPrevious: next = try candidate + u * (h - candidate)
        }
        return RecurrentStep(states: [next], internals: [(Role.resetGate, r), (Role.updateGate, u), (Role.hiddenUpdate, candidate)])
    }
}
