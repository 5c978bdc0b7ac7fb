import Lamina

/// A parameter source depending on the input size D and the units H.
typealias Sized = @Sendable (_ d: Int, _ h: Int) -> any ParameterSource

/// How one library builds its LSTM, written as Lamina layer arguments.
struct LSTMRecipe: @unchecked Sendable {
    /// Per-gate input and hidden weights (used when `draw` is nil).
    var W_in: Sized
    var W_hid: Sized
    /// A whole-matrix draw (stacked or joint) replacing the per-gate weights.
    var draw: (@Sendable (Int, Int) -> GateDraw)? = nil
    /// Every gate's bias; `forgetBias` overrides the forget gate's when set.
    var bias: Sized = { _, _ in Constant(0) }
    var forgetBias: Double? = nil
    /// Peephole weights, or nil for none.
    var peephole: Sized? = nil
    var order: [LSTMGate] = [.ingate, .forgetgate, .cell, .outgate]
    /// The gate activation of the library (used only with library defaults).
    var gateActivation: Nonlinearity = .sigmoid
    var learnInit = false
}

/// How one library builds its GRU.
struct GRURecipe: @unchecked Sendable {
    var W_in: @Sendable (GRUGate, Int, Int) -> any ParameterSource
    var W_hid: @Sendable (GRUGate, Int, Int) -> any ParameterSource
    var draw: (@Sendable (Int, Int) -> GateDraw)? = nil
    var bias: @Sendable (GRUGate, Int, Int) -> any ParameterSource = { _, _, _ in Constant(0) }
    var hiddenBias: Sized = { _, _ in Constant(0) }
    var reset: GRUResetPlacement
    var update: GRUUpdateForm
    var order: [GRUGate] = [.resetgate, .updategate, .hiddenUpdate]
    var gateActivation: Nonlinearity = .sigmoid
    var learnInit = false
}

/// How one library builds its simple (Elman) RNN.
struct RNNRecipe: @unchecked Sendable {
    var W_in: Sized
    var W_hid: Sized
    var bias: Sized = { _, _ in Constant(0) }
    /// The library's default activation (used only with library defaults).
    var activation: Nonlinearity = .tanh
    var learnInit = false
}

extension GRURecipe {
    /// A recipe whose weights do not depend on the gate.
    init(W_in: @escaping Sized, W_hid: @escaping Sized, reset: GRUResetPlacement, update: GRUUpdateForm) {
        self.init(W_in: { _, d, h in W_in(d, h) }, W_hid: { _, d, h in W_hid(d, h) }, reset: reset, update: update)
    }
}
