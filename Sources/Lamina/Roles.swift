import LaminaGraph

/// The annotation keys and role names that layers put on the expressions they
/// make (Blocks' roles), so that a graph walker can find any value by the
/// layer that made it and what it is:
///
/// ```swift
/// let hidden = GraphTraversal.find(in: [loss], where: [Role.layerKey: "hidden", Role.key: Role.output])
/// ```
///
/// A layer's output carries `annotations["layer"] = name` and
/// `annotations["role"] = "output"`; a parameter created by a layer carries its
/// layer and a role such as `"weight"` or `"bias"`. An expression that already
/// carries a layer annotation (a tied weight, or an output passed through
/// unchanged) keeps the first one.
public enum Role {
    /// The annotation key of the layer name.
    public static let layerKey = "layer"
    /// The annotation key of the role.
    public static let key = "role"

    /// A layer's output.
    public static let output = "output"
    /// An input placeholder of an ``InputLayer``.
    public static let input = "input"
    /// A weight matrix or tensor.
    public static let weight = "weight"
    /// An additive bias (including batch and layer normalization's shift).
    public static let bias = "bias"
    /// A multiplicative scale (including batch and layer normalization's gain).
    public static let scale = "scale"
    /// An embedding matrix.
    public static let embedding = "embedding"
    /// A running average kept by batch normalization.
    public static let runningAverage = "running_average"
    /// Any other parameter.
    public static let parameter = "parameter"

    /// Sets the layer and role annotations of `expr` unless it already carries a layer.
    static func annotate(_ expr: Expr, layer: String, role: String) {
        guard expr.annotations[layerKey] == nil else { return }
        expr.annotations[layerKey] = layer
        expr.annotations[key] = role
    }
}

/// What a variable of a network is, as a type with a hierarchy (Blocks'
/// `VariableRole`): a ``weight`` is a ``parameter``, a ``recurrentWeight`` is
/// a ``weight``, so selecting ``weight`` also selects recurrent weights.
///
/// A role is named by the same strings as the ``Role`` annotations
/// (`VariableRole("weight") == .weight`), so existing role names keep
/// working; a known name gets its place in the hierarchy below, any other
/// name is a root unless made with ``init(_:parent:)``:
///
/// ```
/// parameter ── weight ── input_weight, recurrent_weight, peephole_weight, embedding
///           ├─ bias
///           ├─ scale
///           └─ initial_state
/// auxiliary ── running_average
/// input, output
/// intermediate ── state ── hidden, cell, attention_context
///              └─ internal_value ── gate ── ingate, forgetgate, outgate, resetgate, updategate
///                                ├─ candidate ── cell_candidate, hidden_update
///                                ├─ preactivation
///                                └─ attention_weights
/// ```
///
/// The values of a level of a ``StackedCell`` have roles one step below the
/// level's own: ``atLevel(_:)`` gives `"level1.hidden"`, a kind of
/// ``hidden`` (and so of ``state``). For a role known by name the name says it all:
/// `VariableRole("level1.hidden")` is the same role, with the same place in the hierarchy.
///
/// ```swift
/// let attention = VariableRole("attention_weight", parent: .weight)
/// attention.isKind(of: .parameter)                  // true
/// VariableRole.hidden.atLevel(1).isKind(of: .state) // true
/// ```
public struct VariableRole: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The role's name (the annotation value, such as `"weight"`).
    public let name: String
    /// The names of the role's ancestors, nearest first.
    public let ancestors: [String]

    /// The role named `name`, placed in the hierarchy when the name is known;
    /// `"level<k>.<role>"` (a ``StackedCell`` level's value) lies below `<role>`.
    public init(_ name: String) {
        self.name = name
        if VariableRole.knownParents[name] == nil, let base = VariableRole.levelBase(of: name) {
            ancestors = [base] + VariableRole(base).ancestors
            return
        }
        var chain: [String] = []
        var current = name
        while let parent = VariableRole.knownParents[current] { chain.append(parent); current = parent }
        ancestors = chain
    }

    /// A new role below `parent` (a user's sub-role, such as an attention weight).
    public init(_ name: String, parent: VariableRole) {
        self.name = name
        ancestors = [parent.name] + parent.ancestors
    }

    public init(stringLiteral value: String) { self.init(value) }

    /// The role directly above this one, `nil` for a root.
    public var parent: VariableRole? { ancestors.first.map { VariableRole($0) } }

    /// Whether this role is `other` or lies below it.
    public func isKind(of other: VariableRole) -> Bool { name == other.name || ancestors.contains(other.name) }

    /// This role at level `k` of a ``StackedCell``: named `"level<k>.<name>"`, directly below this role.
    public func atLevel(_ k: Int) -> VariableRole { VariableRole("level\(k).\(name)", parent: self) }

    /// The role below which `"level<k>.<role>"` lies (`<role>`), or `nil` for a name of another form.
    private static func levelBase(of name: String) -> String? {
        guard name.hasPrefix("level"), let dot = name.firstIndex(of: ".") else { return nil }
        let digits = name[name.index(name.startIndex, offsetBy: 5) ..< dot]
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), name.index(after: dot) < name.endIndex else { return nil }
        return String(name[name.index(after: dot)...])
    }

    public var description: String { name }
    public static func == (a: VariableRole, b: VariableRole) -> Bool { a.name == b.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }

    /// Any parameter of a layer (the root of the parameter roles).
    public static let parameter = VariableRole(Role.parameter)
    /// A weight matrix or tensor.
    public static let weight = VariableRole(Role.weight)
    /// A recurrent layer's input-to-hidden weights (`W_in_to_…`).
    public static let inputWeight = VariableRole("input_weight")
    /// A recurrent layer's hidden-to-hidden weights (`W_hid_to_…`).
    public static let recurrentWeight = VariableRole("recurrent_weight")
    /// An LSTM peephole weight (`W_cell_to_…`).
    public static let peepholeWeight = VariableRole("peephole_weight")
    /// An embedding matrix.
    public static let embedding = VariableRole(Role.embedding)
    /// An additive bias.
    public static let bias = VariableRole(Role.bias)
    /// A multiplicative scale or gain.
    public static let scale = VariableRole(Role.scale)
    /// A learned initial state of a recurrent layer.
    public static let initialState = VariableRole("initial_state")
    /// Values kept beside the parameters that no optimizer trains.
    public static let auxiliary = VariableRole("auxiliary")
    /// A running average kept by batch normalization.
    public static let runningAverage = VariableRole(Role.runningAverage)
    /// A layer's output.
    public static let output = VariableRole(Role.output)
    /// An input placeholder.
    public static let input = VariableRole(Role.input)
    /// A value computed inside a layer (states, gates, attention weights).
    public static let intermediate = VariableRole("intermediate")

    /// The parent of each known role name.
    static let knownParents: [String: String] = {
        var parents: [String: String] = [
            "weight": "parameter", "input_weight": "weight", "recurrent_weight": "weight", "peephole_weight": "weight",
            "embedding": "weight", "bias": "parameter", "scale": "parameter", "initial_state": "parameter",
            "running_average": "auxiliary",
        ]
        parents["state"] = "intermediate"
        parents["internal_value"] = "intermediate"
        for name in ["hidden", "cell", "attention_context"] { parents[name] = "state" }
        for name in ["gate", "candidate", "preactivation", "attention_weights"] { parents[name] = "internal_value" }
        for name in ["ingate", "forgetgate", "outgate", "resetgate", "updategate"] { parents[name] = "gate" }
        for name in ["cell_candidate", "hidden_update"] { parents[name] = "candidate" }
        return parents
    }()

    /// The role of a parameter registered with the annotation role `role`
    /// under `parameterName`: a `"weight"` named `W_in_to_…`, `W_hid_to_…` or
    /// `W_cell_to_…` (Lasagne's recurrent names) is an input, recurrent or
    /// peephole weight; every other role is taken as it is.
    public static func refined(_ role: String, parameterName: String) -> VariableRole {
        guard role == Role.weight else { return VariableRole(role) }
        if parameterName.hasPrefix("W_in_to_") { return .inputWeight }
        if parameterName.hasPrefix("W_hid_to_") { return .recurrentWeight }
        if parameterName.hasPrefix("W_cell_to_") { return .peepholeWeight }
        return .weight
    }
}
