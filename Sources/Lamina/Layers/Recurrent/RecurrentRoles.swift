import LaminaGraph

/// The annotation names of the values inside recurrent layers, set as
/// `annotations[Role.key]` together with `annotations[Role.layerKey]` = the
/// layer's ``Layer/path``, so that ``GraphTraversal/find(in:where:)`` can
/// reach them. Taps and filters take the typed roles of the same names
/// (``VariableRole/forgetGate``, …), which know their place in the hierarchy:
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

/// The roles of the values a recurrent layer computes at every step, for
/// ``RecurrentTapLayer``, ``RecurrentOutputs`` and ``VariableFilter``:
/// ``state``s (``hidden``, ``cell``, ``attentionContext``) and
/// ``internalValue``s (``gate`` activations, ``candidate``s, the
/// ``preactivation``, ``attentionWeights``). A ``StackedCell``'s level k
/// names them ``VariableRole/atLevel(_:)`` (`"level1.hidden"`).
extension VariableRole {
    /// A recurrent state, carried from step to step.
    public static let state = VariableRole("state")
    /// A value a step computes on the way to its states.
    public static let internalValue = VariableRole("internal_value")
    /// A gate's activation (input, forget, output, reset, update gates).
    public static let gate = VariableRole("gate")
    /// A candidate value that a gate mixes into a state (g_t, ĥ_t).
    public static let candidate = VariableRole("candidate")
    /// The hidden state h_t.
    public static let hidden = VariableRole(Role.hidden)
    /// The LSTM cell state c_t.
    public static let cell = VariableRole(Role.cell)
    /// The LSTM input gate i_t.
    public static let inputGate = VariableRole(Role.inputGate)
    /// The LSTM forget gate f_t.
    public static let forgetGate = VariableRole(Role.forgetGate)
    /// The LSTM cell candidate g_t.
    public static let cellCandidate = VariableRole(Role.cellCandidate)
    /// The LSTM output gate o_t.
    public static let outputGate = VariableRole(Role.outputGate)
    /// The GRU reset gate r_t.
    public static let resetGate = VariableRole(Role.resetGate)
    /// The GRU update gate u_t.
    public static let updateGate = VariableRole(Role.updateGate)
    /// The GRU candidate state ĥ_t.
    public static let hiddenUpdate = VariableRole(Role.hiddenUpdate)
    /// The pre-activation of the vanilla or custom cell.
    public static let preactivation = VariableRole(Role.preactivation)
    /// An attention decoder's context vector c_t.
    public static let attentionContext = VariableRole(Role.attentionContext)
    /// Attention weights: an attention decoder's α_t, or an attention layer's weights.
    public static let attentionWeights = VariableRole(Role.attentionWeights)
}
