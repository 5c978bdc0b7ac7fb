/// The gates of a ``GRULayer``; `allCases` is Lasagne's stacking order
/// (reset, update, hidden update).
public enum GRUGate: String, GateName {
    /// The reset gate r.
    case resetgate
    /// The update gate u (PyTorch's and Keras' z).
    case updategate
    /// The candidate state ĥ (Lasagne's `hidden_update`, PyTorch's n, Keras' h).
    case hiddenUpdate = "hidden_update"

    public var description: String { rawValue }
    /// The role of the gate's activation.
    public var role: VariableRole {
        switch self {
        case .resetgate: return .resetGate
        case .updategate: return .updateGate
        case .hiddenUpdate: return .hiddenUpdate
        }
    }
}

/// Where a GRU applies its reset gate r to the previous state h in the candidate
/// ĥ_t = σ_c(x_t·W_xc + b_c + …). The libraries disagree (see the
/// init-defaults reference, section 4), and the forms are not equivalent.
public enum GRUResetPlacement: Sendable, Hashable {
    /// Before the product: … + (r_t ⊙ h_{t−1})·W_hc (Cho et al. 2014; Keras 1/2
    /// with `reset_after=False`, TensorFlow 1 `GRUCell`, Blocks, Torch7).
    case beforeProduct
    /// After the product, with one bias outside: … + r_t ⊙ (h_{t−1}·W_hc)
    /// (Lasagne; one product covers every gate).
    case afterProduct
    /// After the product, with a separate hidden bias inside:
    /// … + r_t ⊙ (h_{t−1}·W_hc + b_hc) (cuDNN, PyTorch, Keras/tf.keras 2 with
    /// `reset_after=True`, MXNet).
    case afterProductWithHiddenBias
}

/// Which of the previous state and the candidate the update gate u weighs.
public enum GRUUpdateForm: Sendable, Hashable {
    /// h_t = (1 − u_t) ⊙ h_{t−1} + u_t ⊙ ĥ_t (Lasagne, Chainer's `StatefulGRU`).
    case gateOnCandidate
    /// h_t = u_t ⊙ h_{t−1} + (1 − u_t) ⊙ ĥ_t (PyTorch, Keras, TensorFlow, Flax).
    case gateOnPrevious
}
