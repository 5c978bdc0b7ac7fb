import LaminaGraph
import LaminaTensor

/// Dropout inside a gated cell (``LSTMCell``, ``GRUCell``): on the input x_t
/// before the input weights, and on the previous hidden state h_{t−1} before
/// the hidden weights (Keras' `dropout` and `recurrent_dropout`):
///
///     x̃_t = x_t ⊙ m_x / (1 − p_x),   h̃_{t−1} = h_{t−1} ⊙ m_h / (1 − p_h),
///     m_x ~ Bernoulli(1 − p_x) of shape (batch, D), m_h ~ Bernoulli(1 − p_h) of shape (batch, H).
///
/// With ``perSequence`` one pair of masks is drawn per sequence and used at
/// every step (Gal & Ghahramani 2016, "variational" dropout); otherwise every
/// step draws fresh masks. With `deterministic` (evaluation) both are off.
/// All gates share the masks (Keras' `implementation=2`). The GRU's candidate
/// reads h̃_{t−1} as well as its gates; the LSTM's peepholes read c_{t−1} unmasked.
public struct RecurrentDropout: @unchecked Sendable {
    /// p_x, the probability of dropping an input feature.
    public let input: Double
    /// p_h, the probability of dropping a unit of the previous hidden state.
    public let recurrent: Double
    /// One mask per sequence (true) or a fresh mask per step (false).
    public let perSequence: Bool
    /// The masks' stream; `nil` when both probabilities are 0 (no seed is consumed).
    public let stream: RandomStream?

    /// - Parameters:
    ///   - input: p_x in [0, 1).
    ///   - recurrent: p_h in [0, 1).
    ///   - perSequence: one mask per sequence (Gal & Ghahramani) instead of one per step.
    ///   - seed: the masks' seed (default: drawn from ``LayerDefaults`` when a probability is positive).
    public init(input: Double = 0, recurrent: Double = 0, perSequence: Bool = false, seed: UInt64? = nil) {
        self.input = input
        self.recurrent = recurrent
        self.perSequence = perSequence
        stream = input > 0 || recurrent > 0 ? RandomStream(seed: seed ?? LayerDefaults.nextSeed(), name: "recurrent_dropout.rng") : nil
    }

    /// Whether dropout is active for a pass.
    func isActive(_ context: CellContext) -> Bool { stream != nil && !context.deterministic }

    func validate(label: String) throws {
        for (p, what) in [(input, "input"), (recurrent, "recurrent")] where !(p >= 0 && p < 1) {
            throw LaminaError.invalidLayer(layer: label, detail: "the \(what) dropout probability must be in [0, 1), got \(p)")
        }
    }

    /// The per-sequence masks [m_x / (1 − p_x), m_h / (1 − p_h)] for a batch given by `ones` (batch, 1),
    /// or [] when dropout is off for this pass or drawn per step.
    func sequenceMasks(ones: Expr, inputSize: Int, units: Int, context: CellContext) throws -> [Expr] {
        guard isActive(context), perSequence, let stream else { return [] }
        func mask(_ p: Double, _ size: Int) throws -> Expr {
            guard p > 0 else { return try ones * 1 }
            let like = try ones * Expr.constant(NDArray(zeros: [1, size], dtype: ones.dtype))
            return try stream.bernoulli(p: 1 - p, like: like) / (1 - p)
        }
        return [try mask(input, inputSize), try mask(recurrent, units)]
    }

    /// `x` with input dropout: the per-sequence mask broadcast over leading
    /// axes, or a fresh mask of x's shape (drawn per step inside the loop, or
    /// for every step at once before it).
    func droppingInput(_ x: Expr, context: CellContext) throws -> Expr {
        guard isActive(context), input > 0, let stream else { return x }
        if perSequence, let masks = context.sequenceMasks { return try x * masks[0] }
        return try x * (stream.bernoulli(p: 1 - input, like: x) / (1 - input))
    }

    /// The previous hidden state with recurrent dropout.
    func droppingRecurrent(_ h: Expr, context: CellContext) throws -> Expr {
        guard isActive(context), recurrent > 0, let stream else { return h }
        if perSequence, let masks = context.sequenceMasks { return try h * masks[1] }
        return try h * (stream.bernoulli(p: 1 - recurrent, like: h) / (1 - recurrent))
    }
}
