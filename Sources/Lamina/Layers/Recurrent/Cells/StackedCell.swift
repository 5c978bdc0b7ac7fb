import LaminaGraph

/// Cells stacked in one loop: at step t, level k reads the output of level
/// k − 1 at the same step t (and, with ``feedsInput``, the step's input too),
/// as in Blocks' stacked recurrent bricks where each level takes two inputs:
///
///     y⁰_t = step₀(x_t, s⁰_{t−1}),   yᵏ_t = stepₖ([x_t, yᵏ⁻¹_t], sᵏ_{t−1})   (k ≥ 1)
///
/// where yᵏ_t is level k's output state (its hidden state) and [·, ·] joins
/// features. One loop runs all levels, so a ``RecurrenceLayer`` over a
/// stacked cell computes a deep recurrent network with a single scan.
///
/// States are every level's states in level order, each level's roles taken
/// to its level with ``VariableRole/atLevel(_:)`` (`.hidden.atLevel(1)`,
/// named `"level1.hidden"`, a kind of ``VariableRole/hidden``); internal values likewise.
/// The output is the top level's output state. Every state and internal
/// value of every level can be tapped with ``RecurrentTapLayer``. Level 0's
/// input contribution is computed before the loop; the others' inside it.
/// States must be vectors, (batch, units).
public final class StackedCell: RecurrentCell, @unchecked Sendable {
    /// The levels, bottom first.
    public let levels: [any RecurrentCell]
    /// Whether levels above the first also read the step's input x_t (before the level below's output).
    public let feedsInput: Bool
    /// The input features per step, D (level 0's).
    public let inputSize: Int
    public let parameters: [CellParameter]
    public let stateRoles: [VariableRole]
    public let stateShapes: [[Int]]
    public let internalRoles: [VariableRole]
    public var stepInputSize: Int? { inputSize }
    public var sequenceMaskCount: Int { levels.reduce(0) { $0 + $1.sequenceMaskCount } }
    /// The columns of level 0's input contribution in the stacked contribution.
    private let firstWidth: Int

    /// - Parameters:
    ///   - levels: the cells, bottom first. Level 0 reads D features; level k ≥ 1 reads the output
    ///     units of level k − 1, plus D with `feedsInput`.
    ///   - inputSize: D, the features of x_t.
    ///   - feedsInput: give every level the step's input as well (Blocks' two-input levels, the default).
    ///   - name: the name in error messages.
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` for no levels, a state that is not a
    ///   vector, or a level whose input size does not fit the level below.
    public init(_ levels: [any RecurrentCell], inputSize: Int, feedsInput: Bool = true, name: String? = nil) throws {
        let label = name ?? "StackedCell"
        guard !levels.isEmpty else { throw LaminaError.invalidLayer(layer: label, detail: "needs at least one level") }
        for (k, level) in levels.enumerated() {
            guard level.stateShapes.allSatisfy({ $0.count == 1 }) else {
                throw LaminaError.invalidLayer(layer: label, detail: "level \(k) has states of shapes \(level.stateShapes); stacked levels need vector states (batch, units)")
            }
            let expected = k == 0 ? inputSize : levels[k - 1].stateShapes[levels[k - 1].outputStateIndex][0] + (feedsInput ? inputSize : 0)
            if let size = level.stepInputSize, size != expected {
                throw LaminaError.invalidLayer(layer: label, detail: "level \(k) reads \(size) features per step, expected \(expected) (\(k == 0 ? "the input's D" : feedsInput ? "D + the units of level \(k - 1)" : "the units of level \(k - 1)"))")
            }
        }
        let dtype = levels[0].parameters.first?.expr.dtype ?? LayerDefaults.floatX
        let probe = Expr.input("x", dtype: dtype, shape: [nil, inputSize])
        guard let width = try levels[0].inputContribution(probe, context: CellContext(deterministic: true)).shape.last ?? nil else {
            throw LaminaError.invalidLayer(layer: label, detail: "level 0's input contribution has no known width")
        }
        self.levels = levels
        self.feedsInput = feedsInput
        self.inputSize = inputSize
        firstWidth = width
        parameters = levels.flatMap(\.parameters)
        stateRoles = levels.enumerated().flatMap { k, level in level.stateRoles.map { $0.atLevel(k) } }
        stateShapes = levels.flatMap(\.stateShapes)
        internalRoles = levels.enumerated().flatMap { k, level in level.internalRoles.map { $0.atLevel(k) } }
    }

    /// The shape of a level's internal value (`role.atLevel(k)`): that level's own shape for `role`.
    public func internalShape(role: VariableRole, contextShapes: [[Int?]]) -> [Int?] {
        for (k, level) in levels.enumerated() {
            if let own = level.internalRoles.first(where: { $0.atLevel(k) == role }) {
                return level.internalShape(role: own, contextShapes: contextShapes)
            }
        }
        return stateShapes[outputStateIndex].map { Optional($0) }
    }

    /// The top level's output state.
    public var outputStateIndex: Int {
        stateRoles.count - levels.last!.stateRoles.count + levels.last!.outputStateIndex
    }

    /// Level 0's contribution, followed (with several levels reading x_t) by x_t itself.
    public func inputContribution(_ x: Expr, context: CellContext) throws -> Expr {
        let first = try levels[0].inputContribution(x, context: self.context(context, level: 0))
        return levels.count > 1 && feedsInput ? try Expr.concatenate([first, x], axis: x.rank - 1) : first
    }

    /// As ``inputContribution(_:context:)``, for a time-major sequence.
    public func sequenceContribution(_ x: Expr, context: CellContext) throws -> Expr {
        let first = try levels[0].sequenceContribution(x, context: self.context(context, level: 0))
        return levels.count > 1 && feedsInput ? try Expr.concatenate([first, x], axis: x.rank - 1) : first
    }

    /// Every level's per-sequence masks, level after level.
    public func sequenceMasks(ones: Expr, context: CellContext) throws -> [Expr] {
        try levels.flatMap { try $0.sequenceMasks(ones: ones, context: context) }
    }

    public func step(contribution: Expr, states: [Expr], context: CellContext) throws -> RecurrentStep {
        let first = levels.count > 1 && feedsInput ? try contribution.subtensor([.all, .range(0, firstWidth)]) : contribution
        let x = levels.count > 1 && feedsInput ? try contribution.subtensor([.all, .range(firstWidth, firstWidth + inputSize)]) : nil
        var next: [Expr] = [], internals: [(role: VariableRole, value: Expr)] = []
        var offset = 0, below: Expr? = nil
        for (k, level) in levels.enumerated() {
            let levelContext = try self.context(context, level: k)
            let own = Array(states[offset ..< offset + level.stateRoles.count])
            let c: Expr
            if k == 0 {
                c = first
            } else {
                let input = try x.map { try Expr.concatenate([$0, below!], axis: 1) } ?? below!
                c = try level.inputContribution(input, context: levelContext)
            }
            let result = try level.step(contribution: c, states: own, context: levelContext)
            next += result.states
            internals += result.internals.map { ($0.role.atLevel(k), $0.value) }
            below = result.states[level.outputStateIndex]
            offset += level.stateRoles.count
        }
        return RecurrentStep(states: next, internals: internals)
    }

    /// The context of level k: its share of the per-sequence masks.
    private func context(_ context: CellContext, level k: Int) throws -> CellContext {
        guard let masks = context.sequenceMasks else { return context }
        let start = levels[..<k].reduce(0) { $0 + $1.sequenceMaskCount }
        var levelContext = context
        let count = levels[k].sequenceMaskCount
        levelContext.sequenceMasks = count == 0 ? nil : Array(masks[start ..< start + count])
        return levelContext
    }
}
