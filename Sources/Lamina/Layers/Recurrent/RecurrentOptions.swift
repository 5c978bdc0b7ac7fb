/// The loop flags every recurrent layer takes (Lasagne's keyword arguments
/// shared by `CustomRecurrentLayer`, `RecurrentLayer`, `LSTMLayer` and
/// `GRULayer`), gathered in one value so that the layers do not repeat them.
///
/// Defaults are Lasagne's: forwards, initial states fixed, full
/// backpropagation through time, no gradient clipping, a loop (not
/// unrolled), input projection computed before the loop, every step returned.
///
/// ```swift
/// let options = RecurrentOptions(backwards: true, gradientSteps: 20, gradientClipping: 100)
/// let lstm = try LSTMLayer(incoming: input, units: 64, options: options)
/// ```
public struct RecurrentOptions: Sendable, Hashable {
    /// Iterate from the last step to the first. The output stays aligned with
    /// the input: entry t is the state after reading steps T−1 … t.
    public var backwards: Bool
    /// Make the initial states trainable parameters (they are never regularizable).
    public var learnInit: Bool
    /// Backpropagate through at most this many steps (Theano's
    /// `truncate_gradient`, Lasagne's `gradient_steps`); `nil` for full BPTT.
    public var gradientSteps: Int?
    /// When positive, clip the gradients flowing back through each step's
    /// pre-activations to [−c, c] (Lasagne's `grad_clipping`; identity on the
    /// forward pass). This is not total-norm clipping of the parameter
    /// gradients; use ``totalNormConstraint(_:maxNorm:epsilon:)`` for that.
    public var gradientClipping: Double
    /// Build one graph per step instead of a loop (Lasagne's `unroll_scan`).
    /// Needs a sequence length known when the graph is built and full BPTT.
    public var unrollScan: Bool
    /// Compute x·W_in + b for all steps with one product before the loop
    /// (Lasagne's `precompute_input`); otherwise each step computes its own.
    public var precomputeInput: Bool
    /// Return only the state after the last iteration, (batch, units),
    /// instead of every step, (batch, steps, units). With `backwards`, the
    /// last iteration reads step 0.
    public var onlyReturnFinal: Bool
    /// Carry the final states of one call into the next (Keras' `stateful`):
    /// the initial states are shared variables (batch, units…) that the
    /// compiled function updates with the final states, through
    /// ``Layer/stateUpdates(for:deterministic:)`` (collect them with
    /// ``outputsAndUpdates(of:inputs:deterministic:)``); reset them with
    /// ``RecurrentLayerBase/resetStates()``. Needs a batch size fixed in the input shape.
    public var stateful: Bool

    /// Each flag as documented above; the defaults are Lasagne's (and not stateful).
    public init(backwards: Bool = false, learnInit: Bool = false, gradientSteps: Int? = nil,
                gradientClipping: Double = 0, unrollScan: Bool = false, precomputeInput: Bool = true,
                onlyReturnFinal: Bool = false, stateful: Bool = false) {
        self.stateful = stateful
        self.backwards = backwards
        self.learnInit = learnInit
        self.gradientSteps = gradientSteps
        self.gradientClipping = gradientClipping
        self.unrollScan = unrollScan
        self.precomputeInput = precomputeInput
        self.onlyReturnFinal = onlyReturnFinal
    }
}
