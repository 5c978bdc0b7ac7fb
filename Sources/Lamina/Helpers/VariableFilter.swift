import LaminaGraph

/// A selection of a network's variables (Blocks' `VariableFilter`): by role
/// (including sub-roles), by layer (including the layers inside a network),
/// by kind of layer, by tags and by name pattern. Every criterion given must
/// hold; an empty filter selects everything. It selects parameters
/// (``parameters(of:order:)``) or the values a pass computed
/// (``values(of:in:order:)``: outputs, recurrent states and gates, attention weights).
///
/// ```swift
/// let recurrent = VariableFilter(roles: [.recurrentWeight]).parameters(of: [model])
/// let encoderWeights = VariableFilter(roles: [.weight], name: "encoder/**").parameters(of: [model])
/// let denseBiases = VariableFilter(roles: [.bias]).layers(ofKind: DenseLayer.self).parameters(of: [model])
/// let gates = VariableFilter(roles: [.gate]).layers(ofKind: LSTMLayer.self).values(of: [model], in: [loss])
/// ```
public struct VariableFilter {
    /// Roles a parameter's ``LayerParameter/role`` (or a value's role) must be a kind of (any one of them); `nil` for any role.
    public var roles: [VariableRole]?
    /// Layers a parameter must be registered by (a value computed by), directly or inside (a
    /// ``Network`` here stands for every layer in it); `nil` for any layer.
    public var layers: [Layer]?
    /// A glob the parameter's full name (a value's `"<layer path>.<role>"`) must match
    /// (see ``globMatches(_:_:)``); `nil` for any name.
    public var name: String?
    /// Tags the parameter must all carry, and tags it must not carry.
    public var tags: Set<ParameterTag>, excluding: Set<ParameterTag>
    private var layerKinds: [(Layer) -> Bool] = []

    /// A filter with the given criteria (all optional).
    public init(roles: [VariableRole]? = nil, layers: [Layer]? = nil, name: String? = nil,
                tags: Set<ParameterTag> = [], excluding: Set<ParameterTag> = []) {
        (self.roles, self.layers, self.name, self.tags, self.excluding) = (roles, layers, name, tags, excluding)
    }

    /// This filter, also requiring the registering layer to be an `L` (or a subclass);
    /// called several times, any of the kinds.
    public func layers<L: Layer>(ofKind kind: L.Type) -> VariableFilter {
        var copy = self
        copy.layerKinds.append { $0 is L }
        return copy
    }

    /// The selected shared variables below `outputs`, each once, in
    /// ``allParams(of:tags:excluding:order:)-([Layer],_,_,_)`` order (breadth first through nesting).
    /// An expression parameter (tied or derived) is judged by the registering
    /// layer and role, and contributes the shared variables it reads.
    public func parameters(of outputs: [Layer], order: ParameterOrder = .breadthFirst) -> [Shared] {
        let selected = orderedLayers(outputs, order).filter(accepts).flatMap { layer in
            layer.params.filter { accepts($0) }.flatMap(\.sharedVariables)
        }
        return unique(selected).compactMap { $0 as? Shared }.filter { shared in name.map { globMatches($0, shared.name ?? "") } ?? true }
    }

    /// The values of the graph of `roots` that the selected layers below
    /// `outputs` computed with a selected role (Blocks' filter applied to a
    /// computation graph's variables): for each selected layer, in
    /// ``parameters(of:order:)``'s layer order, each of its ``Layer/valueRoles``
    /// that is a kind of one of ``roles`` and whose `"<layer path>.<role>"`
    /// matches ``name``, every expression annotated with the layer's path and
    /// that role (``GraphTraversal/find(in:where:)``: a value computed inside
    /// a loop is the loop's stacked result for it). Values carry no tags, so a
    /// filter requiring tags selects none.
    ///
    /// ```swift
    /// let forget = VariableFilter(roles: [.forgetGate], layers: [lstm]).values(of: [lstm], in: [output])
    /// ```
    public func values(of outputs: [Layer], in roots: [Expr], order: ParameterOrder = .breadthFirst) -> [LayerValue] {
        guard tags.isEmpty else { return [] }
        return orderedLayers(outputs, order).filter(accepts).flatMap { layer in
            layer.valueRoles.filter { role in
                (roles?.contains { role.isKind(of: $0) } ?? true) && (name.map { globMatches($0, "\(layer.path).\(role.name)") } ?? true)
            }.flatMap { role in
                GraphTraversal.find(in: roots, where: [Role.layerKey: layer.path, Role.key: role.name])
                    .map { LayerValue(layer: layer, role: role, value: $0) }
            }
        }
    }

    private func accepts(_ layer: Layer) -> Bool {
        if let layers, !layers.contains(where: { $0 === layer || (($0 as? Network).map { layer.isInside($0) } ?? false) }) { return false }
        if !layerKinds.isEmpty, !layerKinds.contains(where: { $0(layer) }) { return false }
        return true
    }

    private func accepts(_ param: LayerParameter) -> Bool {
        if let roles, !roles.contains(where: { param.role.isKind(of: $0) }) { return false }
        return param.matches(tags: tags, excluding: excluding)
    }
}

/// Whether `name` matches the glob `pattern` as a whole: `**` matches any
/// characters, `*` any characters but `/`, `?` one character but `/`, and
/// any other character itself. So `"encoder/*.W*"` matches
/// `"encoder/lstm1.W_hid_to_ingate"` but not `"encoder/inner/lstm1.W"`, which `"encoder/**.W*"` matches.
public func globMatches(_ pattern: String, _ name: String) -> Bool {
    let p = Array(pattern), n = Array(name)
    // matches[i][j]: p[i...] matches n[j...]; filled from the ends.
    var matches = Array(repeating: Array(repeating: false, count: n.count + 1), count: p.count + 1)
    matches[p.count][n.count] = true
    for i in stride(from: p.count - 1, through: 0, by: -1) {
        let doubleStar = p[i] == "*" && i + 1 < p.count && p[i + 1] == "*"
        for j in stride(from: n.count, through: 0, by: -1) {
            switch p[i] {
            case "*" where doubleStar:
                matches[i][j] = matches[i + 2][j] || (j < n.count && matches[i][j + 1])
            case "*":
                if i > 0 && p[i - 1] == "*" { matches[i][j] = matches[i + 1][j]; continue }   // second star of a `**`
                matches[i][j] = matches[i + 1][j] || (j < n.count && n[j] != "/" && matches[i][j + 1])
            case "?":
                matches[i][j] = j < n.count && n[j] != "/" && matches[i + 1][j + 1]
            default:
                matches[i][j] = j < n.count && n[j] == p[i] && matches[i + 1][j + 1]
            }
        }
    }
    return matches[0][0]
}
