import LaminaGraph
import LaminaTensor

/// The gates of an ``LSTMLayer``; `allCases` is Lasagne's order (in, forget, cell, out).
public enum LSTMGate: String, GateName {
    /// The input gate i.
    case ingate
    /// The forget gate f.
    case forgetgate
    /// The cell candidate g (PyTorch's g, Keras' c, TensorFlow's j).
    case cell
    /// The output gate o.
    case outgate

    public var description: String { rawValue }
    /// The role of the gate's activation.
    public var role: VariableRole {
        switch self {
        case .ingate: return .inputGate
        case .forgetgate: return .forgetGate
        case .cell: return .cellCandidate
        case .outgate: return .outputGate
        }
    }
}

/// A long short-term memory layer (Hochreiter & Schmidhuber 1997, with
/// forget gates, Gers et al. 2000, and optional peepholes, Gers & Schmidhuber
/// 2000; Lasagne's `LSTMLayer`):
///
///     i_t = σ_i(x_t·W_xi + h_{t−1}·W_hi + w_ci ⊙ c_{t−1} + b_i)
///     f_t = σ_f(x_t·W_xf + h_{t−1}·W_hf + w_cf ⊙ c_{t−1} + b_f)
///     g_t = σ_c(x_t·W_xc + h_{t−1}·W_hc + b_c)
///     c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t
///     o_t = σ_o(x_t·W_xo + h_{t−1}·W_ho + w_co ⊙ c_t + b_o)
///     h_t = o_t ⊙ σ_h(c_t)
///
/// The peephole terms (w ⊙ c) are present when `peepholes` is on and the
/// gate's `W_cell` is not `nil`; the output gate's peephole reads the new cell.
///
/// Defaults (Lasagne's): every gate `Gate()` (weights Normal(0.1), bias 0,
/// sigmoid; forget bias 0, see Lasagne issue #368), the cell candidate
/// `Gate.candidate()` (tanh, no peephole), σ_h = tanh, zero initial states
/// not learned, peepholes on, per-gate parameters (``GateLayout``), and the
/// loop defaults of ``RecurrentOptions``. States are [cell, hidden]; the
/// output is the hidden state. Parameters, in order: for ingate, forgetgate,
/// cell, outgate `W_in_to_X` (features, units), `W_hid_to_X` (units, units),
/// `b_X` (units,); then `W_cell_to_{ingate, forgetgate, outgate}` (units,);
/// then `cell_init` and `hid_init` (1, units).
///
/// ```swift
/// let input = try InputLayer(shape: [nil, nil, 12])
/// let mask = try InputLayer(shape: [nil, nil])
/// let lstm = try LSTMLayer(incoming: input, units: 32, forgetgate: Gate(b: Constant(1)), mask: mask, name: "lstm")
/// let cell = try RecurrentTapLayer(of: lstm, role: .cell)   // the cell state, from the same loop
/// ```
public final class LSTMLayer: RecurrentLayerBase, @unchecked Sendable {
    /// The cell this layer runs (its gates, parameters and step).
    public let lstmCell: LSTMCell
    /// Units per gate and state.
    public var units: Int { lstmCell.units }
    /// The gates as given.
    public var ingate: Gate { lstmCell.ingate }
    /// The forget gate as given.
    public var forgetgate: Gate { lstmCell.forgetgate }
    /// The cell candidate as given.
    public var cell: Gate { lstmCell.cell }
    /// The output gate as given.
    public var outgate: Gate { lstmCell.outgate }
    /// σ_h, applied to the cell state.
    public var nonlinearity: Nonlinearity { lstmCell.nonlinearity }
    /// Whether the peephole connections are used.
    public var peepholes: Bool { lstmCell.peepholes }
    /// The gate weights.
    public var gates: GateParameters<LSTMGate> { lstmCell.gates }
    /// The peephole weight w_ci (units,), when present.
    public var W_cell_to_ingate: Expr? { lstmCell.W_cell_to_ingate }
    /// The peephole weight w_cf (units,), when present.
    public var W_cell_to_forgetgate: Expr? { lstmCell.W_cell_to_forgetgate }
    /// The peephole weight w_co (units,), when present.
    public var W_cell_to_outgate: Expr? { lstmCell.W_cell_to_outgate }

    /// - Parameters:
    ///   - incoming: the input, (batch, steps, features…); the features must have known sizes (D in all).
    ///   - units: the number of units, H.
    ///   - ingate: the input gate i: W_in = W_xi (D, H), W_hid = W_hi (H, H), W_cell = w_ci (H,), b = b_i (H,), σ_i.
    ///   - forgetgate: the forget gate f: W_xf, W_hf, w_cf, b_f, σ_f.
    ///   - cell: the cell candidate g: W_xc, W_hc, b_c, σ_c (its W_cell is never used).
    ///   - outgate: the output gate o: W_xo, W_ho, w_co (which reads c_t), b_o, σ_o.
    ///   - nonlinearity: σ_h in h_t = o_t ⊙ σ_h(c_t).
    ///   - cellInit: the initial cell state c_0, (1, H) parameter or a (batch, H) layer.
    ///   - hidInit: the initial hidden state h_0, likewise.
    ///   - peepholes: use the peephole weights w_ci, w_cf, w_co.
    ///   - mask: an optional (batch, steps) layer, nonzero on real steps.
    ///   - layout: gate order, storage and drawing of the weights.
    ///   - dropout: input and recurrent dropout, per step or per sequence (off by default).
    ///   - options: the loop flags.
    ///   - name: the layer's name, prefixing its parameters' names.
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` for a non-positive `units`, unknown
    ///   feature sizes, a bad gate order, a dropout probability outside [0, 1), or a shape or flag
    ///   problem (see ``RecurrentLayerBase``).
    public init(incoming: Layer, units: Int, ingate: Gate = Gate(), forgetgate: Gate = Gate(), cell: Gate = .candidate(),
                outgate: Gate = Gate(), nonlinearity: Nonlinearity = .tanh, cellInit: InitialState = .zeros,
                hidInit: InitialState = .zeros, peepholes: Bool = true, mask: Layer? = nil,
                layout: GateLayout<LSTMGate> = GateLayout(), dropout: RecurrentDropout = RecurrentDropout(),
                options: RecurrentOptions = RecurrentOptions(), name: String? = nil) throws {
        let features = try RecurrentLayerBase.inputFeatureCount(of: incoming, units: units, layer: name ?? "LSTMLayer")
        lstmCell = try LSTMCell(inputSize: features, units: units, ingate: ingate, forgetgate: forgetgate, cell: cell, outgate: outgate,
                                nonlinearity: nonlinearity, peepholes: peepholes, layout: layout, dropout: dropout, name: name)
        try super.init(incoming: incoming, cell: lstmCell, mask: mask, initialStates: [cellInit, hidInit], options: options, name: name)
    }
}
