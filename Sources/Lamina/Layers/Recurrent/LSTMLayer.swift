import LaminaGraph
import LaminaTensor

/// The gates of an ``LSTMLayer``; `allCases` is Lasagne's order (in, forget, cell, out).
public enum LSTMGate: String, GateName {
    /// The input gate i.
    case ingate
    /// The forget gate f.
    case forgetgate
    /// The cell candidate g (PyTorch's g, Keras' c, TensorFlow's j).
    case cell
    /// The output gate o.
    case outgate

    public var description: String { rawValue }
    public var role: String {
        switch self {
        case .ingate: return Role.inputGate
        case .forgetgate: return Role.forgetGate
        case .cell: return Role.cellCandidate
        case .outgate: return Role.outputGate
        }
    }
}

/// A long short-term memory layer (Hochreiter & Schmidhuber 1997, with
/// forget gates, Gers et al. 2000, and optional peepholes, Gers & Schmidhuber
/// 2000; Lasagne's `LSTMLayer`):
///
///     i_t = σ_i(x_t·W_xi + h_{t−1}·W_hi + w_ci ⊙ c_{t−1} + b_i)
///     f_t = σ_f(x_t·W_xf + h_{t−1}·W_hf + w_cf ⊙ c_{t−1} + b_f)
///     g_t = σ_c(x_t·W_xc + h_{t−1}·W_hc + b_c)
///     c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t
///     o_t = σ_o(x_t·W_xo + h_{t−1}·W_ho + w_co ⊙ c_t + b_o)
///     h_t = o_t ⊙ σ_h(c_t)
///
/// The peephole terms (w ⊙ c) are present when `peepholes` is on and the
/// gate's `W_cell` is not `nil`; the output gate's peephole reads the new cell.
///
/// Defaults (Lasagne's): every gate `Gate()` (weights Normal(0.1), bias 0,
/// sigmoid; forget bias 0, see Lasagne issue #368), the cell candidate
/// `Gate.candidate()` (tanh, no peephole), σ_h = tanh, zero initial states
/// not learned, peepholes on, per-gate parameters (``GateLayout``), and the
/// loop defaults of ``RecurrentOptions``. States are [cell, hidden]; the
/// output is the hidden state. Parameters, in order: for ingate, forgetgate,
/// cell, outgate `W_in_to_X` (features, units), `W_hid_to_X` (units, units),
/// `b_X` (units,); then `W_cell_to_{ingate, forgetgate, outgate}` (units,);
/// then `cell_init` and `hid_init` (1, units).
///
/// ```swift
/// let input = try InputLayer(shape: [nil, nil, 12])
/// let mask = try InputLayer(shape: [nil, nil])
/// let lstm = try LSTMLayer(incoming: input, units: 32, forgetgate: Gate(b: Constant(1)), mask: mask, name: "lstm")
/// let cell = try RecurrentTapLayer(of: lstm, role: Role.cell)   // the cell state, from the same loop
/// ```
public final class LSTMLayer: RecurrentLayerBase, @unchecked Sendable {
    /// Units per gate and state.
    public let units: Int
    /// The gates as given.
    public let ingate: Gate, forgetgate: Gate, cell: Gate, outgate: Gate
    /// σ_h, applied to the cell state.
    public let nonlinearity: Nonlinearity
    /// Whether the peephole connections are used.
    public let peepholes: Bool
    /// The gate weights.
    public private(set) var gates: GateParameters<LSTMGate>
    /// The peephole weights (units,) of the input, forget and output gates, when present.
    public private(set) var W_cell_to_ingate: Expr?, W_cell_to_forgetgate: Expr?, W_cell_to_outgate: Expr?

    /// - Parameters:
    ///   - incoming: the input, (batch, steps, features…); the features must have known sizes.
    ///   - units: the number of units.
    ///   - cellInit, hidInit: the initial cell and hidden states.
    ///   - mask: an optional (batch, steps) layer, nonzero on real steps.
    ///   - layout: gate order, storage and drawing of the weights.
    ///   - options: the loop flags.
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` for a non-positive `units`, unknown
    ///   feature sizes, a bad gate order, or a shape or flag problem (see ``RecurrentLayerBase``).
    public init(incoming: Layer, units: Int, ingate: Gate = Gate(), forgetgate: Gate = Gate(), cell: Gate = .candidate(),
                outgate: Gate = Gate(), nonlinearity: Nonlinearity = .tanh, cellInit: InitialState = .zeros,
                hidInit: InitialState = .zeros, peepholes: Bool = true, mask: Layer? = nil,
                layout: GateLayout<LSTMGate> = GateLayout(), options: RecurrentOptions = RecurrentOptions(),
                name: String? = nil) throws {
        self.units = units
        self.ingate = ingate
        self.forgetgate = forgetgate
        self.cell = cell
        self.outgate = outgate
        self.nonlinearity = nonlinearity
        self.peepholes = peepholes
        let features = try recurrentInputSize(incoming, units: units, layer: name ?? "LSTMLayer")
        gates = try GateParameters(order: layout.order, units: units, inputSize: features, storage: layout.storage, perGate: [:], stacked: nil)
        try super.init(incoming: incoming, mask: mask,
                       states: [(Role.cell, "cell_init", [units], cellInit), (Role.hidden, "hid_init", [units], hidInit)],
                       options: options, name: name)
        gates = try GateParameters.register(on: self, gates: [(.ingate, ingate), (.forgetgate, forgetgate), (.cell, cell), (.outgate, outgate)],
                                            layout: layout, inputSize: features, units: units)
        if peepholes {
            func peephole(_ gate: Gate, _ name: String) throws -> Expr? {
                try gate.W_cell.map { try addParam($0, shape: [units], name: "W_cell_to_\(name)", role: Role.weight) }
            }
            W_cell_to_ingate = try peephole(ingate, "ingate")
            W_cell_to_forgetgate = try peephole(forgetgate, "forgetgate")
            W_cell_to_outgate = try peephole(outgate, "outgate")
        }
        try registerInitialStates()
    }

    /// x·W_in + b for all four gates, stacked in the layout's order.
    public override func inputContribution(_ x: Expr, deterministic: Bool) throws -> Expr {
        try x.dot(gates.inputWeights()) + gates.bias()
    }

    public override var internalRoles: [String] { [Role.inputGate, Role.forgetGate, Role.cellCandidate, Role.outputGate] }

    public override func step(contribution: Expr, states: [Expr], deterministic: Bool) throws -> RecurrentStep {
        let (cellPrevious, hidPrevious) = (states[0], states[1])
        var preactivations = try contribution + hidPrevious.dot(gates.hiddenWeights())
        if options.gradientClipping > 0 {
            preactivations = try preactivations.gradientClipped(-options.gradientClipping, options.gradientClipping)
        }
        func block(_ gate: LSTMGate) throws -> Expr {
            let c = gates.columns(of: gate)
            return try preactivations.subtensor([.all, .range(c.lowerBound, c.upperBound)])
        }
        var i = try block(.ingate), f = try block(.forgetgate), o = try block(.outgate)
        if let w = W_cell_to_ingate { i = try i + cellPrevious * w }
        if let w = W_cell_to_forgetgate { f = try f + cellPrevious * w }
        i = try ingate.nonlinearity(i)
        f = try forgetgate.nonlinearity(f)
        let g = try cell.nonlinearity(block(.cell))
        let c = try f * cellPrevious + i * g
        if let w = W_cell_to_outgate { o = try o + c * w }
        o = try outgate.nonlinearity(o)
        let h = try o * nonlinearity(c)
        return RecurrentStep(states: [c, h], internals: [(Role.inputGate, i), (Role.forgetGate, f), (Role.cellCandidate, g), (Role.outputGate, o)])
    }
}

/// The number of input features of a recurrent layer's input (batch, steps, features…).
func recurrentInputSize(_ incoming: Layer, units: Int, layer: String) throws -> Int {
    let shape = try incoming.outputShape
    guard units > 0 else { throw LaminaError.invalidLayer(layer: layer, detail: "units must be positive, got \(units)") }
    guard shape.count >= 3 else {
        throw LaminaError.invalidLayer(layer: layer, detail: "needs an input of shape (batch, steps, features…), got \(formatShapeSpec(shape))")
    }
    guard shape[2...].allSatisfy({ $0 != nil }) else {
        throw LaminaError.invalidLayer(layer: layer, detail: "needs known feature sizes (axes 2…) in the input shape \(formatShapeSpec(shape))")
    }
    return shape[2...].reduce(1) { $0 * $1! }
}
