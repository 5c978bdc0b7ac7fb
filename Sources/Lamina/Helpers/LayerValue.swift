import LaminaGraph

/// A value a layer computed in a pass, found by ``VariableFilter/values(of:in:order:)``:
/// the layer, the value's role and the expression. The role is known even
/// where the expression carries no annotation of its own (a loop's first
/// result is the loop node itself).
public struct LayerValue: @unchecked Sendable {
    /// The layer that computed the value.
    public let layer: Layer
    /// What the value is (``VariableRole/output``, ``VariableRole/forgetGate``, ...).
    public let role: VariableRole
    /// The value.
    public let value: Expr
}
