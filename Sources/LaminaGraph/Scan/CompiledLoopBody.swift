import Foundation
import LaminaTensor

/// A loop body compiled by ``CompilePipeline`` (its `compileLoopBodies` pass,
/// while the enclosing function is compiled): the plan one iteration runs,
/// the trace of its compilation, and a pool of runners, one per loop running
/// at a time.
final class CompiledLoopBody: @unchecked Sendable {
    /// The body's plan: inputs are the body's placeholders, in the order of ``ScanBody/placeholders``.
    let plan: ExecutionPlan
    /// What each pass did to the body.
    let trace: CompileTrace
    /// The plan's value of each placeholder, in the order of ``ScanBody/placeholders`` (-1 when
    /// the body does not read it): found once here, not at every run of the loop.
    let placeholderValues: [Int]
    private let lock = NSLock()
    private var pool: [PlanRunner] = []

    /// Compiles `body` with `options`.
    init(_ body: ScanBody, options: CompileOptions) throws {
        let (roots, trace) = try CompilePipeline.run(body.outputs, options: options)
        plan = try ExecutionPlan(inputs: body.placeholders, outputs: roots, updates: [], reuseBuffers: options.reuseBuffers)
        self.trace = trace
        var values = [Int](repeating: -1, count: body.placeholders.count)
        for (v, value) in plan.values.enumerated() {
            if case .input(let k) = value.source { values[k] = v }
        }
        placeholderValues = values
    }

    /// A runner, from the pool or new; give it back with ``release(_:)``.
    func borrowRunner() -> PlanRunner {
        lock.withLock {
            if let r = pool.popLast() { return r }
            let runner = PlanRunner(plan: plan)
            // Constants are bound once.
            for (v, value) in plan.values.enumerated() {
                if case .constant(let c) = value.source {
                    runner.bind(v, pointer: UnsafeRawPointer(c.buffer.pointer), shape: c.shape)
                }
            }
            return runner
        }
    }

    func release(_ runner: PlanRunner) {
        lock.withLock { pool.append(runner) }
    }
}

/// Compiles the body of every loop in the graph of `roots` with the options
/// of `context` (each distinct body once), leaving the body traces in `context`.
func compileLoopBodies(_ roots: [Expr], context: PassContext) throws -> [Expr] {
    var compiled: [ObjectIdentifier: CompiledLoopBody] = [:]
    return try rewriteGraph(roots) { node in
        guard let loop = node.op as? ScanOp else { return nil }
        let key = ObjectIdentifier(loop.body)
        let body = try compiled[key] ?? {
            let new = try CompiledLoopBody(loop.body, options: context.options)
            context.loopBodyTraces.append(new.trace)
            return new
        }()
        compiled[key] = body
        return try Expr.apply(loop.with(compiled: body), node.inputs)
    }
}
