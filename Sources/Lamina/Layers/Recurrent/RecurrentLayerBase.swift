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
/// To write a cell, subclass and override ``inputContribution(_:deterministic:)``
/// and ``step(contribution:states:deterministic:)``, then call
/// ``registerInitialStates()`` at the end of the initializer (after the
/// cell's own parameters, as Lasagne orders them).
open class RecurrentLayerBase: MergeLayer, @unchecked Sendable {
    /// The loop flags.
    public let options: RecurrentOptions
    /// The role of each state, in loop order (``Role/hidden``; the LSTM has ``Role/cell`` first).
    public let stateRoles: [String]
    /// The shape of each state without the batch axis.
    public let stateShapes: [[Int]]
    /// The position in ``Layer/inputLayers`` of the mask layer, if any.
    public let maskIndex: Int?
    /// Per state: the position in ``Layer/inputLayers`` of its initial-state layer, if it comes from a layer.
    public let initialStateIndices: [Int?]
    /// Per state: the initial-state parameter (1, units…), if it is a parameter.
    public private(set) var initialStateParams: [Expr?]
    /// Whether inputs with several feature axes are flattened to one (built-in cells);
    /// a custom cell's sub-network takes them as they are.
    let flattensFeatures: Bool
    private let initialStateSpecs: [(name: String, spec: InitialState)]
    private let producedLock = NSLock()
    private var produced: [(output: Expr, outputs: RecurrentOutputs)] = []

    /// - Parameters:
    ///   - incoming: the input layer, (batch, steps, features…).
    ///   - mask: an optional layer of shape (batch, steps): nonzero for real steps.
    ///   - states: per state, in loop order: its role, its parameter name (`"hid_init"`), its shape
    ///     without the batch axis, and where its initial value comes from.
    ///   - options: the loop flags.
    ///   - flattensFeatures: flatten several feature axes into one.
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` for inputs of the wrong rank, a mask or
    ///   initial-state layer whose shape does not fit, or flags that cannot go together.
    public init(incoming: Layer, mask: Layer?, states: [(role: String, name: String, shape: [Int], initial: InitialState)],
                options: RecurrentOptions, flattensFeatures: Bool = true, name: String?) throws {
        var incomings = [incoming]
        if let mask { incomings.append(mask) }
        maskIndex = mask == nil ? nil : 1
        var indices: [Int?] = []
        for state in states {
            if case .layer(let layer) = state.initial {
                indices.append(incomings.count)
                incomings.append(layer)
            } else {
                indices.append(nil)
            }
        }
        initialStateIndices = indices
        stateRoles = states.map(\.role)
        stateShapes = states.map(\.shape)
        initialStateSpecs = states.map { ($0.name, $0.initial) }
        initialStateParams = Array(repeating: nil, count: states.count)
        self.options = options
        self.flattensFeatures = flattensFeatures
        try super.init(incomings: incomings, name: name)
        try validateShapes()
    }

    private func validateShapes() throws {
        let input = inputShapes[0]
        guard input.count >= 3 else {
            throw LaminaError.invalidLayer(layer: displayName, detail: "needs an input of shape (batch, steps, features…), got \(formatShapeSpec(input))")
        }
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

    /// The index of the state the layer outputs (``Role/hidden``).
    public var outputStateIndex: Int { stateRoles.firstIndex(of: Role.hidden) ?? stateRoles.count - 1 }

    public override func outputShape(for inputShapes: [[Int?]]) throws -> [Int?] {
        let input = inputShapes[0]
        let units = stateShapes[outputStateIndex].map { Optional($0) }
        return options.onlyReturnFinal ? [input[0]] + units : [input[0], input[1]] + units
    }

    // MARK: The cell (overridden by subclasses)

    /// The roles of the internal values each step reports, in order
    /// (gate activations; see ``RecurrentStep/internals``).
    open var internalRoles: [String] { [] }

    /// The input's contribution to the pre-activations, x·W_in + b, for
    /// inputs of any leading axes: (steps, batch, features) before the loop
    /// or (batch, features) inside a step.
    open func inputContribution(_ x: Expr, deterministic: Bool) throws -> Expr {
        throw LaminaError.invalidLayer(layer: displayName, detail: "\(type(of: self)) does not override inputContribution(_:deterministic:)")
    }

    /// The contribution of a whole time-major sequence (steps, batch, features…);
    /// by default ``inputContribution(_:deterministic:)`` applied to it.
    open func sequenceContribution(_ x: Expr, deterministic: Bool) throws -> Expr {
        try inputContribution(x, deterministic: deterministic)
    }

    /// One step of the cell: the new states (in ``stateRoles`` order) from
    /// the step's input contribution (batch, …) and the previous states.
    open func step(contribution: Expr, states: [Expr], deterministic: Bool) throws -> RecurrentStep {
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
    /// - Returns: the new states and the internal values, annotated with this layer and their roles.
    /// - Throws: ``LaminaError/invalidArgument(function:detail:)`` for the wrong number of states.
    public func step(input: Expr, states: [Expr], mask: Expr? = nil, deterministic: Bool = false) throws -> RecurrentStep {
        guard states.count == stateRoles.count else {
            throw LaminaError.invalidArgument(function: "\(displayName).step", detail: "expects \(stateRoles.count) states (\(stateRoles.joined(separator: ", "))), got \(states.count)")
        }
        var x = input
        if flattensFeatures && x.rank > 2 { x = try x.flatten(ndim: 2) }
        let contribution = try inputContribution(x, deterministic: deterministic)
        return try maskedStep(contribution: contribution, states: states, mask: mask.map { try $0.dimshuffle([0, nil]) }, deterministic: deterministic)
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

    /// The step followed by the mask: where `mask` (batch, 1) is 0, the previous states.
    func maskedStep(contribution: Expr, states: [Expr], mask: Expr?, deterministic: Bool) throws -> RecurrentStep {
        let result = try step(contribution: contribution, states: states, deterministic: deterministic)
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
        for (state, role) in zip(next, stateRoles) { Role.annotate(state, layer: displayName, role: role) }
        for (role, value) in result.internals { Role.annotate(value, layer: displayName, role: role) }
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
        let result = try recurrentOutputs(for: inputs, deterministic: deterministic)
        producedLock.withLock {
            produced.append((result.output, result))
            if produced.count > 16 { produced.removeFirst() }
        }
        return result.output
    }

    /// The ``RecurrentOutputs`` of the pass that produced `output` (this
    /// layer's output from a recent ``output(of:inputs:deterministic:)`` call),
    /// or `nil` if this layer did not produce it.
    public func recurrentOutputs(producing output: Expr) -> RecurrentOutputs? {
        producedLock.withLock { produced.last { $0.output === output }?.outputs }
    }
}
