import LaminaGraph

/// A layer whose output is a value from inside a recurrent layer's loop:
/// a state (``VariableRole/cell``, ``VariableRole/hidden``) or an internal value (a gate's
/// activation such as ``VariableRole/forgetGate``), from the same loop that computes
/// the recurrent layer's output (Lasagne issues #337 and #835: the LSTM's
/// cell state, and tapping its gates).
///
/// Ask for it together with the network's output in one
/// ``output(of:inputs:deterministic:)`` call; the recurrent layer's output
/// must be computed in that pass (not replaced through `inputs`).
///
/// States follow the recurrent layer's ``RecurrentOptions/onlyReturnFinal``:
/// (batch, steps, units…) per step, or (batch, units…) at the end. Internal
/// values are always per step, (batch, steps, units…), aligned with the input.
///
/// ```swift
/// let lstm = try LSTMLayer(incoming: input, units: 32, name: "encoder")
/// let cell = try RecurrentTapLayer(of: lstm, role: .cell)
/// let forget = try RecurrentTapLayer(of: lstm, role: .forgetGate)
/// let values = try output(of: [lstm, cell, forget])     // one loop
/// ```
///
/// The role is one of the layer's ``RecurrentLayerBase/stateRoles`` or
/// ``RecurrentLayerBase/internalRoles``; a ``StackedCell``'s levels take
/// theirs to the level (`.hidden.atLevel(1)`), and
/// `layer.internalRoles.filter { $0.isKind(of: .gate) }` lists every gate.
public final class RecurrentTapLayer: Layer, @unchecked Sendable {
    /// The recurrent layer tapped.
    public let recurrent: RecurrentLayerBase
    /// The role of the tapped value.
    public let role: VariableRole
    private let isState: Bool

    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` when the layer has no value with `role`
    ///   (the message lists the roles it has).
    public init(of recurrent: RecurrentLayerBase, role: VariableRole, name: String? = nil) throws {
        self.recurrent = recurrent
        self.role = (recurrent.stateRoles + recurrent.internalRoles).first { $0 == role } ?? role   // the layer's, with its place in the hierarchy
        isState = recurrent.stateRoles.contains(role)
        try super.init(incoming: recurrent, name: name)
        guard isState || recurrent.internalRoles.contains(role) else {
            throw LaminaError.invalidLayer(layer: displayName, detail: "\(recurrent.displayName) has no value with role \(role); it has \((recurrent.stateRoles + recurrent.internalRoles).map(\.name).joined(separator: ", "))")
        }
    }

    public override func outputShape(for inputShapes: [[Int?]]) throws -> [Int?] {
        let batch = inputShapes[0][0], steps = recurrent.inputShapes[0][1]
        let units = isState ? recurrent.stateShapes[recurrent.stateRoles.firstIndex(of: role)!].map { Optional($0) }
            : recurrent.internalValueShape(role: role)
        return isState && recurrent.options.onlyReturnFinal ? [batch] + units : [batch, steps] + units
    }

    public override func output(for inputs: [Expr], deterministic: Bool) throws -> Expr {
        guard let outputs = recurrent.recurrentOutputs(producing: inputs[0]) else {
            throw LaminaError.invalidLayer(layer: displayName, detail: "the output of \(recurrent.displayName) was not computed by it in this pass (was it replaced through `inputs`?); tap values from a pass that computes \(recurrent.displayName)")
        }
        guard let value = outputs.value(role: role, final: isState && recurrent.options.onlyReturnFinal) else {
            throw LaminaError.invalidLayer(layer: displayName, detail: "\(recurrent.displayName) computed no value with role \(role)")
        }
        return value
    }
}
