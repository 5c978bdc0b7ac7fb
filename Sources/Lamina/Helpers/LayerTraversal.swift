/// Every layer that `layers` depend on, each once, every layer after all its
/// incoming layers (a topological order; Lasagne's `get_all_layers`).
///
/// The walk is depth first from `layers` in order, visiting incoming layers
/// in order, and lists a layer once all its inputs are listed; so
/// `allLayers(of: [l2, l1])` with `l2` and `l1` on one input gives `[input, l2, l1]`.
/// Layers in `treatAsInput` are listed but their ancestors are not visited.
/// Output computation uses this order.
public func allLayers(of layers: [Layer], treatAsInput: [Layer] = []) -> [Layer] {
    var result: [Layer] = []
    var seen = Set<ObjectIdentifier>()
    var stack: [(Layer, Bool)] = layers.reversed().map { ($0, false) }
    let stopAt = Set(treatAsInput.map(ObjectIdentifier.init))
    while let (layer, expanded) = stack.popLast() {
        let key = ObjectIdentifier(layer)
        if expanded { result.append(layer); continue }
        guard seen.insert(key).inserted else { continue }
        stack.append((layer, true))
        guard !stopAt.contains(key) else { continue }
        for input in layer.inputLayers.reversed() where !seen.contains(ObjectIdentifier(input)) {
            stack.append((input, false))
        }
    }
    return result
}

/// A single layer's ``allLayers(of:treatAsInput:)``.
public func allLayers(of layer: Layer, treatAsInput: [Layer] = []) -> [Layer] {
    allLayers(of: [layer], treatAsInput: treatAsInput)
}

/// Every layer that `layers` depend on, each once, in breadth-first order
/// from `layers` down: the given layers first, then their incoming layers in
/// order, then theirs, and so on. Parameter collection uses this order
/// (see ``ParameterOrder/breadthFirst``).
public func layersBreadthFirst(of layers: [Layer]) -> [Layer] {
    breadthFirst(from: layers, expanding: { [$0] })
}

/// Every layer reached from `start` through input layers, each once, breadth
/// first; `expand` maps each layer met (the starts and every input) to the
/// layers that stand for it in the walk.
private func breadthFirst(from start: [Layer], expanding expand: (Layer) -> [Layer]) -> [Layer] {
    var result: [Layer] = []
    var seen = Set<ObjectIdentifier>()
    var queue = start.flatMap(expand)
    var next = 0
    while next < queue.count {
        let layer = queue[next]
        next += 1
        guard seen.insert(ObjectIdentifier(layer)).inserted else { continue }
        result.append(layer)
        queue += layer.inputLayers.flatMap(expand)
    }
    return result
}

/// The leaf layers (every layer but networks, their inner inputs and their
/// named-output layers) that `layers` depend on through any nesting, each
/// once, in the breadth-first order of the same network built flat:
/// ``layersBreadthFirst(of:)`` where every ``Network`` met is replaced, at the
/// moment it is queued, by its output layers (in ``Network/outputNames`` order,
/// each replaced the same way), a ``NetworkOutputLayer`` by its network, and a
/// network's inner input by the incoming layer it stands for. Parameter
/// collection uses this order (``ParameterOrder/breadthFirst``).
///
/// - Parameter within: stop at this network's inner inputs (to list one
///   network's own layers); `nil` walks to the top-level inputs.
public func layersBreadthFirstThroughNesting(of layers: [Layer], within boundary: Network? = nil) -> [Layer] {
    func resolve(_ layer: Layer) -> [Layer] {
        if let network = layer as? Network { return network.outputLayers.flatMap(resolve) }
        if let named = layer as? NetworkOutputLayer { return resolve(named.network) }
        if let network = layer.enclosing, let k = network.innerInputs.firstIndex(where: { $0 === layer }) {
            return network === boundary ? [] : resolve(network.inputLayers[k])
        }
        return [layer]
    }
    return breadthFirst(from: layers, expanding: resolve)
}

/// The leaf layers (as in ``layersBreadthFirstThroughNesting(of:within:)``) that
/// `layers` depend on, inputs first: ``allLayers(of:treatAsInput:)`` with every
/// ``Network`` replaced, in place, by its own layers in this order.
/// ``ParameterOrder/inputsFirst`` uses it.
public func allLayersThroughNesting(of layers: [Layer]) -> [Layer] {
    func expand(_ layer: Layer) -> [Layer] {
        if let network = layer as? Network { return network.layers.flatMap(expand) }
        if layer is NetworkOutputLayer { return [] }
        if let network = layer.enclosing, network.innerInputs.contains(where: { $0 === layer }) { return [] }
        return [layer]
    }
    var seen = Set<ObjectIdentifier>()
    return allLayers(of: layers).flatMap(expand).filter { seen.insert(ObjectIdentifier($0)).inserted }
}
