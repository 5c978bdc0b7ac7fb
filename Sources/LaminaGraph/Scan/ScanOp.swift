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
    private func compiledBody() throws -> CompiledLoopBody {
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

    /// The plan value of each placeholder, by group (-1 when the body does not use it).
    private func placeholderValues(_ plan: ExecutionPlan) -> LoopOperands<Int> {
        var result = [Int](repeating: -1, count: body.placeholders.count)
        for (v, value) in plan.values.enumerated() {
            if case .input(let k) = value.source { result[k] = v }
        }
        return LoopOperands(result, of: self)
    }

    /// Binds the shapes of one iteration's placeholders: a slice of each sequence, the states and non-sequences whole.
    private func bindShapes(_ runner: PlanRunner, _ inputs: LoopOperands<[Int]>) {
        let values = placeholderValues(runner.plan)
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
        bindShapes(runner, operands)
        try runner.inferShapes()
        let shapes = runner.plan.outputValues.map { runner.shapes[$0] }
        for (k, initial) in operands.states.enumerated() where shapes[k] != initial {
            throw GraphError.runtime(op: name, detail: "state \(k) has shape \(formatShape(initial)) but the body returns \(formatShape(shapes[k])) for it")
        }
        return shapes.enumerated().map { k, s in keepSteps[k] ? [n] + s : s }
    }

    package func evaluate(_ inputs: [RawOperand], into outputs: [RawOutput], shapes: [[Int]]) throws {
        let n = try iterationCount(inputs.map(\.shape))
        guard n > 0 || !keepSteps.contains(false) else {
            throw GraphError.runtime(op: name, detail: "a loop of zero steps has no last step to return")
        }
        let compiled = try compiledBody()
        let runner = compiled.borrowRunner()
        defer { compiled.release(runner) }
        let plan = runner.plan
        let slots = placeholderValues(plan)
        let operands = LoopOperands(inputs, of: self)
        func bind(_ v: Int, _ pointer: UnsafeRawPointer, _ shape: [Int]) {
            if v >= 0 { runner.bind(v, pointer: pointer, shape: shape) }
        }
        for (v, operand) in zip(slots.nonSequences, operands.nonSequences) { bind(v, operand.pointer, operand.shape) }
        let sliceShapes = operands.sequences.map { Array($0.shape.dropFirst()) }
        let sliceBytes = zip(sliceShapes, operands.sequences).map { $0.reduce(1, *) * $1.dtype.byteSize }
        let resultShapes = (0..<(stateCount + extraCount)).map { keepSteps[$0] ? Array(shapes[$0].dropFirst()) : shapes[$0] }
        let resultBytes = (0..<(stateCount + extraCount)).map { resultShapes[$0].reduce(1, *) * outputs[$0].dtype.byteSize }
        var previous: [UnsafeRawPointer] = operands.states.map(\.pointer)
        // An output value written by a non-view step that is no other output.
        let directlyWritable: [Bool] = plan.outputValues.enumerated().map { k, v in
            guard case .step(let i, _) = plan.values[v].source, !plan.steps[i].isView else { return false }
            return plan.outputValues.filter { $0 == v }.count == 1
        }
        defer { for v in plan.outputValues { runner.destinations[v] = nil } }
        // A state whose last step alone is returned, written by its own step, alternates
        // between two scratch buffers (a step must not overwrite the state it reads); the
        // final one is copied out once, instead of copying the state at every iteration.
        let alternating: [[TensorBuffer]] = (0..<stateCount).map { k in
            directlyWritable[k] && !keepSteps[k] ? [TensorBuffer(uninitializedByteCapacity: resultBytes[k]),
                                                    TensorBuffer(uninitializedByteCapacity: resultBytes[k])] : []
        }
        for i in 0..<n {
            let p = reverse ? n - 1 - i : i
            for (k, sequence) in operands.sequences.enumerated() {
                bind(slots.sequences[k], sequence.pointer + p * sliceBytes[k], sliceShapes[k])
            }
            for k in 0..<stateCount { bind(slots.states[k], previous[k], resultShapes[k]) }
            // Outputs computed by their own step are written straight into this
            // iteration's row of the results (no copy); a state of which only the
            // last step is kept goes to this iteration's scratch buffer.
            for (k, v) in plan.outputValues.enumerated() where directlyWritable[k] {
                let destination = outputs[k].pointer + (keepSteps[k] ? p * resultBytes[k] : 0)
                runner.destinations[v] = k < stateCount && !keepSteps[k] ? alternating[k][i % 2].pointer : destination
            }
            try runner.execute()
            for (k, v) in plan.outputValues.enumerated() {
                guard runner.shapes[v] == resultShapes[k] else {
                    throw GraphError.runtime(op: name, detail: "iteration \(i): output \(k) has shape \(formatShape(runner.shapes[v])), expected \(formatShape(resultShapes[k]))")
                }
                let source = runner.pointers[v]!
                if k < stateCount && !alternating[k].isEmpty {
                    previous[k] = source // the scratch buffer of this iteration
                    continue
                }
                let destination = outputs[k].pointer + (keepSteps[k] ? p * resultBytes[k] : 0)
                if source != UnsafeRawPointer(destination) {
                    destination.copyMemory(from: source, byteCount: resultBytes[k])
                }
                if k < stateCount { previous[k] = UnsafeRawPointer(destination) }
            }
        }
        for k in 0..<stateCount where !alternating[k].isEmpty {
            outputs[k].pointer.copyMemory(from: previous[k], byteCount: resultBytes[k])
        }
    }

    package func gradient(inputs: [Expr], outputs: [Expr], outputGradients: [Expr?]) throws -> [Expr?] {
        try scanGradient(self, inputs: inputs, outputs: outputs, outputGradients: outputGradients)
    }
}
