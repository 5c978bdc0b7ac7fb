import LaminaGraph

/// Roles of the values inside recurrent layers, set as `annotations[Role.key]`
/// together with `annotations[Role.layerKey]` = the layer's name, so that
/// ``GraphTraversal/find(in:where:)`` (or a ``RecurrentTapLayer``) can reach them:
///
/// ```swift
/// let forget = GraphTraversal.find(in: step.states, where: [Role.layerKey: "lstm", Role.key: Role.forgetGate])
/// ```
extension Role {
    /// A learned or fixed initial state (`hid_init`, `cell_init`).
    public static let initialState = "initial_state"
    /// The hidden state h_t of a recurrent layer (its output).
    public static let hidden = "hidden"
    /// The LSTM cell state c_t.
    public static let cell = "cell"
    /// The LSTM input gate i_t.
    public static let inputGate = "ingate"
    /// The LSTM forget gate f_t.
    public static let forgetGate = "forgetgate"
    /// The LSTM cell candidate g_t (Lasagne's `cell` gate, PyTorch's g, TF's j).
    public static let cellCandidate = "cell_candidate"
    /// The LSTM output gate o_t.
    public static let outputGate = "outgate"
    /// The GRU reset gate r_t.
    public static let resetGate = "resetgate"
    /// The GRU update gate u_t.
    public static let updateGate = "updategate"
    /// The GRU candidate state ĥ_t (Lasagne's `hidden_update`).
    public static let hiddenUpdate = "hidden_update"
    /// A recurrent layer's pre-activation (before the nonlinearity) of the vanilla or custom cell.
    public static let preactivation = "preactivation"
}
