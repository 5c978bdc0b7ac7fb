import LaminaGraph

/// One step of a recurrent cell, as ``RecurrentLayerBase/step(input:states:mask:deterministic:)``
/// returns it: the new states and the cell's internal values.
///
/// Every expression is annotated with the layer's name and its role
/// (``VariableRole/hidden``, ``VariableRole/cell``, ``VariableRole/forgetGate``, ...).
public struct RecurrentStep: @unchecked Sendable {
    /// The states after the step, in the layer's ``RecurrentLayerBase/stateRoles`` order.
    public let states: [Expr]
    /// The internal values (gate activations, candidates), each (batch, units…), in computation order.
    public let internals: [(role: VariableRole, value: Expr)]

    /// A step's new states (in state-role order) and internal values with their roles.
    public init(states: [Expr], internals: [(role: VariableRole, value: Expr)] = []) {
        self.states = states
        self.internals = internals
    }
}
