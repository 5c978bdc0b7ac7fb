import LaminaGraph

/// A layer that runs any ``RecurrentCell`` over the steps of its input
/// (Keras' `RNN(cell)`, Torch's `Recurrence`), with everything the built-in
/// recurrent layers have: a mask, direction, truncated backpropagation,
/// gradient clipping, unrolling, learned or layer-given initial states, and
/// taps of every state and internal value (``RecurrentTapLayer``).
///
/// The output is the cell's ``RecurrentCell/outputStateIndex`` state at
/// every step, (batch, steps, units…), or at the end with
/// ``RecurrentOptions/onlyReturnFinal``.
///
/// ```swift
/// let cell = try LSTMCell(inputSize: 12, units: 32, name: "lstm")
/// let lstm = try RecurrenceLayer(incoming: input, cell: cell, mask: mask, name: "lstm")   // as LSTMLayer
/// let stack = try StackedCell([LSTMCell(inputSize: 12, units: 32, name: "s.0"),
///                              LSTMCell(inputSize: 12 + 32, units: 32, name: "s.1")])
/// let deep = try RecurrenceLayer(incoming: input, cell: stack, name: "s")
/// ```
public final class RecurrenceLayer: RecurrentLayerBase, @unchecked Sendable {
    /// - Parameters:
    ///   - incoming: the input, (batch, steps, features…).
    ///   - cell: the step; build it with this layer's name so that its parameters are named `"name.W…"`.
    ///   - initialStates: per cell state, where its initial value comes from (default: zeros for each, not learned).
    ///   - mask: an optional (batch, steps) layer, nonzero on real steps.
    ///   - contexts: layers whose outputs every step reads unchanged (an ``AttentionDecoderCell``'s encoder states and mask).
    ///   - options: the loop flags.
    ///   - name: the layer's name.
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` for a wrong number of initial states, or a
    ///   shape or flag problem (see ``RecurrentLayerBase``).
    public init(incoming: Layer, cell: any RecurrentCell, initialStates: [InitialState]? = nil, mask: Layer? = nil,
                contexts: [Layer] = [], options: RecurrentOptions = RecurrentOptions(), name: String? = nil) throws {
        try super.init(incoming: incoming, cell: cell, mask: mask,
                       initialStates: initialStates ?? Array(repeating: .zeros, count: cell.stateRoles.count),
                       contexts: contexts, options: options, name: name)
    }
}
