import LaminaGraph

/// A layer over masked (batch, steps, …) sequences whose output steps each
/// come from a window of input steps (``Conv1DLayer``, ``Pool1DLayer``), and
/// that can say which of its output steps are real, so that an
/// ``OutputMaskLayer`` can feed that mask to the next layer.
public protocol WindowedSequenceLayer: Layer {
    /// The (batch, steps) mask layer of the input, or `nil` when the layer has none.
    var maskLayer: Layer? { get }
    /// The number of output steps for `steps` input steps.
    func outputLength(steps: Int) -> Int
    /// The (batch, steps_out) mask of the output, from the input's (batch, steps) mask.
    func outputMask(from inputMask: Expr) throws -> Expr
}

/// The mask of a ``WindowedSequenceLayer``'s output, (batch, steps_out): the
/// layer's ``WindowedSequenceLayer/outputMask(from:)`` of its input mask, as a
/// layer that the next layer can take as its `mask`.
///
/// For a ``Conv1DLayer`` an output step is real when the sequence convolved
/// alone would also have given it; for a ``Pool1DLayer`` when its window holds
/// at least one real step.
///
/// ```swift
/// let conv = try Conv1DLayer(incoming: x, numFilters: 8, filterSize: 3, padding: .valid, mask: mask)
/// let lstm = try LSTMLayer(incoming: conv, units: 16, mask: try OutputMaskLayer(of: conv))
/// ```
public final class OutputMaskLayer: Layer, @unchecked Sendable {
    /// The layer whose output mask this is.
    public let source: any WindowedSequenceLayer

    /// - Parameters:
    ///   - source: a windowed layer built with a `mask`.
    ///   - name: the layer name.
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` when `source` has no mask.
    public init(of source: any WindowedSequenceLayer, name: String? = nil) throws {
        guard let mask = source.maskLayer else {
            throw LaminaError.invalidLayer(layer: name ?? "OutputMaskLayer", detail: "\(source.displayName) has no mask; pass `mask:` to the \(type(of: source))")
        }
        self.source = source
        try super.init(incoming: mask, name: name)
    }

    public override func outputShape(for inputShapes: [[Int?]]) throws -> [Int?] {
        [inputShapes[0][0], inputShapes[0][1].map(source.outputLength(steps:))]
    }

    public override func output(for inputs: [Expr], deterministic: Bool) throws -> Expr {
        try source.outputMask(from: inputs[0])
    }
}
