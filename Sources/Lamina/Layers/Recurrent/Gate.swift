import LaminaGraph

/// The parameters and activation of one gate of a gated recurrent layer
/// (Lasagne's `Gate`): a plain holder of initializers, not a layer.
///
/// A gate computes σ(x_t·W_in + h_{t−1}·W_hid + c·W_cell + b), where σ is
/// `nonlinearity` and the peephole term c·W_cell (an elementwise product with
/// the cell state, LSTM only) is present when `W_cell` is not `nil` and the
/// layer has peepholes on.
///
/// Defaults (Lasagne's): `W_in = Normal(0.1)`, `W_hid = Normal(0.1)`,
/// `W_cell = Normal(0.1)`, `b = Constant(0)`, `nonlinearity = .sigmoid`.
/// Each initializer may also be an `NDArray` or an expression (tied weights).
///
/// ```swift
/// // An LSTM whose forget gate starts open (bias 1, as Keras' unit_forget_bias):
/// let lstm = try LSTMLayer(incoming: input, units: 32, forgetgate: Gate(b: Constant(1)))
/// ```
public struct Gate: @unchecked Sendable {
    /// Input-to-gate weights, (inputFeatures, units).
    public var W_in: any ParameterSource
    /// Hidden-to-gate weights, (units, units).
    public var W_hid: any ParameterSource
    /// Cell-to-gate peephole weights, (units,), or `nil` for no peephole.
    public var W_cell: (any ParameterSource)?
    /// The bias, (units,). Never regularized.
    public var b: any ParameterSource
    /// The activation (sigmoid for gates, tanh for candidates).
    public var nonlinearity: Nonlinearity

    public init(W_in: any ParameterSource = Normal(std: 0.1), W_hid: any ParameterSource = Normal(std: 0.1),
                W_cell: (any ParameterSource)? = Normal(std: 0.1), b: any ParameterSource = Constant(0),
                nonlinearity: Nonlinearity = .sigmoid) {
        self.W_in = W_in
        self.W_hid = W_hid
        self.W_cell = W_cell
        self.b = b
        self.nonlinearity = nonlinearity
    }

    /// A candidate gate as Lasagne's LSTM cell and GRU hidden update use it:
    /// no peephole, tanh activation.
    public static func candidate(W_in: any ParameterSource = Normal(std: 0.1), W_hid: any ParameterSource = Normal(std: 0.1),
                                 b: any ParameterSource = Constant(0), nonlinearity: Nonlinearity = .tanh) -> Gate {
        Gate(W_in: W_in, W_hid: W_hid, W_cell: nil, b: b, nonlinearity: nonlinearity)
    }
}
