import LaminaGraph

/// A sub-network used as one layer (Blocks' bricks, Keras's functional
/// `Model` used as a layer): named inputs, named outputs, and the layers
/// between them, nesting to any depth.
///
/// The network is built by a closure that receives one ``InputLayer`` per
/// named input (with the shape of the incoming layer it stands for) and
/// returns the named outputs. Every layer the outputs reach must be built on
/// those inputs; the network computes them with its incoming layers' outputs
/// substituted, so it behaves like any layer in ``output(of:inputs:deterministic:)-([Layer],_,_)``:
///
/// ```swift
/// let input = try InputLayer(shape: [nil, 4], name: "x")
/// let encoder = try Network(incomings: ["x": input], name: "encoder") { inner in
///     let hidden = try DenseLayer(incoming: inner["x"]!, units: 8, name: "hidden")
///     return ["code": try DenseLayer(incoming: hidden, units: 2, name: "code"), "hidden": hidden]
/// }
/// // parameters: encoder/code.W, encoder/code.b, encoder/hidden.W, encoder/hidden.b
/// ```
///
/// The network's own output (what a layer built on it receives) is its first
/// named output; ``output(named:)`` gives a layer for any other one, and
/// ``layer(at:)`` finds any inner layer by path to tap it with `output(of:)`.
///
/// **Names.** Building a named network renames the shared variables its
/// layers created: `"lstm1.W_hid_to_ingate"` inside `"encoder"` becomes
/// `"encoder/lstm1.W_hid_to_ingate"`, and inside `"model"` too,
/// `"model/encoder/lstm1.W_hid_to_ingate"`. An unnamed network adds nothing.
/// Parameter files (``saveParams(of:to:keys:tags:excluding:order:)``) use these names.
///
/// **Parameter order.** See ``ParameterOrder/breadthFirst``: a network is
/// replaced by its output layers where it is queued, so a network with one
/// output (a ``Sequential``) lists its parameters where the same layers built
/// flat would; a network with several outputs enters all of them at once.
open class Network: Layer, @unchecked Sendable {
    /// The names of the inputs, in ``Layer/inputLayers`` order.
    public let inputNames: [String]
    /// The inner input layers standing for the incoming layers, in ``Layer/inputLayers`` order.
    public let innerInputs: [InputLayer]
    /// The names of the outputs, the network's own output first.
    public let outputNames: [String]
    /// The inner layers whose outputs are the network's outputs, in ``outputNames`` order.
    public let outputLayers: [Layer]
    /// Every layer inside the network (its inner inputs, its layers and its
    /// nested networks as single layers), inputs first (``allLayers(of:treatAsInput:)`` order).
    public let layers: [Layer]

    /// Builds a network on `incomings`.
    /// - Parameters:
    ///   - incomings: the named incoming layers, in order (names must be unique and non-empty).
    ///   - name: the network's name, which prefixes the paths and parameter names of its layers.
    ///   - build: receives the inner input layers by name and returns the named
    ///     outputs, the network's own output first.
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` when there are no
    ///   incomings or outputs, a name repeats or contains `/` or `.`, an inner
    ///   layer reads a layer outside the network, or a layer already belongs to
    ///   another network; any error of `build`.
    public convenience init(incomings: KeyValuePairs<String, Layer>, name: String? = nil,
                            build: ([String: InputLayer]) throws -> KeyValuePairs<String, Layer>) throws {
        try self.init(namedIncomings: incomings.map { ($0.key, $0.value) }, name: name) { inner in
            try build(inner).map { ($0.key, $0.value) }
        }
    }

    /// ``init(incomings:name:build:)`` with the names and layers as arrays of pairs.
    public init(namedIncomings incomings: [(key: String, value: Layer)], name: String? = nil,
                buildNamed build: ([String: InputLayer]) throws -> [(key: String, value: Layer)]) throws {
        let label = name ?? "Network"
        try Network.checkNames(incomings.map(\.key), kind: "input", network: label)
        if let name, name.contains("/") || name.contains(".") {
            throw LaminaError.invalidLayer(layer: name, detail: "a network's name may not contain '/' or '.'")
        }
        let inner = try incomings.map { try InputLayer(shape: $0.value.outputShape, name: $0.key) }
        let outputs = try build(Dictionary(uniqueKeysWithValues: zip(incomings.map(\.key), inner)))
        try Network.checkNames(outputs.map(\.key), kind: "output", network: label)
        let members = allLayers(of: outputs.map(\.value), treatAsInput: inner)
        let innerSet = Set(inner.map(ObjectIdentifier.init))
        for layer in members {
            if layer.enclosing != nil {
                throw LaminaError.invalidLayer(layer: label, detail: "layer \(layer.path) already belongs to another network; build a new one inside this network")
            }
            if layer.inputLayers.isEmpty && !innerSet.contains(ObjectIdentifier(layer)) {
                throw LaminaError.invalidLayer(layer: label, detail: "inner layers read \(layer.displayName), which is outside the network; pass it as a named input")
            }
        }
        inputNames = incomings.map(\.key)
        innerInputs = inner
        outputNames = outputs.map(\.key)
        outputLayers = outputs.map(\.value)
        layers = members
        try super.init(incomings: incomings.map(\.value), name: name)
        for layer in members { layer.enclosing = self }
        for layer in nestedLayers { layer.qualifyParameterNames() }
    }

    /// Throws unless `names` are non-empty, unique and free of `/` and `.`.
    private static func checkNames(_ names: [String], kind: String, network: String) throws {
        guard !names.isEmpty else {
            throw LaminaError.invalidLayer(layer: network, detail: "a network needs at least one \(kind)")
        }
        if let bad = names.first(where: { $0.isEmpty || $0.contains("/") || $0.contains(".") }) {
            throw LaminaError.invalidLayer(layer: network, detail: "\(kind) name '\(bad)' must be non-empty without '/' or '.'")
        }
        if let repeated = Dictionary(grouping: names, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            throw LaminaError.invalidLayer(layer: network, detail: "the \(kind) name '\(repeated)' is used twice")
        }
    }

    /// `"a/b/"` for a network named `b` inside one named `a`; empty when neither is named.
    var pathPrefix: String { (enclosing?.pathPrefix ?? "") + (name.map { "\($0)/" } ?? "") }

    /// Every layer inside, at any depth (a nested network and then its layers), inputs first.
    public var nestedLayers: [Layer] {
        layers.flatMap { layer in [layer] + ((layer as? Network)?.nestedLayers ?? []) }
    }

    /// The inner layer at `path`, relative to this network: names of nested
    /// named networks and then the layer's name, joined by `/` (`"decoder/lstm1"`).
    /// Layers inside unnamed nested networks are found as if they were direct members.
    /// - Throws: ``LaminaError/invalidArgument(function:detail:)`` naming the
    ///   first component that matches nothing, with the names available there.
    public func layer(at path: String) throws -> Layer {
        var network: Network = self
        let components = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        for (k, component) in components.enumerated() {
            let candidates = network.visibleMembers
            guard let found = candidates.first(where: { $0.name == component }) else {
                let names = candidates.compactMap(\.name).joined(separator: ", ")
                throw LaminaError.invalidArgument(function: "layer(at:)", detail: "\(displayName) has no layer '\(components[...k].joined(separator: "/"))'; names there: \(names)")
            }
            if k == components.count - 1 { return found }
            guard let next = found as? Network else {
                throw LaminaError.invalidArgument(function: "layer(at:)", detail: "'\(components[...k].joined(separator: "/"))' in \(displayName) is a \(type(of: found)), not a network, so it has no layer '\(components[k + 1])'")
            }
            network = next
        }
        return network
    }

    /// The members addressable by one path component: direct members, and the
    /// members of unnamed nested networks.
    private var visibleMembers: [Layer] {
        layers.flatMap { layer -> [Layer] in
            if let network = layer as? Network, network.name == nil { return [layer] + network.visibleMembers }
            return [layer]
        }
    }

    /// A layer whose output is the network's output named `name`, for layers
    /// built after the network (the first output is the network itself).
    /// - Throws: ``LaminaError/invalidArgument(function:detail:)`` for an unknown name.
    public func output(named name: String) throws -> Layer {
        guard let index = outputNames.firstIndex(of: name) else {
            throw LaminaError.invalidArgument(function: "output(named:)", detail: "\(displayName) has no output '\(name)'; its outputs: \(outputNames.joined(separator: ", "))")
        }
        // Not cached: a cached layer would hold the network that holds it.
        return index == 0 ? self : try NetworkOutputLayer(network: self, index: index)
    }

    /// The output shapes of every named output for `inputShapes` (one per incoming layer).
    public func outputShapes(for inputShapes: [[Int?]]) throws -> [[Int?]] {
        try Lamina.outputShape(of: outputLayers, inputShapes: Dictionary(uniqueKeysWithValues: zip(innerInputs as [Layer], inputShapes)))
    }

    open override func outputShape(for inputShapes: [[Int?]]) throws -> [Int?] {
        try outputShapes(for: inputShapes)[0]
    }

    /// The first output for the given inputs. ``output(of:inputs:deterministic:)-([Layer],_,_)``
    /// does not call this: it computes every named output and any tapped inner
    /// layer in one pass (and collects state updates) through the same inner graph.
    open override func output(for inputs: [Expr], deterministic: Bool) throws -> Expr {
        try Lamina.output(of: outputLayers[0], inputs: Dictionary(uniqueKeysWithValues: zip(innerInputs as [Layer], inputs)),
                          deterministic: deterministic)
    }

    open override func stateUpdates(for inputs: [Expr], deterministic: Bool) throws -> [(Shared, Expr)] {
        try outputsAndUpdates(of: outputLayers, inputs: Dictionary(uniqueKeysWithValues: zip(innerInputs as [Layer], inputs)),
                              deterministic: deterministic).updates
    }

    open override func parameters(tags: Set<ParameterTag> = [], excluding: Set<ParameterTag> = [], unwrapShared: Bool = true) -> [Expr] {
        unique(layersBreadthFirstThroughNesting(of: outputLayers, within: self)
            .flatMap { $0.parameters(tags: tags, excluding: excluding, unwrapShared: unwrapShared) })
    }
}
