import LaminaGraph
import LaminaTensor

/// The step of a ``GRULayer`` as a cell (see that layer for the formulas,
/// the reset placements, update forms, defaults and parameter order); run it
/// with a ``RecurrenceLayer`` or stack it in a ``StackedCell``.
///
/// The state is [h]; internal values are r_t, u_t, ĥ_t.
///
/// ```swift
/// let cell = try GRUCell(inputSize: 12, units: 32, resetPlacement: .afterProductWithHiddenBias,
///                        updateForm: .gateOnPrevious, name: "gru")
/// ```
public final class GRUCell: RecurrentCell, @unchecked Sendable {
    /// Units per gate and state.
    public let units: Int
    /// The number of input features per step.
    public let inputSize: Int
    /// The gates as given: reset r, update u, candidate ĥ.
    public let resetgate: Gate, updategate: Gate, hiddenUpdate: Gate
    /// Where the reset gate is applied.
    public let resetPlacement: GRUResetPlacement
    /// Which value the update gate weighs.
    public let updateForm: GRUUpdateForm
    /// The gate weights.
    public let gates: GateParameters<GRUGate>
    /// The candidate's hidden bias b_hc (units,), with ``GRUResetPlacement/afterProductWithHiddenBias`` only.
    public let b_hid_to_hidden_update: Expr?
    /// Input and recurrent dropout (off by default).
    public let dropout: RecurrentDropout
    public let parameters: [CellParameter]
    public var stepInputSize: Int? { inputSize }
    public var sequenceMaskCount: Int { dropout.perSequence && dropout.stream != nil ? 2 : 0 }
    public let stateRoles: [VariableRole] = [.hidden]
    public var stateShapes: [[Int]] { [[units]] }
    public let internalRoles: [VariableRole] = [.resetGate, .updateGate, .hiddenUpdate]

    /// - Parameters:
    ///   - inputSize: the features per step, D.
    ///   - units: the number of units, H.
    ///   - resetgate: the reset gate r: W_xr (D, H), W_hr (H, H), b_r (H,) and σ_r (its `W_cell` is unused).
    ///   - updategate: the update gate u: W_xu, W_hu, b_u and σ_u.
    ///   - hiddenUpdate: the candidate ĥ: W_xc, W_hc, b_c and σ_c.
    ///   - resetPlacement: where r_t multiplies (``GRUResetPlacement``).
    ///   - updateForm: which of h_{t−1} and ĥ_t the update gate weighs (``GRUUpdateForm``).
    ///   - hiddenBias: the initializer of b_hc (H,), used with ``GRUResetPlacement/afterProductWithHiddenBias``.
    ///   - layout: gate order, storage and drawing of the weights.
    ///   - dropout: input and recurrent dropout (``RecurrentDropout``).
    ///   - name: prefixes the parameters' names (the name of the layer that runs the cell).
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` as ``LSTMCell`` does.
    public init(inputSize: Int, units: Int, resetgate: Gate = Gate(W_cell: nil), updategate: Gate = Gate(W_cell: nil),
                hiddenUpdate: Gate = .candidate(), resetPlacement: GRUResetPlacement = .afterProduct,
                updateForm: GRUUpdateForm = .gateOnCandidate, hiddenBias: any ParameterSource = Constant(0),
                layout: GateLayout<GRUGate> = GateLayout(), dropout: RecurrentDropout = RecurrentDropout(),
                name: String? = nil) throws {
        let label = name ?? "GRULayer"
        try checkCellSizes(inputSize: inputSize, units: units, label: label)
        try dropout.validate(label: label)
        self.units = units
        self.inputSize = inputSize
        self.resetgate = resetgate
        self.updategate = updategate
        self.hiddenUpdate = hiddenUpdate
        self.resetPlacement = resetPlacement
        self.updateForm = updateForm
        self.dropout = dropout
        var params = CellParameters(prefix: name, label: label)
        gates = try GateParameters.register(into: &params, gates: [(.updategate, updategate), (.resetgate, resetgate), (.hiddenUpdate, hiddenUpdate)],
                                            layout: layout, inputSize: inputSize, units: units)
        b_hid_to_hidden_update = resetPlacement == .afterProductWithHiddenBias
            ? try params.add(hiddenBias, shape: [units], name: "b_hid_to_hidden_update", role: Role.bias, tags: .bias) : nil
        parameters = params.all
    }

    /// x·W_in + b for the three gates, stacked in the layout's order.
    public func inputContribution(_ x: Expr, context: CellContext) throws -> Expr {
        try dropout.droppingInput(x, context: context).dot(gates.inputWeights()) + gates.bias()
    }

    /// The per-sequence dropout masks, when ``dropout`` draws them per sequence.
    public func sequenceMasks(ones: Expr, context: CellContext) throws -> [Expr] {
        try dropout.sequenceMasks(ones: ones, inputSize: inputSize, units: units, context: context)
    }

    public func step(contribution: Expr, states: [Expr], context: CellContext) throws -> RecurrentStep {
        let h = states[0]
        let hDropped = try dropout.droppingRecurrent(h, context: context)
        func columns(_ e: Expr, _ gate: GRUGate) throws -> Expr {
            let c = gates.columns(of: gate)
            return try e.subtensor([.all, .range(c.lowerBound, c.upperBound)])
        }
        let W = gates.hiddenWeights()
        let hiddenProducts: (reset: Expr, update: Expr, candidate: Expr?)
        if resetPlacement == .beforeProduct {
            // Only the reset and update columns multiply h; the candidate multiplies r ⊙ h.
            let (pr, pu) = (gates.order.firstIndex(of: .resetgate)!, gates.order.firstIndex(of: .updategate)!)
            if Swift.abs(pr - pu) == 1 {
                let first = Swift.min(pr, pu) * units
                let both = try hDropped.dot(W.subtensor([.all, .range(first, first + 2 * units)]))
                let r = try both.subtensor([.all, .range((pr - Swift.min(pr, pu)) * units, (pr - Swift.min(pr, pu) + 1) * units)])
                let u = try both.subtensor([.all, .range((pu - Swift.min(pr, pu)) * units, (pu - Swift.min(pr, pu) + 1) * units)])
                hiddenProducts = (r, u, nil)
            } else {
                hiddenProducts = (try hDropped.dot(columns(W, .resetgate)), try hDropped.dot(columns(W, .updategate)), nil)
            }
        } else {
            let all = try hDropped.dot(W)
            hiddenProducts = (try columns(all, .resetgate), try columns(all, .updategate), try columns(all, .hiddenUpdate))
        }
        let r = try resetgate.nonlinearity(context.clipped(columns(contribution, .resetgate) + hiddenProducts.reset))
        let u = try updategate.nonlinearity(context.clipped(columns(contribution, .updategate) + hiddenProducts.update))
        let resetHidden: Expr
        switch resetPlacement {
        case .beforeProduct: resetHidden = try (r * hDropped).dot(columns(W, .hiddenUpdate))
        case .afterProduct: resetHidden = try r * hiddenProducts.candidate!
        case .afterProductWithHiddenBias: resetHidden = try r * (hiddenProducts.candidate! + b_hid_to_hidden_update!)
        }
        let candidate = try hiddenUpdate.nonlinearity(context.clipped(columns(contribution, .hiddenUpdate) + resetHidden))
        let next: Expr
        switch updateForm {
        case .gateOnCandidate: next = try h + u * (candidate - h)
        case .gateOnPrevious: next = try candidate + u * (h - candidate)
        }
        return RecurrentStep(states: [next], internals: [(.resetGate, r), (.updateGate, u), (.hiddenUpdate, candidate)])
    }
}
