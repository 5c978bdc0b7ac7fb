import LaminaGraph
import LaminaTensor

/// A recurrent layer whose cell is built from layers (Lasagne's
/// `CustomRecurrentLayer`):
///
///     h_t = σ(f_in(x_t) + f_hid(h_{t−1}))
///
/// where f_in (`inputToHidden`) and f_hid (`hiddenToHidden`) are layer
/// sub-networks, each rooted at its own ``InputLayer``: f_in takes a step's
/// input (batch, features…) and f_hid the previous state (batch, units…);
/// both output (batch, units…). Their parameters are registered with this
/// layer (keeping their tags and names), so ``allParams(of:tags:excluding:order:)``
/// collects them; ``Layer/output(for:deterministic:)`` passes `deterministic`
/// into them.
///
/// Defaults (Lasagne's): σ = rectify, zero initial state not learned, the
/// loop defaults of ``RecurrentOptions``. Parameters, in order: `hid_init`
/// (1, units…), then f_in's and f_hid's parameters (breadth first from each
/// sub-network's output).
///
/// ```swift
/// let stepInput = try InputLayer(shape: [nil, 8])
/// let inToHid = try DenseLayer(incoming: stepInput, units: 16, nonlinearity: nil)
/// let hidInput = try InputLayer(shape: [nil, 16])
/// let hidToHid = try DenseLayer(incoming: hidInput, units: 16, b: nil, nonlinearity: nil)
/// let rnn = try CustomRecurrentLayer(incoming: sequence, inputToHidden: inToHid, hiddenToHidden: hidToHid,
///                                    nonlinearity: .tanh)
/// ```
open class CustomRecurrentLayer: RecurrentLayerBase, @unchecked Sendable {
    /// The sub-network from a step's input to the hidden pre-activation.
    public let inputToHidden: Layer
    /// The sub-network from the previous state to the hidden pre-activation.
    public let hiddenToHidden: Layer
    /// σ, applied to the sum (`nil` for linear).
    public let nonlinearity: Nonlinearity?
    private let inputToHiddenInput: InputLayer
    private let hiddenToHiddenInput: InputLayer

    /// - Parameters:
    ///   - incoming: the input, (batch, steps, features…), whose features fit `inputToHidden`'s input layer.
    ///   - inputToHidden: f_in, from (batch, features…) to (batch, units…).
    ///   - hiddenToHidden: f_hid, from (batch, units…) to (batch, units…).
    ///   - nonlinearity: σ (default rectify).
    ///   - hidInit: the initial state.
    ///   - mask: an optional (batch, steps) layer, nonzero on real steps.
    ///   - options: the loop flags.
    ///   - flattensFeatures: flatten several input feature axes into one before `inputToHidden`.
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` when a sub-network does not have exactly one
    ///   input layer, or the sub-networks' shapes do not fit the input or each other.
    public init(incoming: Layer, inputToHidden: Layer, hiddenToHidden: Layer, nonlinearity: Nonlinearity? = .rectify,
                hidInit: InitialState = .zeros, mask: Layer? = nil, options: RecurrentOptions = RecurrentOptions(),
                flattensFeatures: Bool = false, name: String? = nil) throws {
        let label = name ?? "CustomRecurrentLayer"
        func root(_ network: Layer, _ what: String) throws -> InputLayer {
            let inputs = allLayers(of: network).compactMap { $0 as? InputLayer }
            guard inputs.count == 1 else {
                throw LaminaError.invalidLayer(layer: label, detail: "\(what) must have exactly one InputLayer, found \(inputs.count)")
            }
            return inputs[0]
        }
        inputToHiddenInput = try root(inputToHidden, "inputToHidden")
        hiddenToHiddenInput = try root(hiddenToHidden, "hiddenToHidden")
        let input = try incoming.outputShape
        let inShape = try inputToHidden.outputShape, hidShape = try hiddenToHidden.outputShape
        let features: [Int?] = input.count >= 3 && flattensFeatures
            ? [input[2...].contains(nil) ? nil : input[2...].reduce(1) { $0 * $1! }] : Array(input.dropFirst(2))
        guard input.count >= 3, features == Array(inputToHiddenInput.shape.dropFirst()) else {
            throw LaminaError.invalidLayer(layer: label, detail: "the input's features \(formatShapeSpec(Array(input.dropFirst(2)))) (input \(formatShapeSpec(input))) do not fit inputToHidden's input layer \(formatShapeSpec(inputToHiddenInput.shape))")
        }
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
        try super.init(incoming: incoming, mask: mask, states: [(Role.hidden, "hid_init", stateShape.map { $0! }, hidInit)],
                       options: options, flattensFeatures: flattensFeatures, name: name)
        try registerInitialStates()
        // The sub-networks' parameters, with their own tags and names.
        var seen = Set<ObjectIdentifier>()
        for layer in layersBreadthFirst(of: [inputToHidden]) + layersBreadthFirst(of: [hiddenToHidden]) {
            for param in layer.params where seen.insert(ObjectIdentifier(param.expr)).inserted {
                try addParam(param.expr, shape: param.expr.shape.map { $0 ?? 1 }, name: param.expr.name ?? "parameter",
                             role: param.expr.annotations[Role.key] ?? Role.parameter, tags: param.tags)
            }
        }
    }

    /// f_in(x) for one step (batch, features…).
    public override func inputContribution(_ x: Expr, deterministic: Bool) throws -> Expr {
        try Lamina.output(of: inputToHidden, inputs: [inputToHiddenInput: x], deterministic: deterministic)
    }

    /// f_in over all steps at once: the time-major input (steps, batch, features…)
    /// is folded to (steps·batch, features…), passed through f_in, and unfolded.
    public override func sequenceContribution(_ x: Expr, deterministic: Bool) throws -> Expr {
        let featureAxes = (2..<x.rank).map { ReshapeEntry.copy($0) }
        let folded = try x.reshape([.infer] + featureAxes)
        let y = try inputContribution(folded, deterministic: deterministic)
        let units = stateShapes[0].map { ReshapeEntry.size($0) }
        if let steps = x.shape[0] { return try y.reshape([.size(steps), .infer] + units) }
        // Steps known only at run time: unfold to the shape of a (steps, batch, units…) template.
        let firstFeature = try x.subtensor([.all, .all] + Array(repeating: SliceIndex.index(0), count: x.rank - 2))   // (steps, batch)
        let template = try firstFeature.dimshuffle([0, 1] + Array(repeating: nil, count: stateShapes[0].count))
            * Expr.constant(NDArray(zeros: [1, 1] + stateShapes[0], dtype: x.dtype))
        return try y.reshape(like: template)
    }

    public override var internalRoles: [String] { [Role.preactivation] }

    public override func step(contribution: Expr, states: [Expr], deterministic: Bool) throws -> RecurrentStep {
        let hidden = try Lamina.output(of: hiddenToHidden, inputs: [hiddenToHiddenInput: states[0]], deterministic: deterministic)
        var preactivation = try contribution + hidden
        if options.gradientClipping > 0 {
            preactivation = try preactivation.gradientClipped(-options.gradientClipping, options.gradientClipping)
        }
        let h = try nonlinearity?(preactivation) ?? preactivation
        return RecurrentStep(states: [h], internals: [(Role.preactivation, preactivation)])
    }
}
