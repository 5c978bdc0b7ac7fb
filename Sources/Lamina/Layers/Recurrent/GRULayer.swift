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
    /// The cell this layer runs (its gates, parameters and step).
    public let gruCell: GRUCell
    /// Units per gate and state.
    public var units: Int { gruCell.units }
    /// The reset gate as given.
    public var resetgate: Gate { gruCell.resetgate }
    /// The update gate as given.
    public var updategate: Gate { gruCell.updategate }
    /// The candidate as given.
    public var hiddenUpdate: Gate { gruCell.hiddenUpdate }
    /// Where the reset gate is applied.
    public var resetPlacement: GRUResetPlacement { gruCell.resetPlacement }
    /// Which value the update gate weighs.
    public var updateForm: GRUUpdateForm { gruCell.updateForm }
    /// The gate weights.
    public var gates: GateParameters<GRUGate> { gruCell.gates }
    /// The candidate's hidden bias b_hc (units,), with ``GRUResetPlacement/afterProductWithHiddenBias`` only.
    public var b_hid_to_hidden_update: Expr? { gruCell.b_hid_to_hidden_update }

    /// - Parameters:
    ///   - incoming: the input, (batch, steps, features…); the features must have known sizes (D in all).
    ///   - units: the number of units, H.
    ///   - resetgate: the reset gate r: W_in = W_xr (D, H), W_hid = W_hr (H, H), b = b_r (H,), σ_r (W_cell unused).
    ///   - updategate: the update gate u: W_xu, W_hu, b_u, σ_u.
    ///   - hiddenUpdate: the candidate ĥ: W_xc, W_hc, b_c, σ_c.
    ///   - resetPlacement: where r_t multiplies (see the formulas above).
    ///   - updateForm: which of h_{t−1} and ĥ_t the update gate weighs.
    ///   - hiddenBias: the initializer of b_hc (used with ``GRUResetPlacement/afterProductWithHiddenBias``).
    ///   - hidInit: the initial hidden state h_0, a (1, H) parameter or a (batch, H) layer.
    ///   - mask: an optional (batch, steps) layer, nonzero on real steps.
    ///   - layout: gate order, storage and drawing of the weights.
    ///   - dropout: input and recurrent dropout, per step or per sequence (off by default).
    ///   - options: the loop flags.
    ///   - name: the layer's name, prefixing its parameters' names.
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` as ``LSTMLayer`` does.
    public init(incoming: Layer, units: Int, resetgate: Gate = Gate(W_cell: nil), updategate: Gate = Gate(W_cell: nil),
                hiddenUpdate: Gate = .candidate(), resetPlacement: GRUResetPlacement = .afterProduct,
                updateForm: GRUUpdateForm = .gateOnCandidate, hiddenBias: any ParameterSource = Constant(0),
                hidInit: InitialState = .zeros, mask: Layer? = nil, layout: GateLayout<GRUGate> = GateLayout(),
                dropout: RecurrentDropout = RecurrentDropout(), options: RecurrentOptions = RecurrentOptions(),
                name: String? = nil) throws {
        let features = try RecurrentLayerBase.inputFeatureCount(of: incoming, units: units, layer: name ?? "GRULayer")
        gruCell = try GRUCell(inputSize: features, units: units, resetgate: resetgate, updategate: updategate, hiddenUpdate: hiddenUpdate,
                              resetPlacement: resetPlacement, updateForm: updateForm, hiddenBias: hiddenBias, layout: layout,
                              dropout: dropout, name: name)
        try super.init(incoming: incoming, cell: gruCell, mask: mask, initialStates: [hidInit], options: options, name: name)
    }
}
