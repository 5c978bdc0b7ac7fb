import LaminaGraph
import LaminaTensor

/// Where a recurrent layer's initial state comes from (Lasagne's `hid_init`
/// and `cell_init`, which take an initializer, an array, an expression or a layer).
///
/// - ``value(_:)``: a parameter of shape (1, units…) repeated over the batch,
///   made from an initializer, an array or an expression. It is trainable
///   only with ``RecurrentOptions/learnInit``, never regularizable, and has
///   the role ``Role/initialState``.
/// - ``layer(_:)``: the output of a layer, of shape (batch, units…), such as
///   an encoder's final state in an encoder-decoder model.
///
/// ```swift
/// let decoder = try LSTMLayer(incoming: targets, units: 64, hidInit: .layer(encoderFinal))
/// ```
public enum InitialState: @unchecked Sendable {
    case value(any ParameterSource)
    case layer(Layer)

    /// Zeros, not learned unless ``RecurrentOptions/learnInit`` is set (the default).
    public static var zeros: InitialState { .value(Constant(0)) }
}

/// The parameter name of a state's initial value: `cell_init`, `hid_init`, or `<role>_init`.
func initialStateName(role: String) -> String {
    if let dot = role.lastIndex(of: ".") {   // a stacked level's role, "level1.hidden" → "level1.hid_init"
        return role[...dot] + initialStateName(role: String(role[role.index(after: dot)...]))
    }
    switch role {
    case Role.hidden: return "hid_init"
    case Role.cell: return "cell_init"
    default: return "\(role)_init"
    }
}
