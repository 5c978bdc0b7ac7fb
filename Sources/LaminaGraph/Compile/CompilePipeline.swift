import Foundation

/// The compiler's passes in the order `function` runs them, each with its
/// name, what it does and what it requires. ``run(_:options:)`` applies the
/// ones `CompileOptions` leaves on and records a ``CompileTrace``.
///
/// Loops come first, while products and fills are still the ops the loop
/// rewrites look for; loop bodies are compiled last, with the same options,
/// so a running loop never compiles anything.
public enum CompilePipeline {
    /// Every pass, in order.
    public static let passes: [CompilePass] = [
        CompilePass("mergeLoopSliceGradients", "Inside loop bodies, makes fills of a known shape constants and turns sums of slice gradients into one concatenation (a recurrent cell's gate gradients), before the loop passes look at what a body reads.") { roots, _ in
            try mergeLoopSliceGradients(roots)
        },
        CompilePass("pruneLoops", "Removes loop outputs no one uses and loop operands the body does not read, until nothing changes.") { roots, _ in
            try pruneLoops(roots)
        },
        CompilePass("mergeLoops", "Merges loops over the same sequences, direction and length into one loop, computing states and outputs both compute once (PyTensor's ScanMerge): the gradient's forward loop and the original run once.") { roots, _ in
            try mergeLoops(roots)
        },
        CompilePass("pushOutLoopSums", "Replaces a loop state that sums per-step products aᵢᵀ·bᵢ or row sums from zero, used only at its last step, by one product or sum over the stacked operands after the loop (PyTensor's scan_push_out_add): weight and bias gradients.") { roots, _ in
            try pushOutLoopSums(roots)
        },
        CompilePass("pushOutLoopProducts", "Replaces a loop output that is a sum of products gᵢ·θ of per-step values by invariants by one product of the stacked gᵢ after the loop: input gradients.") { roots, _ in
            try pushOutLoopProducts(roots)
        },
        CompilePass("hoistLoopInputs", "Moves a loop's input projection (a sequence slice times an invariant matrix, plus invariants) out of the loop as one product over all steps; with packLoopWeights on, float32 products that packing runs well stay in the loop.") { roots, context in
            try hoistLoopInputs(roots, keepingPackable: context.options.packLoopWeights)
        },
        CompilePass("packLoopWeights", "Packs the float32 matrices a loop multiplies by at every step once, before the loop, and multiplies by the packed form inside it (PackedGemm).") { roots, _ in
            try packLoopWeights(roots)
        },
        CompilePass("fuseLoopInputProjections", requires: ["packLoopWeights"], "Folds a precomputed input projection X·W + b with few features into the loop's recurrent product: each step computes [x_t, h]·[W; U] + b with one packed product instead of reading a slice of X·W + b (with gemm on, the same sums).") { roots, _ in
            try fuseLoopInputProjections(roots)
        },
        CompilePass("stabilize", "Replaces unstable forms: ln softmax(x) → log_softmax(x), ln σ(x) → −softplus(−x), ln(1 − σ(x)) → −softplus(x), ln(1 + x) → log1p(x).") { roots, _ in
            try stabilize(roots)
        },
        CompilePass("constantFolding", "Evaluates ops whose operands are all constants, and fills of a known shape, at compile time.") { roots, _ in
            try foldConstants(roots)
        },
        CompilePass("mergeDuplicates", "Merges identical subexpressions (same op, same operands) into one.") { roots, _ in
            try mergeDuplicates(roots)
        },
        CompilePass("mergeSliceGradients", "Turns sums of slice gradients (increments of zeros) into one concatenation, or one chain of increments.") { roots, _ in
            try mergeSliceGradients(roots)
        },
        CompilePass("saveLoopMemory", "Keeps only the last step of a loop result used only through its last step, in one buffer (Theano's ScanSaveMem).") { roots, _ in
            try saveLoopMemory(roots)
        },
        CompilePass("concatenateSlicesInPlace", "Reads ranges of a first axis that are joined along it in place instead of copying them out first (ConcatOfRangesOp).") { roots, _ in
            try concatenateSlicesInPlace(roots)
        },
        CompilePass("gemm", "Folds transposes into dot's BLAS flags and dot(a, b) + c into one GEMM call.") { roots, _ in
            try rewriteGemm(roots)
        },
        CompilePass("windowPackedProducts", requires: ["gemm", "packLoopWeights"], "Turns column slices of a packed product (a recurrent cell's gates) into products of their own column window, written in place.") { roots, _ in
            try windowPackedProducts(roots)
        },
        CompilePass("fuseElementwise", "Fuses chains of elementwise ops into one loop.") { roots, _ in
            try fuseElementwise(roots)
        },
        CompilePass("fuseMultipleOutputs", requires: ["fuseElementwise"], "Merges elementwise ops of one shape that feed each other but are also used elsewhere into one loop with several results.") { roots, _ in
            try fuseMultiOutput(roots)
        },
        CompilePass("compileLoopBodies", optional: false, "Compiles every loop's body with this pipeline and the same options, once, so a running loop only runs it.") { roots, context in
            try compileLoopBodies(roots, context: context)
        },
    ]

    /// The names that switch something off: every optional pass, and
    /// `reuseBuffers`, the buffer planning that follows the passes.
    public static var switchNames: [String] { passes.filter(\.isOptional).map(\.name) + [CompileOptions.reuseBuffersName] }

    /// The passes, one per line: name, what it requires, what it does.
    public static var listing: String {
        passes.map { pass in
            pass.name + (pass.requires.isEmpty ? "" : " (requires \(pass.requires.joined(separator: ", ")))")
                + (pass.isOptional ? "" : " (always on)") + ": " + pass.summary
        }.joined(separator: "\n")
    }

    /// Runs the passes `options` leaves on over the graph of `roots`, in
    /// order; returns the new roots and what each pass did.
    static func run(_ roots: [Expr], options: CompileOptions) throws -> (roots: [Expr], trace: CompileTrace) {
        var roots = roots
        var trace = CompileTrace(entries: [])
        var before = OpCensus(roots)
        for pass in passes {
            guard options.runs(pass) else {
                trace.entries.append(.init(pass: pass.name, ran: false))
                continue
            }
            let context = PassContext(options: options)
            let start = DispatchTime.now().uptimeNanoseconds
            roots = try pass.run(roots, context)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let after = OpCensus(roots)
            trace.entries.append(.init(pass: pass.name, ran: true, seconds: seconds, before: before, after: after,
                                       loopBodies: context.loopBodyTraces))
            before = after
        }
        return (roots, trace)
    }
}

extension CompileOptions {
    /// Whether `pass` runs under these options: it is on, and so is every pass it requires.
    func runs(_ pass: CompilePass) -> Bool {
        !pass.isOptional || (isOn(pass.name) && pass.requires.allSatisfy(isOn))
    }
}
