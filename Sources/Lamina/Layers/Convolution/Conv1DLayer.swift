import LaminaGraph

/// A 1-D convolution along time (Lasagne's `Conv1DLayer`, in the batch-major
/// (batch, steps, channels) layout of the library's recurrent layers):
///
///     y[b, t, f] = nonlinearity( Σ_k Σ_c x̃[b, t·stride + k·dilation, c] · W[f, c, k] + b[f] )
///
/// where x̃ is the input padded with zeros on the time axis as `padding` says
/// (see ``ConvolutionPadding``). This is a cross-correlation, as in PyTorch's
/// `nn.Conv1d`, Keras and TF; with `flipFilters` the taps are reversed
/// (W[f, c, K−1−k]), a true convolution as in Lasagne's default
/// `flip_filters=True` (pass it for weights trained in Lasagne).
///
/// `W` has shape (numFilters, channels, filterSize), the layout of Lasagne and
/// PyTorch (`conv.weight` loads as it is). Defaults (Lasagne's): `W =
/// GlorotUniform()` (fan_in = channels·filterSize, fan_out = numFilters·filterSize),
/// `b = Constant(0)` (`nil` for none), `nonlinearity = .rectify` (`nil` for linear).
///
/// The layer computes the filterSize shifted, strided slices of x̃, joins them
/// along the channels and multiplies by W once: one GEMM of
/// (batch·steps_out, filterSize·channels) by (filterSize·channels, numFilters).
///
/// **Masks.** With a `mask` (batch, steps), nonzero for real steps, masked
/// input steps are set to zero before the convolution, so for right-padded
/// sequences (masks of the form 1…1 0…0) the first outputs of each sequence are
/// exactly those of the sequence convolved alone, with the same padding.
/// ``OutputMaskLayer`` gives the mask of those outputs (see
/// ``outputMask(from:)``); later outputs see only padding and should be ignored.
///
/// ```swift
/// let x = try InputLayer(shape: [nil, nil, 16], name: "x")
/// let conv = try Conv1DLayer(incoming: x, numFilters: 32, filterSize: 3, dilation: 2, padding: .causal, name: "conv")
/// // conv: (?, ?, 32); conv.W: (32, 16, 3)
/// ```
public final class Conv1DLayer: Layer, WindowedSequenceLayer, @unchecked Sendable {
    /// The number of filters (output channels).
    public let numFilters: Int
    /// The number of taps of each filter.
    public let filterSize: Int
    /// The step between outputs, in input steps.
    public let stride: Int
    /// The step between taps, in input steps.
    public let dilation: Int
    /// How the time axis is padded.
    public let padding: ConvolutionPadding
    /// Whether the taps are reversed (a true convolution).
    public let flipFilters: Bool
    /// The activation (`nil` for linear).
    public let nonlinearity: Nonlinearity?
    /// The filters, (numFilters, channels, filterSize).
    public let W: Expr
    /// The bias, (numFilters,), or `nil`.
    public let b: Expr?

    /// - Parameters:
    ///   - incoming: the layer of inputs, (batch, steps, channels) with a known channel count.
    ///   - numFilters: the number of filters.
    ///   - filterSize: the number of taps.
    ///   - stride: the step between outputs (default 1).
    ///   - dilation: the step between taps (default 1).
    ///   - padding: the padding of the time axis (default `.valid`).
    ///   - W: the filters' source (default `GlorotUniform()`).
    ///   - b: the bias's source (default `Constant(0)`), or `nil` for no bias.
    ///   - nonlinearity: the activation (default ``Nonlinearity/rectify``), or `nil` for linear.
    ///   - flipFilters: reverse the taps (Lasagne's default), default `false` (PyTorch's cross-correlation).
    ///   - mask: a layer of shape (batch, steps), nonzero for real steps; masked steps are zeroed first.
    ///   - name: the layer name, the prefix of its parameter names.
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` for an input that is not (batch, steps, channels),
    ///   sizes that are not positive, negative padding, or a mask of the wrong shape.
    public init(incoming: Layer, numFilters: Int, filterSize: Int, stride: Int = 1, dilation: Int = 1,
                padding: ConvolutionPadding = .valid, W: any ParameterSource = GlorotUniform(),
                b: (any ParameterSource)? = Constant(0), nonlinearity: Nonlinearity? = .rectify,
                flipFilters: Bool = false, mask: Layer? = nil, name: String? = nil) throws {
        (self.numFilters, self.filterSize, self.stride, self.dilation) = (numFilters, filterSize, stride, dilation)
        (self.padding, self.flipFilters, self.nonlinearity) = (padding, flipFilters, nonlinearity)
        let label = name ?? "Conv1DLayer"
        let inputShape = try incoming.outputShape
        guard inputShape.count == 3, let channels = inputShape[2] else {
            throw LaminaError.invalidLayer(layer: label, detail: "the input must be (batch, steps, channels) with a known channel count, got \(formatShapeSpec(inputShape))")
        }
        guard numFilters > 0, filterSize > 0, stride > 0, dilation > 0 else {
            throw LaminaError.invalidLayer(layer: label, detail: "numFilters, filterSize, stride and dilation must be positive, got \(numFilters), \(filterSize), \(stride), \(dilation)")
        }
        let pads = padding.amounts(span: dilation * (filterSize - 1))
        guard pads.before >= 0, pads.after >= 0 else {
            throw LaminaError.invalidLayer(layer: label, detail: "padding amounts must be ≥ 0, got \(padding)")
        }
        if let mask {
            let shape = try mask.outputShape
            guard shape.count == 2, shape[1] == nil || inputShape[1] == nil || shape[1] == inputShape[1] else {
                throw LaminaError.invalidLayer(layer: label, detail: "the mask must be (batch, steps) = \(formatShapeSpec(Array(inputShape.prefix(2)))), got \(formatShapeSpec(shape))")
            }
        }
        var made = ParameterBuilder(prefix: name, label: label)
        self.W = try made.add(W, shape: [numFilters, channels, filterSize], name: "W", role: Role.weight)
        self.b = try b.map { try made.add($0, shape: [numFilters], name: "b", role: Role.bias, tags: .bias) }
        try super.init(incomings: [incoming] + (mask.map { [$0] } ?? []), name: name)
        registerParameters(made)
    }

    /// The filter's reach beyond its first tap: dilation·(filterSize − 1).
    public var span: Int { dilation * (filterSize - 1) }

    /// The number of output steps for `steps` input steps:
    /// ⌊(steps + before + after − span − 1) / stride⌋ + 1, or 0 when the padded input is not longer than the span.
    public func outputLength(steps: Int) -> Int {
        let pads = padding.amounts(span: span)
        let reach = steps + pads.before + pads.after - span
        return reach > 0 ? (reach - 1) / stride + 1 : 0
    }

    public override func outputShape(for inputShapes: [[Int?]]) throws -> [Int?] {
        [inputShapes[0][0], inputShapes[0][1].map(outputLength(steps:)), numFilters]
    }

    /// The mask layer passed as `mask`, if any.
    public var maskLayer: Layer? { inputLayers.count > 1 ? inputLayers[1] : nil }

    /// The mask of the output, 1 for the outputs of each sequence that the
    /// sequence convolved alone would also have given, 0 for those that see only padding.
    ///
    /// For a right-padded sequence of length L (mask 1…1 0…0), output step j is
    /// real when j < ⌊(L + before + after − span − 1) / stride⌋ + 1, that is when
    /// L ≥ j·stride + span + 1 − before − after: a shifted slice of the input
    /// mask with before + after ones put in front,
    ///
    ///     mask_out[j] = [1, …, 1, mask][j·stride + span]
    ///
    /// so `.same` and `.causal` with stride 1 keep the mask as it is, `.valid`
    /// drops the last span steps of each sequence and `.full` adds span steps.
    /// (For a mask with holes, the slice reads the step at the end of each window.)
    public func outputMask(from inputMask: Expr) throws -> Expr {
        let pads = padding.amounts(span: span)
        let padded = try padSteps(inputMask, before: pads.before + pads.after, after: 0, value: 1)
        return try padded.subtensor([.all, .range(start: span, stop: nil, step: stride)])
    }

    public override func output(for inputs: [Expr], deterministic: Bool) throws -> Expr {
        var x = inputs[0]
        if inputs.count > 1 { x = try x * keepMask(inputs[1], dtype: x.dtype).dimshuffle([0, 1, nil]) }
        let pads = padding.amounts(span: span)
        x = try padSteps(x, before: pads.before, after: pads.after, value: 0)
        // Tap k reads padded steps t·stride + k·dilation for t = 0, 1, …
        let taps = try (0..<filterSize).map { k -> Expr in
            let offset = (flipFilters ? filterSize - 1 - k : k) * dilation
            return try x.subtensor([.all, .range(start: offset, stop: offset == span ? nil : offset - span, step: stride)])
        }
        let windows = filterSize == 1 ? taps[0] : try Expr.concatenate(taps, axis: 2)   // (batch, steps_out, filterSize·channels)
        let channels = inputShape[2]!
        // Row k·channels + c of the matrix is W[:, c, k].
        let matrix = try W.dimshuffle([2, 1, 0]).reshape([.size(filterSize * channels), .size(numFilters)])
        var activation = try windows.dot(matrix)
        if let b { activation = try activation + b }
        return try nonlinearity?(activation) ?? activation
    }
}

/// `x` (batch, steps, …) with `before` and `after` steps of `value` added on the time axis.
func padSteps(_ x: Expr, before: Int, after: Int, value: Double) throws -> Expr {
    guard before > 0 || after > 0 else { return x }
    let slab = try firstElements(of: x, along: [1]).filledLike(value)
    return try Expr.concatenate(Array(repeating: slab, count: before) + [x] + Array(repeating: slab, count: after), axis: 1)
}
