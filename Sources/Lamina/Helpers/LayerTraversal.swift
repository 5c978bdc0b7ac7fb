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
    var result: [Layer] = []
    var seen = Set<ObjectIdentifier>()
    var queue = layers
    var next = 0
    while next < queue.count {
        let layer = queue[next]
        next += 1
        guard seen.insert(ObjectIdentifier(layer)).inserted else { continue }
        result.append(layer)
        queue += layer.inputLayers
    }
    return result
}
