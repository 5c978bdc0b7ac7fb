import LaminaGraph
import LaminaTensor

/// The step of an ``LSTMLayer`` as a cell (see that layer for the formulas,
/// defaults and parameter order); run it with a ``RecurrenceLayer`` or stack
/// it in a ``StackedCell``.
///
/// States are [c, h]; internal values are i_t, f_t, g_t, o_t. The input's
/// contribution is x_t·W_in + b for the four gates side by side in the
/// layout's order, computed before the loop by default.
///
/// ```swift
/// let cell = try LSTMCell(inputSize: 12, units: 32, forgetgate: Gate(b: Constant(1)), name: "lstm")
/// let lstm = try RecurrenceLayer(incoming: input, cell: cell, name: "lstm")
/// ```
public final class LSTMCell: RecurrentCell, @unchecked Sendable {
    /// Units per gate and state.
    public let units: Int
    /// The number of input features per step.
    public let inputSize: Int
    /// The gates as given: input i, forget f, cell candidate g, output o.
    public let ingate: Gate, forgetgate: Gate, cell: Gate, outgate: Gate
    /// σ_h, applied to the cell state.
    public let nonlinearity: Nonlinearity
    /// Whether the peephole connections are used.
    public let peepholes: Bool
    /// The gate weights.
    public let gates: GateParameters<LSTMGate>
    /// The peephole weights w_ci, w_cf, w_co (units,), when present.
    public let W_cell_to_ingate: Expr?, W_cell_to_forgetgate: Expr?, W_cell_to_outgate: Expr?
    /// Input and recurrent dropout (off by default).
    public let dropout: RecurrentDropout
    public let parameters: [CellParameter]
    public var stepInputSize: Int? { inputSize }
    public var sequenceMaskCount: Int { dropout.perSequence && dropout.stream != nil ? 2 : 0 }
    public let stateRoles: [VariableRole] = [.cell, .hidden]
    public var stateShapes: [[Int]] { [[units], [units]] }
    public let internalRoles: [VariableRole] = [.inputGate, .forgetGate, .cellCandidate, .outputGate]

    /// - Parameters:
    ///   - inputSize: the features per step, D (x_t is (batch, D)).
    ///   - units: the number of units, H.
    ///   - ingate: the input gate i: W_xi (D, H), W_hi (H, H), peephole w_ci (H,), b_i (H,) and σ_i.
    ///   - forgetgate: the forget gate f: W_xf, W_hf, w_cf, b_f and σ_f.
    ///   - cell: the cell candidate g: W_xc, W_hc, b_c and σ_c (its peephole is never used).
    ///   - outgate: the output gate o: W_xo, W_ho, w_co (reads c_t), b_o and σ_o.
    ///   - nonlinearity: σ_h in h_t = o_t ⊙ σ_h(c_t).
    ///   - peepholes: use the gates' `W_cell` (w_ci, w_cf, w_co).
    ///   - layout: gate order, storage and drawing of the weights.
    ///   - dropout: input and recurrent dropout (``RecurrentDropout``).
    ///   - name: prefixes the parameters' names (the name of the layer that runs the cell).
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` for a non-positive size, a bad gate order
    ///   or a parameter source that does not fit.
    public init(inputSize: Int, units: Int, ingate: Gate = Gate(), forgetgate: Gate = Gate(), cell: Gate = .candidate(),
                outgate: Gate = Gate(), nonlinearity: Nonlinearity = .tanh, peepholes: Bool = true,
                layout: GateLayout<LSTMGate> = GateLayout(), dropout: RecurrentDropout = RecurrentDropout(),
                name: String? = nil) throws {
        let label = name ?? "LSTMLayer"
        try checkCellSizes(inputSize: inputSize, units: units, label: label)
        try dropout.validate(label: label)
        self.units = units
        self.inputSize = inputSize
        self.ingate = ingate
        self.forgetgate = forgetgate
        self.cell = cell
        self.outgate = outgate
        self.nonlinearity = nonlinearity
        self.peepholes = peepholes
        self.dropout = dropout
        var params = CellParameters(prefix: name, label: label)
        gates = try GateParameters.register(into: &params, gates: [(.ingate, ingate), (.forgetgate, forgetgate), (.cell, cell), (.outgate, outgate)],
                                            layout: layout, inputSize: inputSize, units: units)
        func peephole(_ gate: Gate, _ gateName: String) throws -> Expr? {
            guard peepholes, let source = gate.W_cell else { return nil }
            return try params.add(source, shape: [units], name: "W_cell_to_\(gateName)", role: Role.weight)
        }
        W_cell_to_ingate = try peephole(ingate, "ingate")
        W_cell_to_forgetgate = try peephole(forgetgate, "forgetgate")
        W_cell_to_outgate = try peephole(outgate, "outgate")
        parameters = params.all
    }

    /// x·W_in + b for all four gates, stacked in the layout's order.
    public func inputContribution(_ x: Expr, context: CellContext) throws -> Expr {
        try dropout.droppingInput(x, context: context).dot(gates.inputWeights()) + gates.bias()
    }

    /// The per-sequence dropout masks, when ``dropout`` draws them per sequence.
    public func sequenceMasks(ones: Expr, context: CellContext) throws -> [Expr] {
        try dropout.sequenceMasks(ones: ones, inputSize: inputSize, units: units, context: context)
    }

    public func step(contribution: Expr, states: [Expr], context: CellContext) throws -> RecurrentStep {
        let (cellPrevious, hidPrevious) = (states[0], states[1])
        let preactivations = try context.clipped(contribution + dropout.droppingRecurrent(hidPrevious, context: context).dot(gates.hiddenWeights()))
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
        return RecurrentStep(states: [c, h], internals: [(.inputGate, i), (.forgetGate, f), (.cellCandidate, g), (.outputGate, o)])
    }
}

/// Checks a cell's sizes: positive input features and units.
func checkCellSizes(inputSize: Int, units: Int, label: String) throws {
    guard units > 0 else { throw LaminaError.invalidLayer(layer: label, detail: "units must be positive, got \(units)") }
    guard inputSize > 0 else { throw LaminaError.invalidLayer(layer: label, detail: "inputSize must be positive, got \(inputSize)") }
}
