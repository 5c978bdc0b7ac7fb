import LaminaGraph

/// The mask of a ``Conv1DLayer``'s output: (batch, steps_out), 1 for the
/// outputs of each sequence that the sequence convolved alone would also have
/// given, 0 for those that see only padding.
///
/// For a right-padded sequence of length L (mask 1…1 0…0), output step j is
/// real when j < ⌊(L + before + after − span − 1) / stride⌋ + 1, that is when
/// L ≥ j·stride + span + 1 − before − after. The layer computes it as a
/// shifted slice of the input mask with before + after ones put in front:
///
///     mask_out[j] = [1, …, 1, mask][j·stride + span]
///
/// so `.same` and `.causal` with stride 1 keep the mask as it is, `.valid`
/// drops the last span steps of each sequence and `.full` adds span steps.
/// (For a mask with holes, the slice reads the step at the end of each window.)
///
/// ```swift
/// let conv = try Conv1DLayer(incoming: x, numFilters: 8, filterSize: 3, padding: .valid, mask: mask)
/// let lstm = try LSTMLayer(incoming: conv, units: 16, mask: try Conv1DMaskLayer(of: conv))
/// ```
public final class Conv1DMaskLayer: Layer, @unchecked Sendable {
    /// The convolution whose output mask this is.
    public let convolution: Conv1DLayer

    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` when the convolution has no mask.
    public init(of convolution: Conv1DLayer, name: String? = nil) throws {
        self.convolution = convolution
        guard convolution.inputLayers.count > 1 else {
            throw LaminaError.invalidLayer(layer: name ?? "Conv1DMaskLayer", detail: "\(convolution.displayName) has no mask; pass `mask:` to the Conv1DLayer")
        }
        try super.init(incoming: convolution.inputLayers[1], name: name)
    }

    public override func outputShape(for inputShapes: [[Int?]]) throws -> [Int?] {
        [inputShapes[0][0], inputShapes[0][1].map(convolution.outputLength(steps:))]
    }

    public override func output(for inputs: [Expr], deterministic: Bool) throws -> Expr {
        let c = convolution, pads = c.padding.amounts(span: c.span)
        let padded = try padSteps(inputs[0], before: pads.before + pads.after, after: 0, value: 1)
        return try padded.subtensor([.all, .range(start: c.span, stop: nil, step: c.stride)])
    }
}
