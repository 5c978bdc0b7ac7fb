import LaminaGraph

/// The outputs of several layers computed in one pass, and the state updates
/// (batch normalization's running averages) that pass asks for.
public struct LayerOutputs: @unchecked Sendable {
    /// One expression per requested layer, in request order.
    public let outputs: [Expr]
    /// State updates to pass to `function(updates:)` with a training step.
    public let updates: [(Shared, Expr)]
}

/// The output expressions of `layers` (Lasagne's `get_output`).
///
/// Every layer the requested ones depend on is computed once, in topological
/// order (``allLayers(of:treatAsInput:)``), with a memo from layer to
/// expression; so asking for an intermediate layer and the final layer in
/// one call shares every common subgraph, including dropout masks. Two
/// separate calls build two separate graphs (with different noise).
///
/// A ``Network`` is computed as one layer, by a pass of the same kind over its
/// inner graph. A requested layer may lie inside a network at any depth
/// (found with ``Network/layer(at:)``): it is a tap, computed by that
/// network's pass, so the tap and the network's output share one graph.
///
/// - Parameters:
///   - layers: the layers whose outputs to return, at the top level or inside networks.
///   - inputs: expressions that replace the outputs of any layers, input
///     layers or not, at any depth; the ancestors of a replaced layer are not visited.
///     Each replacement must have the rank of the layer's output.
///   - deterministic: passed to every layer: turns off noise and makes batch
///     normalization use its stored averages.
/// - Returns: one expression per requested layer. Each computed output is
///   annotated with its layer's ``Layer/path`` and role `"output"` (see ``Role``).
/// - Throws: ``LaminaError`` for a replacement of the wrong rank, or any layer's error.
///
/// Inside a ``Layer`` subclass (or where a variable named `output` is in
/// scope), the method ``Layer/output(for:deterministic:)`` hides this
/// function: call it as `Lamina.output(of:)`.
public func output(of layers: [Layer], inputs: [Layer: Expr] = [:], deterministic: Bool = false) throws -> [Expr] {
    try outputsAndUpdates(of: layers, inputs: inputs, deterministic: deterministic, collectUpdates: false).outputs
}

/// The output expression of one layer; see ``output(of:inputs:deterministic:)-([Layer],_,_)``.
public func output(of layer: Layer, inputs: [Layer: Expr] = [:], deterministic: Bool = false) throws -> Expr {
    try output(of: [layer], inputs: inputs, deterministic: deterministic)[0]
}

/// The outputs of `layers` as ``output(of:inputs:deterministic:)-([Layer],_,_)``
/// computes them, together with the state updates the layers ask for in
/// this pass (``Layer/stateUpdates(for:deterministic:)``; batch
/// normalization's running averages when not deterministic). Pass the
/// updates to the training function along with the optimizer's.
public func outputsAndUpdates(of layers: [Layer], inputs: [Layer: Expr] = [:], deterministic: Bool = false) throws -> LayerOutputs {
    try outputsAndUpdates(of: layers, inputs: inputs, deterministic: deterministic, collectUpdates: true)
}

/// The pass behind ``output(of:inputs:deterministic:)-([Layer],_,_)``, over the
/// layers of one level of nesting: `scope` is the network whose inner graph
/// this is (`nil` at the top level). A requested layer inside a nested network
/// is computed by that network's pass (a tap), which runs the same function
/// one level down; the network's named outputs and taps land in the same memo,
/// so a ``NetworkOutputLayer`` and a requested inner layer share the network's graph.
func outputsAndUpdates(of layers: [Layer], inputs: [Layer: Expr], deterministic: Bool, collectUpdates: Bool,
                       scope: Network? = nil) throws -> LayerOutputs {
    var memo: [ObjectIdentifier: Expr] = [:]
    var updates: [(Shared, Expr)] = []
    for (layer, expr) in inputs {
        let rank = try layer.outputShape.count
        guard expr.rank == rank else {
            throw LaminaError.invalidArgument(function: "output(of:)", detail: "the replacement \(expr) for \(layer.displayName) has rank \(expr.rank), but the layer's output has rank \(rank)")
        }
        memo[ObjectIdentifier(layer)] = expr
    }
    // Each requested layer's representative at this level, and the inner layers each network must tap.
    var taps: [ObjectIdentifier: [Layer]] = [:]
    let representatives = try layers.map { layer -> Layer in
        var current = layer
        while current.enclosing !== scope {
            guard let outer = current.enclosing else {
                throw LaminaError.invalidArgument(function: "output(of:)", detail: "\(layer.path) is not inside \(scope?.path ?? "the top level")")
            }
            taps[ObjectIdentifier(outer), default: []].append(layer)
            current = outer
        }
        return current
    }
    for layer in allLayers(of: representatives, treatAsInput: Array(inputs.keys)) where memo[ObjectIdentifier(layer)] == nil {
        let layerInputs = layer.inputLayers.map { memo[ObjectIdentifier($0)]! }
        let result: Expr
        if let network = layer as? Network {
            let requested = network.outputLayers + (taps[ObjectIdentifier(network)] ?? [])
            var innerInputs = Dictionary(uniqueKeysWithValues: zip(network.innerInputs as [Layer], layerInputs))
            for (key, expr) in inputs where key.enclosing !== scope && key.isInside(network) { innerInputs[key] = expr }
            let inner = try outputsAndUpdates(of: requested, inputs: innerInputs,
                                              deterministic: deterministic, collectUpdates: collectUpdates, scope: network)
            for (innerLayer, expr) in zip(requested, inner.outputs) { memo[ObjectIdentifier(innerLayer)] = expr }
            updates += inner.updates
            result = inner.outputs[0]
        } else if let named = layer as? NetworkOutputLayer {
            result = memo[ObjectIdentifier(named.source)]!
        } else {
            result = try layer.output(for: layerInputs, deterministic: deterministic)
            if collectUpdates { updates += try layer.stateUpdates(for: layerInputs, output: result, deterministic: deterministic) }
        }
        Role.annotate(result, layer: layer.path, role: layer is InputLayer ? Role.input : Role.output)
        memo[ObjectIdentifier(layer)] = result
    }
    return LayerOutputs(outputs: layers.map { memo[ObjectIdentifier($0)]! }, updates: updates)
}

/// The output shapes of `layers` (Lasagne's `get_output_shape`), computed in
/// the same topological pass as outputs, with any layer's shape replaceable
/// through `inputShapes`. `nil` marks a size known only at run time.
public func outputShape(of layers: [Layer], inputShapes: [Layer: [Int?]] = [:]) throws -> [[Int?]] {
    var memo: [ObjectIdentifier: [Int?]] = [:]
    for (layer, shape) in inputShapes { memo[ObjectIdentifier(layer)] = shape }
    for layer in allLayers(of: layers, treatAsInput: Array(inputShapes.keys)) where memo[ObjectIdentifier(layer)] == nil {
        memo[ObjectIdentifier(layer)] = try layer.outputShape(for: layer.inputLayers.map { memo[ObjectIdentifier($0)]! })
    }
    return layers.map { memo[ObjectIdentifier($0)]! }
}

/// One layer's ``outputShape(of:inputShapes:)-([Layer],_)``.
public func outputShape(of layer: Layer, inputShapes: [Layer: [Int?]] = [:]) throws -> [Int?] {
    try outputShape(of: [layer], inputShapes: inputShapes)[0]
}
