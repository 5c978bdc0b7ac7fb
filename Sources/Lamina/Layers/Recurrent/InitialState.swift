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
