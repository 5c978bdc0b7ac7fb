import LaminaGraph

/// One parameter of a layer: the expression the layer computes with and its tags.
///
/// The expression is usually a ``Shared`` variable the layer created from an
/// initializer or an array. It may also be any expression passed in by the
/// user (a ``Shared`` of another layer for tied weights, or a derived value
/// such as `W.transposed()`); helpers then reach the shared variables inside it.
public struct LayerParameter: @unchecked Sendable {
    /// The expression the layer uses.
    public let expr: Expr
    /// The tags (``ParameterTag/trainable``, ``ParameterTag/regularizable``, user tags).
    public var tags: Set<ParameterTag>
    /// The short name the layer registered it under (`"W"`); the expression's
    /// own name when none was given.
    public let name: String
    /// What the parameter is (``VariableRole/weight``, ``VariableRole/recurrentWeight``, ...).
    public let role: VariableRole
    /// Whether the layer created the shared variable (from an initializer or
    /// an array), rather than receiving an expression (tied or derived weights).
    /// Only owned variables are renamed when the layer is nested, and re-initialized.
    public let isOwned: Bool

    /// A parameter: the expression, its tags, short name, role and ownership.
    public init(expr: Expr, tags: Set<ParameterTag>, name: String? = nil, role: VariableRole = .parameter, isOwned: Bool = false) {
        self.expr = expr
        self.tags = tags
        self.name = name ?? expr.name ?? "parameter"
        self.role = role
        self.isOwned = isOwned
    }

    /// Whether the tags include all of `required` and none of `excluded`.
    public func matches(tags required: Set<ParameterTag>, excluding excluded: Set<ParameterTag>) -> Bool {
        required.isSubset(of: tags) && excluded.isDisjoint(with: tags)
    }

    /// The shared variables the parameter consists of: itself when it is a
    /// ``Shared``, else every shared variable its expression reads, in
    /// topological order (Lasagne's `unwrap_shared`).
    public var sharedVariables: [Shared] {
        if let shared = expr as? Shared { return [shared] }
        return GraphTraversal.sharedVariables(of: [expr])
    }
}
