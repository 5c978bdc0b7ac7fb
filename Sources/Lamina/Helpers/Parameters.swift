import LaminaGraph
import LaminaTensor

/// The order in which ``allParams(of:tags:excluding:order:)`` lists parameters.
public enum ParameterOrder: Sendable {
    /// Layers in breadth-first order from the output layers down, each
    /// layer's parameters in registration order. This project's specified
    /// order (ARCHITECTURE.md, "From a layer to a kernel").
    ///
    /// Through nesting the order is that of the same network built flat
    /// (``layersBreadthFirstThroughNesting(of:within:)``): a ``Network`` is
    /// replaced, when it is queued, by its output layers (first output first),
    /// and its inner inputs lead on to the layers it is built on. So for
    /// `Sequential(incoming: input, name: "net", layers: [dense1, dense2])` followed by
    /// `readout`, the order is `readout.W, readout.b, net/dense2.W, net/dense2.b,
    /// net/dense1.W, net/dense1.b`, as without the container: wrapping layers
    /// in a one-output network never reorders a parameter list or a positional
    /// parameter file. A network with several outputs enters them all, first output first.
    case breadthFirst
    /// Layers in topological order, inputs first (``allLayers(of:treatAsInput:)``,
    /// with each network replaced by its own layers in this order, see
    /// ``allLayersThroughNesting(of:)``), as Lasagne's `get_all_params` lists
    /// them since Lasagne PR #176; use it to exchange parameter lists with Lasagne.
    case inputsFirst
}

/// The parameter expressions of every layer below `layers`, as registered
/// (without unwrapping expression parameters), each once (first occurrence
/// kept), filtered by tags.
public func allParamExpressions(of layers: [Layer], tags: Set<ParameterTag> = [], excluding: Set<ParameterTag> = [],
                                order: ParameterOrder = .breadthFirst) -> [Expr] {
    unique(orderedLayers(layers, order).flatMap { $0.parameters(tags: tags, excluding: excluding, unwrapShared: false) })
}

/// The shared variables behind the parameters of every layer below `layers`
/// (Lasagne's `get_all_params` with `unwrap_shared=True`).
///
/// Layers are visited in `order` (by default breadth first from `layers`
/// down), each once; within a layer, parameters come in registration order.
/// A parameter that is an expression contributes the shared variables it
/// reads. A shared variable used by several layers (tied weights) is listed
/// once, where it first occurs.
///
/// - Parameters:
///   - layers: the output layers of the network.
///   - tags: tags a parameter must all carry (for example `[.trainable]`).
///   - excluding: tags a parameter must not carry.
///   - order: ``ParameterOrder/breadthFirst`` (default) or Lasagne's ``ParameterOrder/inputsFirst``.
public func allParams(of layers: [Layer], tags: Set<ParameterTag> = [], excluding: Set<ParameterTag> = [],
                      order: ParameterOrder = .breadthFirst) -> [Shared] {
    let all = orderedLayers(layers, order).flatMap { $0.parameters(tags: tags, excluding: excluding, unwrapShared: true) }
    return unique(all).compactMap { $0 as? Shared }
}

/// One output layer's ``allParams(of:tags:excluding:order:)-([Layer],_,_,_)``.
public func allParams(of layer: Layer, tags: Set<ParameterTag> = [], excluding: Set<ParameterTag> = [],
                      order: ParameterOrder = .breadthFirst) -> [Shared] {
    allParams(of: [layer], tags: tags, excluding: excluding, order: order)
}

/// The number of scalar values in the selected parameters (Lasagne's `count_params`).
public func countParams(of layers: [Layer], tags: Set<ParameterTag> = [], excluding: Set<ParameterTag> = []) -> Int {
    allParams(of: layers, tags: tags, excluding: excluding).reduce(0) { $0 + $1.value.count }
}

/// The current values of the selected parameters, in ``allParams(of:tags:excluding:order:)-([Layer],_,_,_)`` order
/// (Lasagne's `get_all_param_values`).
public func allParamValues(of layers: [Layer], tags: Set<ParameterTag> = [], excluding: Set<ParameterTag> = [],
                           order: ParameterOrder = .breadthFirst) -> [NDArray] {
    allParams(of: layers, tags: tags, excluding: excluding, order: order).map(\.value)
}

/// Assigns `values` to the selected parameters, in ``allParams(of:tags:excluding:order:)-([Layer],_,_,_)``
/// order (Lasagne's `set_all_param_values`).
///
/// Every value is checked before any is assigned: when the count differs, or
/// any value's dtype or shape differs from its parameter's, nothing changes.
/// - Throws: ``LaminaError/parameterMismatch(detail:)`` naming the first
///   misfit (position, parameter name, expected and found dtype and shape).
public func setAllParamValues(of layers: [Layer], _ values: [NDArray], tags: Set<ParameterTag> = [],
                              excluding: Set<ParameterTag> = [], order: ParameterOrder = .breadthFirst) throws {
    let params = allParams(of: layers, tags: tags, excluding: excluding, order: order)
    try assignChecked(values, to: params)
}

/// Checks every (value, parameter) pair, then assigns them all.
func assignChecked(_ values: [NDArray], to params: [Shared], labels: [String]? = nil) throws {
    guard values.count == params.count else {
        throw LaminaError.parameterMismatch(detail: "\(values.count) values were given for \(params.count) parameters (\(params.map { $0.name ?? "?" }.joined(separator: ", ")))")
    }
    for (k, (value, param)) in zip(values, params).enumerated() {
        let current = param.value
        guard value.dtype == current.dtype, value.shape == current.shape else {
            let label = labels?[k] ?? "value \(k)"
            throw LaminaError.parameterMismatch(detail: "\(label) is a \(value.dtype) array of shape \(formatShape(value.shape)), but parameter \(param.name ?? "?") holds \(current.dtype) of shape \(formatShape(current.shape))")
        }
    }
    for (value, param) in zip(values, params) { try param.setValue(value) }
}

func orderedLayers(_ layers: [Layer], _ order: ParameterOrder) -> [Layer] {
    switch order {
    case .breadthFirst: return layersBreadthFirstThroughNesting(of: layers)
    case .inputsFirst: return allLayersThroughNesting(of: layers)
    }
}

/// The expressions in order, each once (first occurrence kept).
func unique(_ exprs: [Expr]) -> [Expr] {
    var seen = Set<ObjectIdentifier>()
    return exprs.filter { seen.insert(ObjectIdentifier($0)).inserted }
}
