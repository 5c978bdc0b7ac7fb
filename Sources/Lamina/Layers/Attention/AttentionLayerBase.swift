import LaminaGraph

/// What attention layers share: incoming query, key and value layers (the
/// key and value may be the same layer) and an optional key-padding mask,
/// all batch-major. The attention weights of a pass are annotated with the
/// layer's path and ``VariableRole/attentionWeights``, so that
/// ``AttentionWeightsLayer`` (or a ``VariableFilter``) finds them in the graph of the output.
///
/// Inputs: query (batch, queries, features_q), key (batch, keys, features_k),
/// value (batch, keys, features_v) and mask (batch, keys), nonzero for a real
/// key step. A masked key gets weight exactly 0; a query whose keys are all
/// masked gets the zero vector as its attention output (see ``maskedSoftmax(_:keep:)``).
open class AttentionLayerBase: MergeLayer, @unchecked Sendable {
    /// The position in ``Layer/inputLayers`` of the key-padding mask, if any.
    public let maskIndex: Int?
    /// Whether a query at step i may attend only to keys at steps j ≤ i.
    public let causal: Bool

    /// - Parameters:
    ///   - query: the layer of queries, (batch, queries, features).
    ///   - key: the layer of keys, (batch, keys, features).
    ///   - value: the layer of values, (batch, keys, features); `nil` to use the keys.
    ///   - mask: a key-padding mask layer, (batch, keys), nonzero for real steps, or `nil`.
    ///   - causal: mask key j > query i.
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` when a shape does not fit.
    public init(query: Layer, key: Layer, value: Layer?, mask: Layer?, causal: Bool, name: String?) throws {
        self.causal = causal
        maskIndex = mask == nil ? nil : 3
        try super.init(incomings: [query, key, value ?? key] + (mask.map { [$0] } ?? []), name: name)
        _ = try Self.featureSizes(shapes: inputShapes, layer: displayName)
    }

    /// The query, key and value feature sizes for incoming layers that fit an
    /// attention layer, before the layer exists (so that a subclass can make
    /// its parameters before `super.init`).
    /// - Parameter layer: the layer's name in error messages.
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` when a shape does not fit.
    public static func featureSizes(query: Layer, key: Layer, value: Layer?, mask: Layer?, layer: String) throws
        -> (query: Int, key: Int, value: Int) {
        try featureSizes(shapes: try ([query, key, value ?? key] + (mask.map { [$0] } ?? [])).map { try $0.outputShape }, layer: layer)
    }

    /// The attention input rule over the shapes of query, key, value and (optionally) mask.
    private static func featureSizes(shapes: [[Int?]], layer: String) throws -> (query: Int, key: Int, value: Int) {
        for (shape, what) in zip(shapes.prefix(3), ["query", "key", "value"]) where shape.count != 3 || shape[2] == nil {
            throw LaminaError.invalidLayer(layer: layer, detail: "the \(what) must be (batch, steps, features) with a known feature size, got \(formatShapeSpec(shape))")
        }
        let (key, value) = (shapes[1], shapes[2])
        guard key[1] == nil || value[1] == nil || key[1] == value[1] else {
            throw LaminaError.invalidLayer(layer: layer, detail: "the key has \(key[1]!) steps and the value \(value[1]!); they must have the same")
        }
        if shapes.count > 3 {
            let shape = shapes[3]
            guard shape.count == 2, shape[1] == nil || key[1] == nil || shape[1] == key[1] else {
                throw LaminaError.invalidLayer(layer: layer, detail: "the mask must be (batch, keys) = \(formatShapeSpec([nil, key[1]])), got \(formatShapeSpec(shape))")
            }
        }
        return (shapes[0][2]!, key[2]!, value[2]!)
    }

    /// The query feature size.
    public var queryFeatures: Int { inputShapes[0][2]! }
    /// The key feature size.
    public var keyFeatures: Int { inputShapes[1][2]! }
    /// The value feature size.
    public var valueFeatures: Int { inputShapes[2][2]! }

    /// The attention output and weights for the query, key, value (and mask)
    /// expressions. Subclasses override this, not ``Layer/output(for:deterministic:)``.
    open func attention(query: Expr, key: Expr, value: Expr, mask: Expr?, deterministic: Bool) throws -> AttentionResult {
        throw LaminaError.invalidLayer(layer: displayName, detail: "\(type(of: self)) does not override attention(query:key:value:mask:deterministic:)")
    }

    /// The shape of the attention weights for the input shapes captured at construction.
    open var weightsShape: [Int?] { [inputShapes[0][0], inputShapes[0][1], inputShapes[1][1]] }

    public override func output(for inputs: [Expr], deterministic: Bool) throws -> Expr {
        let result = try attention(query: inputs[0], key: inputs[1], value: inputs[2], mask: maskIndex.map { inputs[$0] },
                                   deterministic: deterministic)
        Role.annotate(result.weights, layer: path, role: Role.attentionWeights)
        return result.output
    }

    /// The output and the attention weights, as ``VariableFilter/values(of:in:order:)`` finds them.
    open override var valueRoles: [VariableRole] { [.output, .attentionWeights] }

    /// The attention weights of the pass that produced `output` (this layer's
    /// output from a pass of ``output(of:inputs:deterministic:)``), found
    /// through the graph, not remembered: the one value of `output`'s graph
    /// that this layer annotated as its weights; `nil` when there is none (this
    /// layer did not compute `output`) or several (`output` was computed from an older output of this layer).
    public func attentionWeights(producing output: Expr) -> Expr? {
        let found = VariableFilter(roles: [.attentionWeights], layers: [self]).values(of: [self], in: [output])
        return found.count == 1 ? found[0].value : nil
    }
}
