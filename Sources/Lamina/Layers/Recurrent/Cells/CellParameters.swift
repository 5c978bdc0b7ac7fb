import LaminaGraph

/// One parameter of a ``RecurrentCell``: the expression it computes with and
/// how the layer running the cell registers it (short name, role, tags).
public struct CellParameter: @unchecked Sendable {
    /// The short name, such as `"W_in_to_ingate"`.
    public let name: String
    /// The expression (usually a ``Shared`` named `"layer.name"`).
    public let expr: Expr
    /// The annotation role (``Role/weight``, ``Role/bias``, ...).
    public let role: String
    /// The tags (trainable, regularizable).
    public let tags: Set<ParameterTag>
    /// Whether the cell created the shared variable (from an initializer or an array) rather than
    /// being given it: the layer running the cell then owns it (``LayerParameter/isOwned``).
    public let isOwned: Bool
}

/// The parameters a cell creates, in creation order, named as a layer would
/// name them (`"prefix.name"`). A cell fills one in its initializer, before
/// any layer exists, so that its parameters can be plain `let` properties.
public struct CellParameters: @unchecked Sendable {
    /// The prefix of new shared variables' names (the layer's name), if any.
    public let prefix: String?
    /// The name used in error messages.
    public let label: String
    /// The parameters, in creation order.
    public private(set) var all: [CellParameter] = []

    /// - Parameters:
    ///   - prefix: prefixes the names of new shared variables (`"lstm"` gives `"lstm.W_in_to_ingate"`).
    ///   - label: the name in error messages (default: the prefix, or `"cell"`).
    public init(prefix: String?, label: String? = nil) {
        self.prefix = prefix
        self.label = label ?? prefix ?? "cell"
    }

    /// Creates a parameter from `source` (an initializer's draw, an array, or
    /// an expression kept as it is) and records it, as ``Layer/addParam(_:shape:name:role:tags:)`` does.
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` when the source does not fit `shape`.
    @discardableResult
    public mutating func add(_ source: any ParameterSource, shape: [Int], name: String, role: String = Role.parameter,
                             tags: Set<ParameterTag> = .weight) throws -> Expr {
        let fullName = prefix.map { "\($0).\(name)" } ?? name
        let expr: Expr
        do {
            expr = try source.makeParameter(shape: shape, name: fullName)
        } catch let error as LaminaError {
            throw LaminaError.invalidLayer(layer: label, detail: "parameter \(name): \(error)")
        }
        all.append(CellParameter(name: name, expr: expr, role: role, tags: tags, isOwned: !(source is Expr)))
        return expr
    }

    /// Records an existing parameter (a sub-layer's) under its own name.
    mutating func adopt(_ expr: Expr, name: String, role: String, tags: Set<ParameterTag>) {
        all.append(CellParameter(name: name, expr: expr, role: role, tags: tags, isOwned: false))
    }
}
