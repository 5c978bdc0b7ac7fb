import LaminaGraph

/// A forward and a backward recurrent layer side by side: their outputs
/// joined along the last (units) axis, [h→_t ; h←_t] (Schuster & Paliwal
/// 1997; in Lasagne, a `ConcatLayer` of two layers, one with `backwards=True`).
///
/// Both layers' outputs are aligned with the input, so step t joins the
/// forward state after reading steps 0…t and the backward state after
/// reading steps T−1…t. With ``RecurrentOptions/onlyReturnFinal`` on both,
/// it joins the forward state after the last step and the backward state after step 0.
///
/// ```swift
/// let bi = try BidirectionalLayer(name: "bi") { backwards in
///     try LSTMLayer(incoming: input, units: 32, mask: mask, options: RecurrentOptions(backwards: backwards),
///                   name: backwards ? "backward" : "forward")
/// }                                                   // (batch, steps, 64)
/// ```
public final class BidirectionalLayer: MergeLayer, @unchecked Sendable {
    /// The layer reading the sequence forwards.
    public let forward: RecurrentLayerBase
    /// The layer reading the sequence backwards.
    public let backward: RecurrentLayerBase

    /// Joins two existing layers.
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` unless `forward` goes forwards and
    ///   `backward` backwards, both with the same ``RecurrentOptions/onlyReturnFinal`` and output
    ///   shapes that agree apart from the units.
    public init(forward: RecurrentLayerBase, backward: RecurrentLayerBase, name: String? = nil) throws {
        self.forward = forward
        self.backward = backward
        try super.init(incomings: [forward, backward], name: name)
        guard !forward.options.backwards, backward.options.backwards else {
            throw LaminaError.invalidLayer(layer: displayName, detail: "needs a forward layer (backwards: false) and a backward layer (backwards: true); got \(forward.displayName) with backwards \(forward.options.backwards) and \(backward.displayName) with backwards \(backward.options.backwards)")
        }
        guard forward.options.onlyReturnFinal == backward.options.onlyReturnFinal else {
            throw LaminaError.invalidLayer(layer: displayName, detail: "\(forward.displayName) and \(backward.displayName) must agree on onlyReturnFinal")
        }
        _ = try outputShape
    }

    /// Builds both layers with `make(backwards)`, called with `false` then `true`.
    public convenience init(name: String? = nil, _ make: (_ backwards: Bool) throws -> RecurrentLayerBase) throws {
        try self.init(forward: try make(false), backward: try make(true), name: name)
    }

    public override func outputShape(for inputShapes: [[Int?]]) throws -> [Int?] {
        var shape = try mergedShape(inputShapes, skipping: inputShapes[0].count - 1)
        let units = inputShapes.map { $0.last! }
        shape[shape.count - 1] = units.contains(nil) ? nil : units.reduce(0) { $0 + $1! }
        return shape
    }

    public override func output(for inputs: [Expr], deterministic: Bool) throws -> Expr {
        try Expr.concatenate(inputs, axis: inputs[0].rank - 1)
    }
}
