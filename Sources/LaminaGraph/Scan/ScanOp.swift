import Foundation
import LaminaTensor

/// A loop whose body is a graph (Theano's `Scan` op). Build it with
/// ``scan(sequences:initialStates:nonSequences:steps:goBackwards:truncateGradient:body:)``.
///
/// Operands: the sequences (sliced along axis 0), the initial states, then the
/// non-sequences. Results: one per state, then one per extra output; each is
/// stacked along a new first axis of length `steps` (or, when `keepSteps` is
/// false for it, only the value of the last iteration is kept, in one buffer).
///
/// Iteration i reads position p(i) of every sequence, where p(i) = i, or
/// n − 1 − i when `reverse` is set, and stacks its outputs at the same
/// position p(i): outputs stay aligned with the sequences.
package struct ScanOp: MultiOutputOp {
    let body: ScanBody
    /// Iterate from the last sequence element to the first (outputs stay aligned).
    package let reverse: Bool
    /// Per result: keep every step (true) or only the last iteration's value.
    package let keepSteps: [Bool]
    /// The number of iterations when there are no sequences.
    package let steps: Int?
    /// Backpropagate through at most this many iterations (Theano's `truncate_gradient`).
    package let truncateGradient: Int?
    /// Per state: whether gradients flow through it (false for random-stream counters).
    package let differentiableStates: [Bool]
    /// The compiled body, set by the compiler's `compileLoopBodies` pass; a
    /// loop that has none (not yet compiled) cannot run.
    let compiled: CompiledLoopBody?

    var sequenceCount: Int { body.sequences.count }
    var stateCount: Int { body.states.count }
    var nonSequenceCount: Int { body.nonSequences.count }
    var extraCount: Int { body.extraOutputs.count }

    package var name: String { "scan" }
    package var description: String {
        "scan{body \(body.id), \(sequenceCount) seq, \(stateCount) states, \(extraCount) extra\(reverse ? ", reverse" : "")"
            + (keepSteps.contains(false) ? ", keep \(keepSteps.map { $0 ? "all" : "last" })" : "") + "}"
    }
    package var signature: String {
        description + "steps=\(steps.map(String.init) ?? "-"),trunc=\(truncateGradient.map(String.init) ?? "-")"
    }

    /// This loop with another body (not compiled yet), other kept steps, or its body compiled.
    func with(body: ScanBody? = nil, keepSteps: [Bool]? = nil, compiled: CompiledLoopBody? = nil) -> ScanOp {
        ScanOp(body: body ?? self.body, reverse: reverse, keepSteps: keepSteps ?? self.keepSteps, steps: steps,
               truncateGradient: truncateGradient, differentiableStates: differentiableStates,
               compiled: compiled ?? (body == nil ? self.compiled : nil))
    }

    /// The compiled body.
    /// - Throws: ``GraphError/runtime(op:detail:)`` when the loop was not compiled.
    func compiledBody() throws -> CompiledLoopBody {
        guard let compiled else {
            throw GraphError.runtime(op: name, detail: "the loop body is not compiled; run the loop through function(...), which compiles it")
        }
        return compiled
    }

    package func outputTypes(_ inputs: [TensorType]) throws -> [TensorType] {
        guard inputs.count == body.placeholders.count else {
            throw GraphError.invalidArgument(op: name, detail: "expects \(body.placeholders.count) operands (sequences, initial states, non-sequences), got \(inputs.count)")
        }
        let sequences = LoopOperands(inputs, of: self).sequences
        var length: Int? = steps
        for seq in sequences {
            guard seq.rank >= 1 else { throw GraphError.shapeMismatch(op: name, operands: [seq], detail: "a sequence needs a first axis to iterate over") }
            if let n = seq.shape[0] {
                if let l = length, l != n {
                    throw GraphError.shapeMismatch(op: name, operands: sequences, detail: "sequences of \(l) and \(n) steps")
                }
                length = n
            }
        }
        let outputs = body.outputs.map(\.type)
        return outputs.enumerated().map { k, t in keepSteps[k] ? TensorType(t.dtype, [length] + t.shape) : t }
    }

    /// The number of iterations for concrete operand shapes.
    func iterationCount(_ inputs: [[Int]]) throws -> Int {
        var n = steps
        for seq in LoopOperands(inputs, of: self).sequences {
            if let l = n, l != seq[0] {
                throw GraphError.runtime(op: name, detail: "sequences have \(l) and \(seq[0]) steps; all must have the same length")
            }
            n = seq[0]
        }
        guard let n else { throw GraphError.runtime(op: name, detail: "no sequence and no number of steps") }
        return n
    }

    /// The body plan's value of each placeholder, by group (-1 when the body does not use it).
    func placeholderValues(_ compiled: CompiledLoopBody) -> LoopOperands<Int> {
        LoopOperands(compiled.placeholderValues, of: self)
    }

    /// Binds the shapes of one iteration's placeholders: a slice of each sequence, the states and non-sequences whole.
    private func bindShapes(_ runner: PlanRunner, _ compiled: CompiledLoopBody, _ inputs: LoopOperands<[Int]>) {
        let values = placeholderValues(compiled)
        let shapes = LoopOperands(sequences: inputs.sequences.map { Array($0.dropFirst()) }, states: inputs.states,
                                  nonSequences: inputs.nonSequences)
        for (v, shape) in zip(values.all, shapes.all) where v >= 0 { runner.shapes[v] = shape }
    }

    package func outputShapes(_ inputs: [[Int]]) throws -> [[Int]] {
        let n = try iterationCount(inputs)
        let compiled = try compiledBody()
        let runner = compiled.borrowRunner()
        defer { compiled.release(runner) }
        let operands = LoopOperands(inputs, of: self)
        bindShapes(runner, compiled, operands)
        try runner.inferShapes()
        let shapes = runner.plan.outputValues.map { runner.shapes[$0] }
        for (k, (initial, returned)) in zip(operands.states, LoopResults(shapes, of: self).states).enumerated() where returned != initial {
            throw GraphError.runtime(op: name, detail: "state \(k) has shape \(formatShape(initial)) but the body returns \(formatShape(returned)) for it")
        }
        return zip(shapes, keepSteps).map { s, all in all ? [n] + s : s }
    }

    package func gradient(inputs: [Expr], outputs: [Expr], outputGradients: [Expr?]) throws -> [Expr?] {
        try scanGradient(self, inputs: inputs, outputs: outputs, outputGradients: outputGradients)
    }
}
