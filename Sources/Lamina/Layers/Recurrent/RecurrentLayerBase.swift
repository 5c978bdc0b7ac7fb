import Foundation
import LaminaGraph
import LaminaTensor

/// What recurrent layers share: the incoming layers (input, optional mask,
/// optional initial-state layers), the initial-state parameters, the loop
/// flags (``RecurrentOptions``), and the loop itself. A subclass supplies only
/// its cell: the input contribution x·W_in + b and one step.
///
/// Inputs are batch major, (batch, steps, features…); the output is
/// (batch, steps, units…), or (batch, units…) with
/// ``RecurrentOptions/onlyReturnFinal``. A mask of shape (batch, steps)
/// marks real steps with nonzero values; on a padded step (mask 0) every
/// state is carried forward unchanged.
///
/// The step comes from a ``RecurrentCell`` given to
/// ``init(incoming:cell:mask:initialStates:options:initialStatesFirst:name:)``
/// (what ``RecurrenceLayer``, ``LSTMLayer``, ``GRULayer`` and
/// ``CustomRecurrentLayer`` do). A subclass may instead use the other
/// initializer and override ``inputContribution(_:deterministic:)`` and
/// ``step(contribution:states:deterministic:)``, then call
/// ``registerInitialStates()`` at the end of its initializer.
open class RecurrentLayerBase: MergeLayer, @unchecked Sendable {
    /// The loop flags.
    public let options: RecurrentOptions
    /// The role of each state, in loop order (``VariableRole/hidden``; the LSTM has ``VariableRole/cell`` first).
    public let stateRoles: [VariableRole]
    /// The shape of each state without the batch axis.
    public let stateShapes: [[Int]]
    /// The position in ``Layer/inputLayers`` of the mask layer, if any.
    public let maskIndex: Int?
    /// Per state: the position in ``Layer/inputLayers`` of its initial-state layer, if it comes from a layer.
    public let initialStateIndices: [Int?]
    /// The positions in ``Layer/inputLayers`` of the context layers (values every step reads, ``CellContext/contexts``).
    public let contextIndices: [Int]
    /// Per state: the initial-state parameter (1, units…), if it is a parameter.
    public private(set) var initialStateParams: [Expr?]
    /// Whether inputs with several feature axes are flattened to one (built-in cells);
    /// a custom cell's sub-network takes them as they are.
    let flattensFeatures: Bool
    /// The cell the loop runs, when the layer was built from one.
    public let recurrentCell: (any RecurrentCell)?
    private let initialStateSpecs: [(name: String, spec: InitialState)]
    /// With ``RecurrentOptions/stateful``: per state, the shared variable (batch, units…)
    /// that holds it between calls; empty otherwise.
    public private(set) var carriedStates: [Shared] = []

    /// - Parameters:
    ///   - incoming: the input layer, (batch, steps, features…).
    ///   - mask: an optional layer of shape (batch, steps): nonzero for real steps.
    ///   - states: per state, in loop order: its role, its parameter name (`"hid_init"`), its shape
    ///     without the batch axis, and where its initial value comes from.
    ///   - options: the loop flags.
    ///   - flattensFeatures: flatten several feature axes into one.
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` for inputs of the wrong rank, a mask or
    ///   initial-state layer whose shape does not fit, or flags that cannot go together.
    public init(incoming: Layer, mask: Layer?, states: [(role: VariableRole, name: String, shape: [Int], initial: InitialState)],
                options: RecurrentOptions, flattensFeatures: Bool = true, name: String?) throws {
        let wiring = Self.wiring(incoming: incoming, mask: mask, initial: states.map(\.initial), contexts: [])
        maskIndex = wiring.maskIndex
        initialStateIndices = wiring.indices
        contextIndices = []
        stateRoles = states.map(\.role)
        stateShapes = states.map(\.shape)
        initialStateSpecs = states.map { ($0.name, $0.initial) }
        initialStateParams = Array(repeating: nil, count: states.count)
        self.options = options
        self.flattensFeatures = flattensFeatures
        recurrentCell = nil
        try super.init(incomings: wiring.incomings, name: name)
        try validateShapes()
        try makeCarriedStates()
    }

    /// A layer that runs `cell` in a loop (Keras' `RNN(cell)`): it registers
    /// the cell's parameters, then the initial-state parameters (`hid_init`,
    /// `cell_init`, `<role>_init`), so nothing is left for a subclass to do.
    /// - Parameters:
    ///   - incoming: the input layer, (batch, steps, features…).
    ///   - cell: the step; build it with this layer's name so that its parameters are named `"name.W…"`.
    ///   - mask: an optional layer of shape (batch, steps): nonzero for real steps.
    ///   - initialStates: per cell state, in ``RecurrentCell/stateRoles`` order, where its initial value comes from.
    ///   - contexts: layers whose outputs every step reads unchanged (``CellContext/contexts``).
    ///   - options: the loop flags.
    ///   - initialStatesFirst: register the initial-state parameters before the cell's (``CustomRecurrentLayer``'s order).
    ///   - name: the layer's name.
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` for a wrong number of initial states, inputs of the
    ///   wrong rank or features, a mask or initial-state layer whose shape does not fit, or flags that cannot go together.
    public init(incoming: Layer, cell: any RecurrentCell, mask: Layer? = nil, initialStates: [InitialState], contexts: [Layer] = [],
                options: RecurrentOptions = RecurrentOptions(), initialStatesFirst: Bool = false, name: String? = nil) throws {
        let label = name ?? String(describing: Self.self)
        guard initialStates.count == cell.stateRoles.count else {
            throw LaminaError.invalidLayer(layer: label, detail: "the cell has \(cell.stateRoles.count) states (\(cell.stateRoles.map(\.name).joined(separator: ", "))) but \(initialStates.count) initial states were given")
        }
        let wiring = Self.wiring(incoming: incoming, mask: mask, initial: initialStates, contexts: contexts)
        maskIndex = wiring.maskIndex
        initialStateIndices = wiring.indices
        contextIndices = wiring.contexts
        stateRoles = cell.stateRoles
        stateShapes = cell.stateShapes
        initialStateSpecs = zip(cell.stateRoles, initialStates).map { (initialStateName(role: $0.0.name), $0.1) }
        initialStateParams = Array(repeating: nil, count: initialStates.count)
        self.options = options
        flattensFeatures = cell.flattensFeatures
        recurrentCell = cell
        try super.init(incomings: wiring.incomings, name: name)
        try validateShapes()
        try makeCarriedStates()
        if let size = cell.stepInputSize {
            let features = inputShapes[0].dropFirst(2)
            if !features.contains(nil), features.reduce(1, { $0 * $1! }) != size {
                throw LaminaError.invalidLayer(layer: displayName, detail: "the cell reads \(size) features per step but the input \(formatShapeSpec(inputShapes[0])) has \(features.reduce(1) { $0 * $1! })")
            }
        }
        if initialStatesFirst { try registerInitialStates() }
        registerParameters(cell.parameters)
        if !initialStatesFirst { try registerInitialStates() }
    }

    /// The incoming layers (input, mask, initial-state layers) and where the mask and each initial-state layer sit.
    private static func wiring(incoming: Layer, mask: Layer?, initial: [InitialState], contexts: [Layer])
        -> (incomings: [Layer], maskIndex: Int?, indices: [Int?], contexts: [Int]) {
        var incomings = [incoming]
        if let mask { incomings.append(mask) }
        var indices: [Int?] = []
        for spec in initial {
            if case .layer(let layer) = spec {
                indices.append(incomings.count)
                incomings.append(layer)
            } else {
                indices.append(nil)
            }
        }
        let contextIndices = Array(incomings.count ..< incomings.count + contexts.count)
        return (incomings + contexts, mask == nil ? nil : 1, indices, contextIndices)
    }

    private func validateShapes() throws {
        let input = inputShapes[0]
        try Self.checkSequenceInput(input, layer: displayName)
        if let maskIndex {
            let mask = inputShapes[maskIndex]
            let fits = mask.count == 2 && zip(mask, input.prefix(2)).allSatisfy { $0.0 == nil || $0.1 == nil || $0.0 == $0.1 }
            guard fits else {
                throw LaminaError.invalidLayer(layer: displayName, detail: "the mask must have shape (batch, steps) = \(formatShapeSpec(Array(input.prefix(2)))), got \(formatShapeSpec(mask))")
            }
        }
        for (k, index) in initialStateIndices.enumerated() {
            guard let index else { continue }
            let shape = inputShapes[index]
            let expected: [Int?] = [input[0]] + stateShapes[k].map { $0 }
            let fits = shape.count == expected.count && zip(shape, expected).allSatisfy { $0.0 == nil || $0.1 == nil || $0.0 == $0.1 }
            guard fits else {
                throw LaminaError.invalidLayer(layer: displayName, detail: "the initial \(stateRoles[k]) state layer \(inputLayers[index].displayName) must output \(formatShapeSpec(expected)), got \(formatShapeSpec(shape))")
            }
        }
        if let steps = options.gradientSteps, steps < 1 {
            throw LaminaError.invalidLayer(layer: displayName, detail: "gradientSteps must be at least 1 (or nil for full backpropagation through time), got \(steps)")
        }
        guard options.gradientClipping >= 0 else {
            throw LaminaError.invalidLayer(layer: displayName, detail: "gradientClipping must be ≥ 0 (0 turns it off), got \(options.gradientClipping)")
        }
        if options.unrollScan {
            guard options.gradientSteps == nil else {
                throw LaminaError.invalidLayer(layer: displayName, detail: "unrollScan needs full backpropagation through time; set gradientSteps to nil or turn unrolling off")
            }
            guard input[1] != nil else {
                throw LaminaError.invalidLayer(layer: displayName, detail: "unrollScan needs the number of steps in the input shape, got \(formatShapeSpec(input)); give the InputLayer a fixed sequence length")
            }
        }
    }

    /// With ``RecurrentOptions/stateful``, the shared variables that carry the states, zeros.
    private func makeCarriedStates() throws {
        guard options.stateful else { return }
        guard let batch = inputShapes[0][0] else {
            throw LaminaError.invalidLayer(layer: displayName, detail: "stateful needs a batch size fixed in the input shape, got \(formatShapeSpec(inputShapes[0])); give the InputLayer a batch size")
        }
        guard initialStateIndices.allSatisfy({ $0 == nil }) else {
            throw LaminaError.invalidLayer(layer: displayName, detail: "a stateful layer carries its own initial states; do not give initial states as layers")
        }
        carriedStates = zip(stateRoles, stateShapes).map { role, shape in
            Shared(NDArray(zeros: [batch] + shape, dtype: LayerDefaults.floatX), name: "\(displayName).\(role.name)_carried")
        }
    }

    /// Sets the carried states of a stateful layer back to zeros (Keras' `reset_states`);
    /// does nothing for a layer that is not stateful.
    public func resetStates() throws {
        for state in carriedStates { try state.setValue(NDArray(zeros: state.value.shape, dtype: state.value.dtype)) }
    }

    /// With ``RecurrentOptions/stateful``: each carried state's update to its
    /// final value, read from the loop that computed `output` (this layer's
    /// output from `inputs` in the same pass).
    open override func stateUpdates(for inputs: [Expr], output: Expr, deterministic: Bool) throws -> [(Shared, Expr)] {
        guard options.stateful else { return [] }
        guard let outputs = recurrentOutputs(producing: output) else {
            throw LaminaError.invalidLayer(layer: displayName, detail: "the state updates of a stateful layer come from a pass that computes its output; use outputsAndUpdates(of:)")
        }
        return zip(carriedStates, stateRoles).map { ($0, outputs.finalStates[$1]!) }
    }

    /// A stateful layer's updates need its output: they come from
    /// ``stateUpdates(for:output:deterministic:)``, which ``outputsAndUpdates(of:inputs:deterministic:)`` calls.
    open override func stateUpdates(for inputs: [Expr], deterministic: Bool) throws -> [(Shared, Expr)] {
        guard options.stateful else { return [] }
        throw LaminaError.invalidLayer(layer: displayName, detail: "the state updates of a stateful layer come from a pass that computes its output; use outputsAndUpdates(of:)")
    }

    /// Registers the initial-state parameters (those not given as layers) as
    /// `"hid_init"`-style parameters of shape (1, units…), trainable only with
    /// ``RecurrentOptions/learnInit``, never regularizable. Call it once, at
    /// the end of a subclass's initializer.
    public final func registerInitialStates() throws {
        for (k, (name, spec)) in initialStateSpecs.enumerated() {
            guard case .value(let source) = spec else { continue }
            initialStateParams[k] = try addParam(source, shape: [1] + stateShapes[k], name: name, role: Role.initialState,
                                                 tags: options.learnInit ? [.trainable] : [])
        }
    }

    /// The index of the state the layer outputs (``VariableRole/hidden``).
    public var outputStateIndex: Int { recurrentCell?.outputStateIndex ?? stateRoles.firstIndex(of: .hidden) ?? stateRoles.count - 1 }

    /// The output, the states and the internal values: what ``RecurrentTapLayer`` and
    /// ``VariableFilter/values(of:in:order:)`` find in a pass's graph.
    open override var valueRoles: [VariableRole] { [.output] + stateRoles + internalRoles }

    public override func outputShape(for inputShapes: [[Int?]]) throws -> [Int?] {
        let input = inputShapes[0]
        let units = stateShapes[outputStateIndex].map { Optional($0) }
        return options.onlyReturnFinal ? [input[0]] + units : [input[0], input[1]] + units
    }

    // MARK: The cell (overridden by subclasses)

    /// The roles of the internal values each step reports, in order
    /// (gate activations; see ``RecurrentStep/internals``).
    open var internalRoles: [VariableRole] { recurrentCell?.internalRoles ?? [] }

    /// The input's contribution to the pre-activations, x·W_in + b, for
    /// inputs of any leading axes: (steps, batch, features) before the loop
    /// or (batch, features) inside a step.
    open func inputContribution(_ x: Expr, deterministic: Bool) throws -> Expr {
        if let recurrentCell { return try recurrentCell.inputContribution(x, context: cellContext(deterministic: deterministic)) }
        throw LaminaError.invalidLayer(layer: displayName, detail: "\(type(of: self)) does not override inputContribution(_:deterministic:)")
    }

    /// The contribution of a whole time-major sequence (steps, batch, features…);
    /// by default ``inputContribution(_:deterministic:)`` applied to it.
    open func sequenceContribution(_ x: Expr, deterministic: Bool) throws -> Expr {
        if let recurrentCell { return try recurrentCell.sequenceContribution(x, context: cellContext(deterministic: deterministic)) }
        return try inputContribution(x, deterministic: deterministic)
    }

    /// One step of the cell: the new states (in ``stateRoles`` order) from
    /// the step's input contribution (batch, …) and the previous states.
    open func step(contribution: Expr, states: [Expr], deterministic: Bool) throws -> RecurrentStep {
        if let recurrentCell { return try recurrentCell.step(contribution: contribution, states: states, context: cellContext(deterministic: deterministic)) }
        throw LaminaError.invalidLayer(layer: displayName, detail: "\(type(of: self)) does not override step(contribution:states:deterministic:)")
    }

    // MARK: One step on its own

    /// One step of the cell outside the loop, for sampling one step at a
    /// time: the states after reading `input`.
    ///
    /// ```swift
    /// let x = Expr.input("x", shape: [nil, 65])
    /// let h = Expr.input("h", shape: [nil, 128]), c = Expr.input("c", shape: [nil, 128])
    /// let next = try lstm.step(input: x, states: [c, h])     // next.states = [c_t, h_t]
    /// let sample = try function(inputs: [x, c, h], outputs: next.states)
    /// ```
    /// - Parameters:
    ///   - input: the step's input, (batch, features…).
    ///   - states: the previous states, each (batch, units…), in ``stateRoles`` order.
    ///   - mask: an optional (batch,) mask: where it is 0 the previous states are returned.
    ///   - contexts: the values of the context layers (an attention decoder's encoder states and mask).
    ///   - deterministic: turn dropout off.
    /// - Returns: the new states and the internal values, annotated with this layer and their roles.
    /// - Throws: ``LaminaError/invalidArgument(function:detail:)`` for the wrong number of states.
    public func step(input: Expr, states: [Expr], mask: Expr? = nil, contexts: [Expr] = [], deterministic: Bool = false) throws -> RecurrentStep {
        guard states.count == stateRoles.count else {
            throw LaminaError.invalidArgument(function: "\(displayName).step", detail: "expects \(stateRoles.count) states (\(stateRoles.map(\.name).joined(separator: ", "))), got \(states.count)")
        }
        var x = input
        if flattensFeatures && x.rank > 2 { x = try x.flatten(ndim: 2) }
        guard contexts.count == contextIndices.count else {
            throw LaminaError.invalidArgument(function: "\(displayName).step", detail: "expects \(contextIndices.count) context values (the outputs of \(contextIndices.map { inputLayers[$0].displayName }.joined(separator: ", "))), got \(contexts.count)")
        }
        let context = try passContext(ones: batchOnes(x), contexts: contexts, deterministic: deterministic)
        let contribution = try self.contribution(of: x, sequence: false, context: context)
        return try maskedStep(contribution: contribution, states: states, mask: mask.map { try $0.dimshuffle([0, nil]) }, context: context)
    }

    /// The initial states for a batch like `input` (batch, …): each parameter
    /// repeated over the batch (a state that comes from a layer must be given by the caller).
    /// - Throws: ``LaminaError/invalidArgument(function:detail:)`` when a state comes from a layer.
    public func initialStates(batchLike input: Expr) throws -> [Expr] {
        let ones = try batchOnes(input)
        return try initialStateParams.enumerated().map { k, param in
            guard let param else {
                throw LaminaError.invalidArgument(function: "\(displayName).initialStates", detail: "the initial \(stateRoles[k]) state comes from the layer \(inputLayers[initialStateIndices[k]!].displayName); compute that layer's output instead")
            }
            return try tile(param, ones: ones)
        }
    }

    /// What the cell's step is told: `deterministic` and the gradient clipping of ``options``.
    public func cellContext(deterministic: Bool) -> CellContext {
        CellContext(deterministic: deterministic, gradientClipping: options.gradientClipping)
    }

    /// The context of one pass over a batch like `ones` (batch, 1): with the cell's per-sequence
    /// masks and the context layers' outputs, prepared by the cell.
    func passContext(ones: Expr, contexts: [Expr], deterministic: Bool) throws -> CellContext {
        var context = cellContext(deterministic: deterministic)
        guard let recurrentCell else { return context }
        if case let masks = try recurrentCell.sequenceMasks(ones: ones, context: context), !masks.isEmpty { context.sequenceMasks = masks }
        context.contexts = contexts
        return try recurrentCell.prepared(context)
    }

    /// The contribution of one step's input, or of a whole time-major sequence: the cell's, or the subclass's.
    func contribution(of x: Expr, sequence: Bool, context: CellContext) throws -> Expr {
        if let recurrentCell {
            return sequence ? try recurrentCell.sequenceContribution(x, context: context) : try recurrentCell.inputContribution(x, context: context)
        }
        return sequence ? try sequenceContribution(x, deterministic: context.deterministic) : try inputContribution(x, deterministic: context.deterministic)
    }

    /// The step followed by the mask: where `mask` (batch, 1) is 0, the previous states.
    func maskedStep(contribution: Expr, states: [Expr], mask: Expr?, context: CellContext) throws -> RecurrentStep {
        let result = try recurrentCell?.step(contribution: contribution, states: states, context: context)
            ?? step(contribution: contribution, states: states, deterministic: context.deterministic)
        guard result.states.count == states.count else {
            throw LaminaError.invalidLayer(layer: displayName, detail: "the cell returned \(result.states.count) states for \(states.count)")
        }
        var next = result.states
        if let mask {
            next = try zip(next, states).map { new, previous in
                let m = new.rank > mask.rank ? try mask.dimshuffle(Array(0..<mask.rank).map { $0 } + Array(repeating: nil, count: new.rank - mask.rank)) : mask
                return try Expr.select(m, new, previous)
            }
        }
        for (state, role) in zip(next, stateRoles) { Role.annotate(state, layer: path, role: role.name) }
        for (role, value) in result.internals { Role.annotate(value, layer: path, role: role.name) }
        return RecurrentStep(states: next, internals: result.internals)
    }

    /// Ones of shape (batch, 1) for a batch-major `x` (batch, …), the unit axis declared of size 1.
    func batchOnes(_ x: Expr) throws -> Expr {
        let first = try x.subtensor([.all] + Array(repeating: SliceIndex.index(0), count: x.rank - 1))   // (batch,)
        return try first.dimshuffle([0, nil]).filledLike(1)
    }

    /// `param` (1, units…) repeated over the batch: ones (batch, 1, …) · param.
    func tile(_ param: Expr, ones: Expr) throws -> Expr {
        let expanded = param.rank > 2 ? try ones.dimshuffle([0, 1] + Array(repeating: nil, count: param.rank - 2)) : ones
        return try expanded * param
    }

    // MARK: Output

    public override func output(for inputs: [Expr], deterministic: Bool) throws -> Expr {
        try recurrentOutputs(for: inputs, deterministic: deterministic).output
    }
}
