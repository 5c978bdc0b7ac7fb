import Foundation
import LaminaTensor

/// Compiles a graph into a callable function (Theano's `theano.function`).
///
/// Compilation substitutes `givens`, rewrites the graph with the passes of
/// ``CompilePipeline`` that `options` leaves on (loop bodies included), orders
/// it, and plans its buffers. Each call then only
/// checks its arguments and runs kernels over buffers allocated on the first
/// call (and regrown only if a later call's shapes are larger).
///
/// - Parameters:
///   - inputs: the input placeholders, in the order the function takes arguments.
///   - outputs: the expressions to compute.
///   - updates: pairs (shared variable, new value). All new values are computed
///     from the values before the call, then assigned together, after the outputs.
///   - givens: pairs (expression, replacement) substituted before compiling.
///   - options: which passes to run (``CompilePipeline/passes`` lists them;
///     ``CompileOptions/fromEnvironment(_:)`` reads `LAMINA_COMPILE_OFF`).
///   - noDefaultUpdates: skip the default updates of the shared variables the
///     graph uses (Theano's `no_default_updates`); by default they are applied.
/// - Throws: ``GraphError`` for an input the graph needs but `inputs` lacks, a
///   non-input in `inputs`, or an update or given whose type does not match.
public func function(inputs: [Expr], outputs: [Expr], updates: [(Shared, Expr)] = [],
                     givens: [(Expr, Expr)] = [], options: CompileOptions = .default,
                     noDefaultUpdates: Bool = false) throws -> Function {
    var all = updates
    if !noDefaultUpdates {
        // Shared variables with a default update (random-stream counters, ...)
        // that the graph uses and `updates` does not mention.
        var pending = GraphTraversal.sharedVariables(of: outputs + updates.map(\.1))
        var covered = Set(updates.map { ObjectIdentifier($0.0) })
        while let variable = pending.popLast() {
            guard let update = variable.defaultUpdate, covered.insert(ObjectIdentifier(variable)).inserted else { continue }
            all.append((variable, update))
            pending += GraphTraversal.sharedVariables(of: [update])
        }
    }
    return try Function(inputs: inputs, outputs: outputs, updates: all, givens: givens, options: options)
}

/// A compiled graph; call it with arrays for its inputs.
public final class Function: @unchecked Sendable {
    /// The input placeholders, in argument order.
    public let inputs: [Expr]
    /// The outputs after rewriting (what actually runs).
    public let compiledOutputs: [Expr]
    /// What each pass of ``CompilePipeline`` did while compiling this function
    /// (its time and the ops it added or removed), loop bodies included;
    /// `print(f.compileTrace)` shows it as a table.
    public let compileTrace: CompileTrace
    let runner: PlanRunner
    var plan: ExecutionPlan { runner.plan }
    private let lock = NSLock()

    init(inputs: [Expr], outputs: [Expr], updates: [(Shared, Expr)], givens: [(Expr, Expr)], options: CompileOptions) throws {
        for x in inputs where !x.isInput {
            throw GraphError.function("\(x) is not an input placeholder; use Expr.input(...) or pass it through givens")
        }
        if Set(inputs.map(ObjectIdentifier.init)).count != inputs.count {
            throw GraphError.function("an input is listed twice")
        }
        var seenShared = Set<ObjectIdentifier>()
        for (variable, value) in updates {
            guard seenShared.insert(ObjectIdentifier(variable)).inserted else {
                throw GraphError.function("shared variable \(variable.name ?? "?") has two updates")
            }
            guard value.dtype == variable.dtype, value.rank == variable.rank,
                  zip(value.shape, variable.shape).allSatisfy({ $0.0 == nil || $0.1 == nil || $0.0 == $0.1 }) else {
                throw GraphError.function("the update of \(variable.name ?? "?") (\(variable.type)) has type \(value.type)")
            }
        }
        for (old, new) in givens where old.dtype != new.dtype || old.rank != new.rank {
            throw GraphError.function("given \(old) is replaced by \(new) of a different type")
        }
        var roots = outputs + updates.map(\.1)
        if !givens.isEmpty {
            roots = try GraphTraversal.replacing(Dictionary(givens, uniquingKeysWith: { a, _ in a }), in: roots)
        }
        (roots, compileTrace) = try CompilePipeline.run(roots, options: options)
        self.inputs = inputs
        compiledOutputs = Array(roots.prefix(outputs.count))
        let compiledUpdates = zip(updates.map(\.0), roots.dropFirst(outputs.count)).map { ($0, $1) }
        runner = PlanRunner(plan: try ExecutionPlan(inputs: inputs, outputs: compiledOutputs, updates: compiledUpdates,
                                                    reuseBuffers: options.reuseBuffers))
    }

    /// The ops the function runs, in order, one per step (for example
    /// `["gemm{NN}", "fused{tanh,mul}"]`).
    public var steps: [String] { plan.steps.map { $0.op.description } }

    /// The number of distinct buffers the steps write.
    public var bufferCount: Int { plan.bufferCount }

    /// Calls the function.
    /// - Returns: one array per output (fresh copies the caller owns).
    /// - Throws: ``GraphError`` for a wrong number of arguments, or an argument of
    ///   the wrong dtype or shape; errors of kernels (such as an index out of
    ///   range) as ``GraphError/runtime(op:detail:)``. A call that throws
    ///   applies no updates.
    public func callAsFunction(_ arguments: NDArray...) throws -> [NDArray] { try call(arguments) }

    /// Calls the function with arguments in the order of ``inputs``.
    public func call(_ arguments: [NDArray]) throws -> [NDArray] {
        guard arguments.count == inputs.count else {
            throw GraphError.function("expected \(inputs.count) argument(s) (\(inputs.map { $0.name ?? "?" }.joined(separator: ", "))), got \(arguments.count)")
        }
        for (x, a) in zip(inputs, arguments) where !x.type.accepts(a) {
            throw GraphError.function("argument \(x.name ?? "?") must be \(x.type), got \(a.dtype) array of shape \(formatShape(a.shape))")
        }
        return try lock.withLock { try run(arguments) }
    }

    /// Calls the function with arguments given by input placeholder.
    public func call(_ arguments: [Expr: NDArray]) throws -> [NDArray] {
        let unknown = arguments.keys.filter { key in !inputs.contains { $0 === key } }
        guard unknown.isEmpty else {
            throw GraphError.function("\(unknown.map { $0.name ?? "?" }.sorted().joined(separator: ", ")) is not an input of this function (its inputs: \(inputs.map { $0.name ?? "?" }.joined(separator: ", ")))")
        }
        let missing = inputs.filter { arguments[$0] == nil }
        guard missing.isEmpty else {
            throw GraphError.function("missing argument(s) \(missing.map { $0.name ?? "?" }.joined(separator: ", "))")
        }
        return try call(inputs.map { arguments[$0]! })
    }

    /// Runs the plan. Outputs are returned without copying: an output array
    /// shares its buffer with the function, which allocates a fresh buffer on a
    /// later call only if the caller still holds the array (arrays are copy on
    /// write, so neither side sees the other's writes). An update hands the
    /// computed buffer to the shared variable and takes back the variable's
    /// old buffer, so steady-state training steps allocate nothing.
    private func run(_ arguments: [NDArray]) throws -> [NDArray] {
        var external = [NDArray?](repeating: nil, count: plan.values.count)
        for (v, value) in plan.values.enumerated() {
            switch value.source {
            case .input(let k): external[v] = arguments[k]
            case .shared(let s): external[v] = s.value
            case .constant(let c): external[v] = c
            case .step: continue
            }
            runner.bind(v, pointer: UnsafeRawPointer(external[v]!.buffer.pointer), shape: external[v]!.shape)
        }
        try withExtendedLifetime(external) { try runner.execute() }
        let results = plan.outputValues.map { runner.array($0, external: external) }
        let newValues = plan.updateValues.map { ($0.0, runner.array($0.1, external: external), plan.values[$0.1].buffer) }
        external = []
        // Check every new value before assigning any, so a misfit applies no update:
        // a fixed axis may get its value from an axis of unknown size.
        for (variable, value, _) in newValues where !variable.type.accepts(value) {
            throw GraphError.function("the update of \(variable.name ?? "?") (\(variable.type)) computed a value of shape \(formatShape(value.shape))")
        }
        for (variable, value, slot) in newValues {
            var old: TensorBuffer? = variable.exchangeValue(value)
            // Take the variable's old buffer back for the slot if nobody else holds it.
            if let slot, value.buffer === runner.buffers[slot], isKnownUniquelyReferenced(&old), old!.byteCapacity >= value.byteCount {
                runner.buffers[slot] = old
            }
        }
        return results
    }
}

extension Expr {
    /// Evaluates the expression (compiling it on the fly), feeding `inputs`
    /// to the placeholders it depends on. Meant for exploration and tests.
    public func eval(_ inputs: [Expr: NDArray] = [:]) throws -> NDArray {
        let placeholders = Array(inputs.keys).sorted { $0.id < $1.id }
        let f = try function(inputs: placeholders, outputs: [self])
        return try f.call(inputs)[0]
    }
}
