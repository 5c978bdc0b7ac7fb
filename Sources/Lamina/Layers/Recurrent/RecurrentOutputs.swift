import LaminaGraph

/// Everything one recurrent layer computes in one pass, from one loop:
/// its output, each state at every step and at the end, and each internal
/// value at every step.
///
/// Per-step values are batch major, (batch, steps, units…), and aligned with
/// the input (with ``RecurrentOptions/backwards`` too). Each is annotated with
/// the layer's name and its role, except ``output``, which
/// ``output(of:inputs:deterministic:)`` annotates as the layer's output.
///
/// Get it from ``RecurrentLayerBase/recurrentOutputs(for:deterministic:)`` or,
/// after a pass of ``output(of:inputs:deterministic:)``, from
/// ``RecurrentLayerBase/recurrentOutputs(producing:)``; or tap one value as a
/// layer with ``RecurrentTapLayer``.
public struct RecurrentOutputs: @unchecked Sendable {
    /// What the layer outputs: the hidden state at every step, or only at
    /// the end with ``RecurrentOptions/onlyReturnFinal``.
    public let output: Expr
    /// Each state (by role: ``VariableRole/hidden``, ``VariableRole/cell``) at every step.
    public let states: [VariableRole: Expr]
    /// Each state after the last iteration, (batch, units…).
    public let finalStates: [VariableRole: Expr]
    /// Each internal value (by role: gate activations, candidates) at every step.
    public let internals: [VariableRole: Expr]

    /// Every expression above, for graph walks such as ``GraphTraversal/find(in:where:)``.
    public var all: [Expr] {
        let sorted = { (values: [VariableRole: Expr]) in values.keys.sorted { $0.name < $1.name }.map { values[$0]! } }
        return [output] + sorted(states) + sorted(finalStates) + sorted(internals)
    }

    /// The value with `role` (a state or an internal value), per step, or,
    /// with `final`, a state after the last iteration.
    public func value(role: VariableRole, final: Bool = false) -> Expr? {
        final ? finalStates[role] : (states[role] ?? internals[role])
    }
}
