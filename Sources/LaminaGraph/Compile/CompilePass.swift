import Foundation

/// One named step of the compiler (LLVM's pass, PyTensor's rewriter): what it
/// is called, what it does, which passes it needs switched on, and the
/// function that rewrites the graph.
///
/// The passes and their order are ``CompilePipeline/passes``; a pass is
/// switched off by name with ``CompileOptions/switchingOff(_:)`` or
/// `LAMINA_COMPILE_OFF` (see ``CompileOptions/fromEnvironment(_:)``).
public struct CompilePass: Sendable {
    /// The name that lists, switches off and traces the pass (`"gemm"`).
    public let name: String
    /// What the pass does, in one sentence.
    public let summary: String
    /// Passes that must also be on for this one to run (it works on their
    /// results); with one of them off, this one is skipped.
    public let requires: [String]
    /// Whether the pass can be switched off (the compilation of loop bodies cannot:
    /// a loop runs its compiled body).
    public let isOptional: Bool
    /// Rewrites the graph of `roots`, returning the new roots.
    let run: @Sendable (_ roots: [Expr], _ context: PassContext) throws -> [Expr]

    init(_ name: String, requires: [String] = [], optional: Bool = true, _ summary: String,
         run: @escaping @Sendable (_ roots: [Expr], _ context: PassContext) throws -> [Expr]) {
        self.name = name
        self.summary = summary
        self.requires = requires
        self.isOptional = optional
        self.run = run
    }
}

/// What a pass may read besides the graph: the options of the compilation,
/// and the place to leave the traces of loop bodies it compiles.
final class PassContext {
    let options: CompileOptions
    /// The traces of the loop bodies compiled by the current pass.
    var loopBodyTraces: [CompileTrace] = []

    init(options: CompileOptions) { self.options = options }
}
