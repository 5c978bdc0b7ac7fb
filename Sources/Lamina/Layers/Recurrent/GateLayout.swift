import LaminaTensor

/// The gates of a gated layer (``LSTMGate``, ``GRUGate``), named as in
/// Lasagne's parameter names (`W_in_to_ingate`).
public protocol GateName: Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// The role of the gate's activation (``VariableRole/forgetGate``, ...), a kind of ``VariableRole/gate``
    /// or ``VariableRole/candidate``.
    var role: VariableRole { get }
}

/// How a gated layer keeps its gate parameters.
public enum GateStorage: Sendable, Hashable {
    /// One parameter per gate and kind: `W_in_to_ingate` (features, units),
    /// `W_hid_to_ingate` (units, units), `b_ingate` (units,), ... (Lasagne,
    /// Keras 1 `consume_less='cpu'`, Flax). The layer stacks them in
    /// ``GateLayout/order`` when it builds its output.
    case perGate
    /// One parameter per kind holding every gate side by side in
    /// ``GateLayout/order``: `W_in_to_gates` (features, G·units),
    /// `W_hid_to_gates` (units, G·units), `b_gates` (G·units,) (Keras ≥ 2, PyTorch, TF).
    case stacked
}

/// How a gated layer draws the initial values of its weight matrices.
public enum GateDraw: @unchecked Sendable {
    /// Each gate's blocks drawn by its own ``Gate`` initializers
    /// (`W_in` over (features, units), `W_hid` over (units, units)).
    case perGate
    /// One draw over the stacked input matrix (features, G·units) and one
    /// over the stacked hidden matrix (units, G·units), blocks in
    /// ``GateLayout/order`` (Keras ≥ 2: `glorot_uniform` and `orthogonal`).
    /// The gates' own `W_in` and `W_hid` initializers are not used.
    case stacked(input: any Initializer, hidden: any Initializer)
    /// One draw over a joint matrix (features + units, G·units) whose first
    /// rows become the input weights and the rest the hidden weights (the
    /// kernel of TensorFlow 1's `LSTMCell` and `BasicRNNCell`, `glorot_uniform`).
    case joint(any Initializer)
}

/// The gate order, storage and drawing scheme of a gated layer's weights.
///
/// Biases and peepholes always come from each gate's own initializers. The
/// order fixes the position of each gate's block in stacked matrices (stored
/// or drawn) and so which draws each gate receives from a seed.
///
/// ```swift
/// // Keras 2 defaults: one glorot draw over (features, 4·units), one orthogonal over (units, 4·units).
/// let keras = GateLayout<LSTMGate>(order: [.ingate, .forgetgate, .cell, .outgate], storage: .stacked,
///                                  draw: .stacked(input: GlorotUniform(), hidden: Orthogonal()))
/// ```
public struct GateLayout<Name: GateName>: @unchecked Sendable {
    /// The order of the gate blocks in stacked matrices; every gate exactly once.
    public var order: [Name]
    /// Per-gate or stacked parameters.
    public var storage: GateStorage
    /// How the weight matrices are drawn.
    public var draw: GateDraw

    public init(order: [Name] = Array(Name.allCases), storage: GateStorage = .perGate, draw: GateDraw = .perGate) {
        self.order = order
        self.storage = storage
        self.draw = draw
    }

    /// Throws unless `order` lists every gate exactly once.
    func validate(layer: String) throws {
        guard order.count == Name.allCases.count, Set(order).count == order.count else {
            throw LaminaError.invalidLayer(layer: layer, detail: "the gate order must list each of \(Name.allCases.map(\.description).joined(separator: ", ")) exactly once, got \(order.map(\.description).joined(separator: ", "))")
        }
    }
}
