/// The rewrite pipeline of `function`, in order: loop merging, input
/// hoisting and weight packing, stabilization, constant
/// folding, merging duplicates, merging slice gradients, saving loop memory,
/// joining slices in place, GEMM (and windows of packed products), elementwise fusion. Loops (`scan`)
/// take the same options for their bodies.
func optimizeGraph(_ roots: [Expr], options: CompileOptions) throws -> [Expr] {
    var roots = try mergeExtendedLoops(roots)
    if options.hoistLoopInputs { roots = try hoistLoopInputs(roots, keepingPackable: options.packLoopWeights) }
    if options.packLoopWeights { roots = try packLoopWeights(roots) }
    roots = try configureLoops(roots, options: options)
    if options.stabilize { roots = try stabilize(roots) }
    if options.constantFolding { roots = try foldConstants(roots) }
    if options.mergeDuplicates { roots = try mergeDuplicates(roots) }
    if options.mergeSliceGradients { roots = try mergeSliceGradients(roots) }
    if options.saveLoopMemory { roots = try saveLoopMemory(roots) }
    if options.concatenateSlicesInPlace { roots = try concatenateSlicesInPlace(roots) }
    if options.gemm { roots = try rewriteGemm(roots) }
    if options.gemm && options.packLoopWeights { roots = try windowPackedProducts(roots) }
    if options.fuseElementwise { roots = try fuseElementwise(roots) }
    if options.fuseElementwise && options.fuseMultipleOutputs { roots = try fuseMultiOutput(roots) }
    return roots
}
