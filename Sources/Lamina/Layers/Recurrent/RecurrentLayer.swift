import LaminaGraph
import LaminaTensor

/// A vanilla (Elman) recurrent layer (Lasagne's `RecurrentLayer`):
///
///     h_t = σ(x_t·W_in_to_hid + b + h_{t−1}·W_hid_to_hid)
///
/// Built, as in Lasagne, as a ``CustomRecurrentLayer`` around two
/// ``DenseLayer``s: `input_to_hidden` (W_in_to_hid (features, units), b) and
/// `hidden_to_hidden` (W_hid_to_hid (units, units), no bias).
///
/// Defaults (Lasagne's): `W_in_to_hid = Uniform()` and `W_hid_to_hid = Uniform()`
/// (U(−0.01, 0.01)), `b = Constant(0)`, σ = rectify, zero initial state not
/// learned. Parameters, in order: `hid_init`, `input_to_hidden.W`,
/// `input_to_hidden.b`, `hidden_to_hidden.W` (prefixed with the layer name).
///
/// ```swift
/// let rnn = try RecurrentLayer(incoming: input, units: 64, W_hid_to_hid: Orthogonal(), nonlinearity: .tanh, name: "rnn")
/// ```
public final class RecurrentLayer: CustomRecurrentLayer, @unchecked Sendable {
    /// The number of units.
    public let units: Int
    /// Input-to-hidden weights (features, units).
    public var W_in_to_hid: Expr { (inputToHidden as! DenseLayer).W }
    /// Hidden-to-hidden weights (units, units).
    public var W_hid_to_hid: Expr { (hiddenToHidden as! DenseLayer).W }
    /// The bias (units,), or `nil`.
    public var b: Expr? { (inputToHidden as! DenseLayer).b }

    /// - Parameters:
    ///   - incoming: the input, (batch, steps, features…); the features must have known sizes (D in all).
    ///   - units: the number of units, H.
    ///   - W_in_to_hid: the input weights W_in_to_hid (D, H).
    ///   - W_hid_to_hid: the recurrent weights W_hid_to_hid (H, H).
    ///   - b: the bias b (H,), or `nil` for none.
    ///   - nonlinearity: σ (`nil` for linear).
    ///   - hidInit: the initial state h_0, a (1, H) parameter or a (batch, H) layer.
    ///   - mask: an optional (batch, steps) layer, nonzero on real steps.
    ///   - options: the loop flags.
    ///   - name: the layer's name, prefixing its sub-layers' names.
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` for a non-positive `units`, unknown
    ///   feature sizes, or a shape or flag problem (see ``RecurrentLayerBase``).
    public init(incoming: Layer, units: Int, W_in_to_hid: any ParameterSource = Uniform(), W_hid_to_hid: any ParameterSource = Uniform(),
                b: (any ParameterSource)? = Constant(0), nonlinearity: Nonlinearity? = .rectify, hidInit: InitialState = .zeros,
                mask: Layer? = nil, options: RecurrentOptions = RecurrentOptions(), name: String? = nil) throws {
        self.units = units
        let label = name ?? "RecurrentLayer"
        let features = try RecurrentLayerBase.inputFeatureCount(of: incoming, units: units, layer: label)
        let prefix = name.map { "\($0)." } ?? ""
        let stepInput = try InputLayer(shape: [nil, features], name: "\(prefix)input_to_hidden_input")
        let inToHid = try DenseLayer(incoming: stepInput, units: units, W: W_in_to_hid, b: b, nonlinearity: nil, name: "\(prefix)input_to_hidden")
        let hidInput = try InputLayer(shape: [nil, units], name: "\(prefix)hidden_to_hidden_input")
        let hidToHid = try DenseLayer(incoming: hidInput, units: units, W: W_hid_to_hid, b: nil, nonlinearity: nil, name: "\(prefix)hidden_to_hidden")
        let cell = try CustomRecurrentCell(inputToHidden: inToHid, hiddenToHidden: hidToHid, nonlinearity: nonlinearity,
                                           flattensFeatures: true, denseInput: inToHid, label: label)
        try super.init(incoming: incoming, customCell: cell, hidInit: hidInit, mask: mask, options: options, name: name)
    }
}
