import LaminaGraph

/// What a cell's step is told about the loop that runs it.
public struct CellContext: Sendable {
    /// Turn off noise (dropout) inside the cell.
    public var deterministic: Bool
    /// When positive, clip the gradients through each step's pre-activations
    /// to [−c, c] (``RecurrentOptions/gradientClipping``).
    public var gradientClipping: Double
    /// The cell's per-sequence values for this pass (dropout masks drawn once
    /// per sequence), from ``RecurrentCell/sequenceMasks(ones:context:)``; `nil` when it has none.
    public var sequenceMasks: [Expr]?
    /// Values every step reads unchanged (an attention decoder's encoder states and their mask):
    /// the outputs of the layer's context layers, then whatever the cell's
    /// ``RecurrentCell/prepared(_:)`` adds (values computed once before the loop).
    public var contexts: [Expr] = []

    /// - Parameters:
    ///   - deterministic: turn off noise inside the cell.
    ///   - gradientClipping: the bound c of the pre-activations' gradients (0: off).
    public init(deterministic: Bool = false, gradientClipping: Double = 0) {
        self.deterministic = deterministic
        self.gradientClipping = gradientClipping
    }

    /// `e` with its gradient clipped to [−c, c] when clipping is on, else `e`.
    public func clipped(_ e: Expr) throws -> Expr {
        gradientClipping > 0 ? try e.gradientClipped(-gradientClipping, gradientClipping) : e
    }
}

/// One step of a recurrent network: inputs and states to outputs and states
/// (Keras' `RNN(cell)` cells, Torch's `Recurrence` modules, Blocks' bricks
/// with a `@recurrent` apply).
///
/// A step is split in two so that a loop can take the input's share out of
/// the loop: ``inputContribution(_:context:)`` maps the step's input
/// x_t (batch, features) to its contribution a_t (x_t·W_in + b for the
/// built-in cells), and ``step(contribution:states:context:)`` maps a_t and the
/// previous states s_{t−1} to the new states s_t and internal values.
///
/// A ``RecurrenceLayer`` runs any cell in the engine's loop, with masks,
/// direction, truncation and taps; ``StackedCell`` stacks cells in one loop.
/// The built-in cells are ``LSTMCell``, ``GRUCell`` and ``CustomRecurrentCell``.
public protocol RecurrentCell: AnyObject, Sendable {
    /// The role of each state, in loop order (``VariableRole/hidden``; the LSTM has ``VariableRole/cell`` first),
    /// each a kind of ``VariableRole/state``.
    var stateRoles: [VariableRole] { get }
    /// The shape of each state without the batch axis.
    var stateShapes: [[Int]] { get }
    /// The roles of the internal values each step reports, in order, each a kind of
    /// ``VariableRole/internalValue`` (``VariableRole/forgetGate``, …).
    var internalRoles: [VariableRole] { get }
    /// The index of the state a layer running the cell outputs.
    var outputStateIndex: Int { get }
    /// The shape, without the batch and step axes, of the internal value with `role`, given the
    /// shapes of the values in ``CellContext/contexts`` as the layer's context layers give them
    /// (with their batch axis). By default the output state's shape (a gate of the cell's units).
    func internalShape(role: VariableRole, contextShapes: [[Int?]]) -> [Int?]
    /// The cell's parameters, in creation order.
    var parameters: [CellParameter] { get }
    /// Whether inputs with several feature axes are flattened to one before the cell.
    var flattensFeatures: Bool { get }
    /// The number of (flattened) input features a step reads, when the cell fixes it.
    var stepInputSize: Int? { get }
    /// The contribution a_t of a step's input (batch, features…), or of
    /// inputs with more leading axes.
    func inputContribution(_ x: Expr, context: CellContext) throws -> Expr
    /// The contribution of a whole time-major sequence (steps, batch, features…).
    func sequenceContribution(_ x: Expr, context: CellContext) throws -> Expr
    /// Values drawn once per sequence before the loop (dropout masks), for a
    /// batch given by `ones` (batch, 1); the loop passes them to every step
    /// through ``CellContext/sequenceMasks``. Empty by default.
    func sequenceMasks(ones: Expr, context: CellContext) throws -> [Expr]
    /// How many values ``sequenceMasks(ones:context:)`` returns when it returns any.
    var sequenceMaskCount: Int { get }
    /// The context of a pass, completed before the loop (values computed once from
    /// ``CellContext/contexts``, such as projected attention keys). By default the context itself.
    func prepared(_ context: CellContext) throws -> CellContext
    /// The new states (in ``stateRoles`` order) and internal values from a
    /// step's contribution (batch, …) and the previous states.
    func step(contribution: Expr, states: [Expr], context: CellContext) throws -> RecurrentStep
}

extension RecurrentCell {
    /// The ``VariableRole/hidden`` state, or the last one.
    public var outputStateIndex: Int { stateRoles.firstIndex(of: .hidden) ?? stateRoles.count - 1 }
    /// The output state's shape.
    public func internalShape(role: VariableRole, contextShapes: [[Int?]]) -> [Int?] {
        stateShapes[outputStateIndex].map { Optional($0) }
    }
    /// Built-in cells flatten feature axes.
    public var flattensFeatures: Bool { true }
    /// Not fixed.
    public var stepInputSize: Int? { nil }
    /// None.
    public func sequenceMasks(ones: Expr, context: CellContext) throws -> [Expr] { [] }
    /// None.
    public var sequenceMaskCount: Int { 0 }
    /// The context unchanged.
    public func prepared(_ context: CellContext) throws -> CellContext { context }
    /// ``inputContribution(_:context:)`` applied to the whole sequence (it must accept leading axes).
    public func sequenceContribution(_ x: Expr, context: CellContext) throws -> Expr {
        try inputContribution(x, context: context)
    }
}
