import Foundation

/// Which passes of ``CompilePipeline`` `function` runs, and whether it reuses
/// buffers. Every pass preserves values; switching them off is for inspection
/// and for testing that they do. Each Boolean property switches the pass of
/// the same name; ``switchingOff(_:)`` switches any optional pass by name.
public struct CompileOptions: Sendable, Hashable {
    /// The names switched off.
    public private(set) var switchedOff: Set<String> = []

    public init() {}

    static let reuseBuffersName = "reuseBuffers"

    /// Whether the pass (or `reuseBuffers`) named `name` is on.
    public func isOn(_ name: String) -> Bool { !switchedOff.contains(name) }

    /// These options with the passes named in `names` switched off.
    /// - Throws: ``GraphError/invalidArgument(op:detail:)`` for a name that is
    ///   no optional pass of ``CompilePipeline/passes`` and not `reuseBuffers`.
    public func switchingOff(_ names: some Sequence<String>) throws -> CompileOptions {
        var result = self
        let known = CompilePipeline.switchNames
        for name in names {
            guard known.contains(name) else {
                throw GraphError.invalidArgument(op: "compile options", detail: "unknown pass \(name); the passes that can be switched off: \(known.joined(separator: ", "))")
            }
            result.switchedOff.insert(name)
        }
        return result
    }

    /// The default options with the passes named in the environment variable
    /// `variable` (comma-separated, such as `LAMINA_COMPILE_OFF=gemm,packLoopWeights`)
    /// switched off; the default options when it is unset or empty.
    /// - Throws: ``GraphError/invalidArgument(op:detail:)`` naming the variable and the unknown pass.
    public static func fromEnvironment(_ variable: String = "LAMINA_COMPILE_OFF") throws -> CompileOptions {
        let names = (ProcessInfo.processInfo.environment[variable] ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        do {
            return try CompileOptions().switchingOff(names)
        } catch GraphError.invalidArgument(_, let detail) {
            throw GraphError.invalidArgument(op: variable, detail: detail)
        }
    }

    private subscript(name: String) -> Bool {
        get { isOn(name) }
        set { if newValue { switchedOff.remove(name) } else { switchedOff.insert(name) } }
    }

    /// Evaluate ops whose operands are all constants at compile time.
    public var constantFolding: Bool { get { self["constantFolding"] } set { self["constantFolding"] = newValue } }
    /// Merge identical subexpressions (same op, same operands) into one.
    public var mergeDuplicates: Bool { get { self["mergeDuplicates"] } set { self["mergeDuplicates"] = newValue } }
    /// Replace unstable forms: ln softmax(x) → log_softmax(x), ln σ(x) → −softplus(−x),
    /// ln(1 − σ(x)) → −softplus(x), ln(1 + x) → log1p(x).
    public var stabilize: Bool { get { self["stabilize"] } set { self["stabilize"] = newValue } }
    /// Fold transposes into dot's BLAS flags and dot(a, b) + c into one GEMM call.
    public var gemm: Bool { get { self["gemm"] } set { self["gemm"] = newValue } }
    /// Fuse chains of elementwise ops into one loop.
    public var fuseElementwise: Bool { get { self["fuseElementwise"] } set { self["fuseElementwise"] = newValue } }
    /// Then merge elementwise ops of one shape that feed each other but are
    /// also used elsewhere into one loop with several results (needs `fuseElementwise`).
    public var fuseMultipleOutputs: Bool { get { self["fuseMultipleOutputs"] } set { self["fuseMultipleOutputs"] = newValue } }
    /// Reuse dead intermediate buffers and let ops write over operands that die with them.
    public var reuseBuffers: Bool { get { self[Self.reuseBuffersName] } set { self[Self.reuseBuffersName] = newValue } }
    /// Keep only the last step of a loop output when nothing else of it is used
    /// (Theano's `ScanSaveMem`).
    public var saveLoopMemory: Bool { get { self["saveLoopMemory"] } set { self["saveLoopMemory"] = newValue } }
    /// Fold a precomputed input projection with few features into the loop's
    /// recurrent product, [x_t, h]·[W; U] + b (needs `packLoopWeights`).
    public var fuseLoopInputProjections: Bool {
        get { self["fuseLoopInputProjections"] } set { self["fuseLoopInputProjections"] = newValue }
    }
    /// Move a loop's input projection (sequence slice times an invariant matrix)
    /// out of the loop, as one product over all steps.
    public var hoistLoopInputs: Bool { get { self["hoistLoopInputs"] } set { self["hoistLoopInputs"] = newValue } }
    /// Pack the float32 matrices a loop multiplies by at every step once, before
    /// the loop, and multiply by the packed form inside it (``PackedGemm``).
    public var packLoopWeights: Bool { get { self["packLoopWeights"] } set { self["packLoopWeights"] = newValue } }
    /// Turn sums of slice gradients (`inc_subtensor` of zeros) into one
    /// concatenation, or one chain of increments.
    public var mergeSliceGradients: Bool { get { self["mergeSliceGradients"] } set { self["mergeSliceGradients"] = newValue } }
    /// Read ranges of a first axis (`h[:-1]`) that are joined along it in
    /// place, instead of copying them out first (``ConcatOfRangesOp``).
    public var concatenateSlicesInPlace: Bool { get { self["concatenateSlicesInPlace"] } set { self["concatenateSlicesInPlace"] = newValue } }

    /// Every pass on.
    public static let `default` = CompileOptions()

    /// Every optional pass off, and no buffer reuse: the graph runs op by op as
    /// written, each value in its own buffer.
    public static let none: CompileOptions = {
        var o = CompileOptions()
        o.switchedOff = Set(CompilePipeline.switchNames)
        return o
    }()
}
