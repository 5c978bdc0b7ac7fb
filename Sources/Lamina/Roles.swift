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
