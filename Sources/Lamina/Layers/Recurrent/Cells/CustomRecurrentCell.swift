import LaminaGraph
import LaminaTensor

/// The step of a ``CustomRecurrentLayer`` (and of the vanilla
/// ``RecurrentLayer``) as a cell, built from two layer sub-networks:
///
///     a_t = f_in(x_t),   p_t = a_t + f_hid(h_{t−1}),   h_t = σ(p_t)
///
/// f_in (`inputToHidden`) and f_hid (`hiddenToHidden`) are each rooted at
/// their own ``InputLayer``: f_in takes a step's input (batch, features…),
/// f_hid the previous state (batch, units…); both output (batch, units…).
/// The state is [h]; the internal value is p_t (``VariableRole/preactivation``).
/// Parameters: f_in's, then f_hid's (breadth first from each output), with their own names and tags; their
/// weights have the roles ``VariableRole/inputWeight`` and ``VariableRole/recurrentWeight``.
public final class CustomRecurrentCell: RecurrentCell, @unchecked Sendable {
    /// f_in, from a step's input to the hidden pre-activation.
    public let inputToHidden: Layer
    /// f_hid, from the previous state to the hidden pre-activation.
    public let hiddenToHidden: Layer
    /// σ, applied to the sum (`nil` for linear).
    public let nonlinearity: Nonlinearity?
    /// The shape of f_in's input without the batch axis.
    public let stepInputShape: [Int?]
    public let flattensFeatures: Bool
    public let parameters: [CellParameter]
    public let stateRoles: [VariableRole] = [.hidden]
    public let stateShapes: [[Int]]
    public let internalRoles: [VariableRole] = [.preactivation]
    private let inputToHiddenInput: InputLayer
    private let hiddenToHiddenInput: InputLayer
    /// The dense f_in whose product is taken over all steps at once (the vanilla layer), if any.
    private let denseInput: DenseLayer?

    /// - Parameters:
    ///   - inputToHidden: f_in, from (batch, features…) to (batch, units…).
    ///   - hiddenToHidden: f_hid, from (batch, units…) to (batch, units…).
    ///   - nonlinearity: σ (default rectify, Lasagne's).
    ///   - flattensFeatures: flatten several input feature axes into one before f_in.
    ///   - name: the name in error messages.
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` when a sub-network does not have exactly one
    ///   input layer, or the sub-networks' shapes do not fit each other.
    public convenience init(inputToHidden: Layer, hiddenToHidden: Layer, nonlinearity: Nonlinearity? = .rectify,
                            flattensFeatures: Bool = false, name: String? = nil) throws {
        try self.init(inputToHidden: inputToHidden, hiddenToHidden: hiddenToHidden, nonlinearity: nonlinearity,
                      flattensFeatures: flattensFeatures, denseInput: nil, label: name ?? "CustomRecurrentLayer")
    }

    init(inputToHidden: Layer, hiddenToHidden: Layer, nonlinearity: Nonlinearity?, flattensFeatures: Bool,
         denseInput: DenseLayer?, label: String) throws {
        func root(_ network: Layer, _ what: String) throws -> InputLayer {
            let inputs = allLayers(of: network).compactMap { $0 as? InputLayer }
            guard inputs.count == 1 else {
                throw LaminaError.invalidLayer(layer: label, detail: "\(what) must have exactly one InputLayer, found \(inputs.count)")
            }
            return inputs[0]
        }
        inputToHiddenInput = try root(inputToHidden, "inputToHidden")
        hiddenToHiddenInput = try root(hiddenToHidden, "hiddenToHidden")
        let inShape = try inputToHidden.outputShape, hidShape = try hiddenToHidden.outputShape
        let stateShape = Array(hidShape.dropFirst())
        guard stateShape.allSatisfy({ $0 != nil }) else {
            throw LaminaError.invalidLayer(layer: label, detail: "hiddenToHidden must output known sizes after the batch axis, got \(formatShapeSpec(hidShape))")
        }
        guard Array(hiddenToHiddenInput.shape.dropFirst()) == stateShape else {
            throw LaminaError.invalidLayer(layer: label, detail: "hiddenToHidden's input layer \(formatShapeSpec(hiddenToHiddenInput.shape)) and output \(formatShapeSpec(hidShape)) must have the same shape")
        }
        guard Array(inShape.dropFirst()) == stateShape else {
            throw LaminaError.invalidLayer(layer: label, detail: "inputToHidden outputs \(formatShapeSpec(inShape)) but hiddenToHidden outputs \(formatShapeSpec(hidShape)); they must agree")
        }
        self.inputToHidden = inputToHidden
        self.hiddenToHidden = hiddenToHidden
        self.nonlinearity = nonlinearity
        self.flattensFeatures = flattensFeatures
        self.denseInput = denseInput
        stepInputShape = Array(inputToHiddenInput.shape.dropFirst())
        stateShapes = [stateShape.map { $0! }]
        var params = CellParameters(prefix: nil, label: label)
        var seen = Set<ObjectIdentifier>()
        // A weight of f_in is an input weight, one of f_hid a recurrent weight (Lasagne's W_in_to_hid, W_hid_to_hid).
        for (network, weightRole) in [(inputToHidden, VariableRole.inputWeight), (hiddenToHidden, .recurrentWeight)] {
            for layer in layersBreadthFirst(of: [network]) {
                for param in layer.params where seen.insert(ObjectIdentifier(param.expr)).inserted {
                    let role = param.expr.annotations[Role.key] ?? Role.parameter
                    params.adopt(param.expr, name: param.expr.name ?? "parameter", role: role == Role.weight ? weightRole.name : role, tags: param.tags)
                }
            }
        }
        parameters = params.all
    }

    /// f_in(x) for one step (batch, features…).
    public func inputContribution(_ x: Expr, context: CellContext) throws -> Expr {
        try Lamina.output(of: inputToHidden, inputs: [inputToHiddenInput: x], deterministic: context.deterministic)
    }

    /// f_in over all steps at once: the time-major input (steps, batch, features…)
    /// is folded to (steps·batch, features…), passed through f_in, and unfolded
    /// (a dense f_in of the vanilla layer: x·W + b with one product).
    public func sequenceContribution(_ x: Expr, context: CellContext) throws -> Expr {
        if let denseInput {
            let product = try x.dot(denseInput.W)
            return try denseInput.b.map { try product + $0 } ?? product
        }
        let featureAxes = (2..<x.rank).map { ReshapeEntry.copy($0) }
        let folded = try x.reshape([.infer] + featureAxes)
        let y = try inputContribution(folded, context: context)
        let units = stateShapes[0].map { ReshapeEntry.size($0) }
        if let steps = x.shape[0] { return try y.reshape([.size(steps), .infer] + units) }
        // Steps known only at run time: unfold to the shape of a (steps, batch, units…) template.
        let firstFeature = try x.subtensor([.all, .all] + Array(repeating: SliceIndex.index(0), count: x.rank - 2))   // (steps, batch)
        let template = try firstFeature.dimshuffle([0, 1] + Array(repeating: nil, count: stateShapes[0].count))
            * Expr.constant(NDArray(zeros: [1, 1] + stateShapes[0], dtype: x.dtype))
        return try y.reshape(like: template)
    }

    public func step(contribution: Expr, states: [Expr], context: CellContext) throws -> RecurrentStep {
        let hidden = try Lamina.output(of: hiddenToHidden, inputs: [hiddenToHiddenInput: states[0]], deterministic: context.deterministic)
        let preactivation = try context.clipped(contribution + hidden)
        let h = try nonlinearity?(preactivation) ?? preactivation
        return RecurrentStep(states: [h], internals: [(.preactivation, preactivation)])
    }
}
