import Foundation
import LaminaTensor
import Synchronization

/// The body of a loop: a graph from placeholders (the current slices of the
/// sequences, the previous states, the non-sequences) to the next states and
/// the other per-step outputs. It is compiled once per set of options; each
/// running loop borrows a ``PlanRunner`` from a pool.
final class ScanBody: @unchecked Sendable {
    private static let counter = Atomic<Int>(0)

    /// A unique number, part of the loop op's signature.
    let id: Int
    let sequences: [Expr]
    let states: [Expr]
    let nonSequences: [Expr]
    let stateOutputs: [Expr]
    let extraOutputs: [Expr]
    /// The body this one extends with more extra outputs (same placeholders,
    /// same states, the same extra outputs first), if any.
    let extends: Int?

    private let lock = NSLock()
    private var plans: [CompileOptions: ExecutionPlan] = [:]
    private var pools: [CompileOptions: [PlanRunner]] = [:]

    init(sequences: [Expr], states: [Expr], nonSequences: [Expr], stateOutputs: [Expr], extraOutputs: [Expr],
         extends: Int? = nil) {
        id = ScanBody.counter.add(1, ordering: .relaxed).newValue
        self.extends = extends
        self.sequences = sequences
        self.states = states
        self.nonSequences = nonSequences
        self.stateOutputs = stateOutputs
        self.extraOutputs = extraOutputs
    }

    /// Placeholders in the order the plan binds them.
    var placeholders: [Expr] { sequences + states + nonSequences }
    var outputs: [Expr] { stateOutputs + extraOutputs }

    /// The compiled plan for `options` (compiled on first use).
    func plan(_ options: CompileOptions) throws -> ExecutionPlan {
        try lock.withLock {
            if let p = plans[options] { return p }
            let roots = try optimizeGraph(outputs, options: options)
            let p = try ExecutionPlan(inputs: placeholders, outputs: roots, updates: [], reuseBuffers: options.reuseBuffers)
            plans[options] = p
            return p
        }
    }

    /// A runner for `options`, from the pool or new; give it back with ``release(_:options:)``.
    func borrowRunner(_ options: CompileOptions) throws -> PlanRunner {
        let p = try plan(options)
        return lock.withLock {
            if let r = pools[options]?.popLast() { return r }
            let runner = PlanRunner(plan: p)
            // Constants are bound once.
            for (v, value) in p.values.enumerated() {
                if case .constant(let c) = value.source {
                    runner.bind(v, pointer: UnsafeRawPointer(c.buffer.pointer), shape: c.shape)
                }
            }
            return runner
        }
    }

    func release(_ runner: PlanRunner, options: CompileOptions) {
        lock.withLock { pools[options, default: []].append(runner) }
    }
}

