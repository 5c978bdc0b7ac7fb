/// Which graph rewrites `function` applies. Every rewrite preserves values;
/// switching them off is for inspection and for testing that they do.
public struct CompileOptions: Sendable, Hashable {
    /// Evaluate ops whose operands are all constants at compile time.
    public var constantFolding = true
    /// Merge identical subexpressions (same op, same operands) into one.
    public var mergeDuplicates = true
    /// Replace unstable forms: ln softmax(x) → log_softmax(x), ln σ(x) → −softplus(−x),
    /// ln(1 − σ(x)) → −softplus(x), ln(1 + x) → log1p(x).
    public var stabilize = true
    /// Fold transposes into dot's BLAS flags and dot(a, b) + c into one GEMM call.
    public var gemm = true
    /// Fuse chains of elementwise ops into one loop.
    public var fuseElementwise = true
    /// Then merge elementwise ops of one shape that feed each other but are
    /// also used elsewhere into one loop with several results (needs `fuseElementwise`).
    public var fuseMultipleOutputs = true
    /// Reuse dead intermediate buffers and let ops write over operands that die with them.
    public var reuseBuffers = true
    /// Keep only the last step of a loop output when nothing else of it is used
    /// (Theano's `ScanSaveMem`).
    public var saveLoopMemory = true
    /// Move a loop's input projection (sequence slice times an invariant matrix)
    /// out of the loop, as one product over all steps.
    public var hoistLoopInputs = true
    /// Pack the float32 matrices a loop multiplies by at every step once, before
    /// the loop, and multiply by the packed form inside it (``PackedGemm``).
    public var packLoopWeights = true
    /// Turn sums of slice gradients (`inc_subtensor` of zeros) into one
    /// concatenation, or one chain of increments.
    public var mergeSliceGradients = true
    /// Read ranges of a first axis (`h[:-1]`) that are joined along it in
    /// place, instead of copying them out first (``ConcatOfRangesOp``).
    public var concatenateSlicesInPlace = true

    public init() {}

    /// Every rewrite on.
    public static let `default` = CompileOptions()

    /// Every rewrite off: the graph runs op by op as written, each value in its own buffer.
    public static let none: CompileOptions = {
        var o = CompileOptions()
        o.constantFolding = false
        o.mergeDuplicates = false
        o.stabilize = false
        o.gemm = false
        o.fuseElementwise = false
        o.fuseMultipleOutputs = false
        o.reuseBuffers = false
        o.saveLoopMemory = false
        o.hoistLoopInputs = false
        o.packLoopWeights = false
        o.mergeSliceGradients = false
        o.concatenateSlicesInPlace = false
        return o
    }()
}
