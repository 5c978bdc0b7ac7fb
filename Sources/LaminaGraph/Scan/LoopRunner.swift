import LaminaTensor

/// Where the loop runner puts one result of a loop at each iteration, decided once per run of
/// the loop from the body's plan.
enum LoopResultRoute {
    /// The body's own step writes straight into the result: into this iteration's row when
    /// every step is kept, else (an extra output of which only the last step is kept) into the
    /// result itself, overwritten at every iteration. No copy.
    case direct
    /// A state of which only the last step is kept, written by its own step: it alternates
    /// between two scratch buffers (a step must not overwrite the state it reads), and the last
    /// one is copied out once, after the loop.
    case alternating([TensorBuffer])
    /// Copied after each iteration from wherever the body leaves it (a view of another value,
    /// a placeholder or constant, or a value that is more than one result).
    case copied

    /// The route of each result of `plan` (a compiled loop body): ``direct`` for a value its
    /// own non-view step computes and that is no other result; states of which only the last
    /// step is kept get ``alternating`` buffers of `bytes` each.
    static func routes(_ plan: ExecutionPlan, of loop: ScanOp, bytes: [Int]) -> LoopResults<LoopResultRoute> {
        let routes = plan.outputValues.enumerated().map { k, v -> LoopResultRoute in
            guard case .step(let i, _) = plan.values[v].source, !plan.steps[i].isView,
                  plan.outputValues.lazy.filter({ $0 == v }).count == 1 else { return .copied }
            return .direct
        }
        var split = LoopResults(routes, of: loop)
        for (k, route) in split.states.enumerated() where !loop.keepSteps[k] {
            if case .direct = route {
                split.states[k] = .alternating([TensorBuffer(uninitializedByteCapacity: bytes[k]),
                                                TensorBuffer(uninitializedByteCapacity: bytes[k])])
            }
        }
        return split
    }
}

extension ScanOp {
    /// Runs the loop (the loop runner): iteration i binds row p(i) of each sequence and the
    /// previous states to the body's placeholders as pointers into the operands (no slice is
    /// copied), points each result its body computes at its place in `outputs` (see
    /// ``LoopResultRoute``), and runs the compiled body. Shapes are the same at every
    /// iteration, so they are bound once (and inferred at the first iteration only); an iteration
    /// moves pointers only, and allocates nothing.
    package func evaluate(_ inputs: [RawOperand], into outputs: [RawOutput], shapes: [[Int]]) throws {
        let n = try iterationCount(inputs.map(\.shape))
        guard n > 0 || !keepSteps.contains(false) else {
            throw GraphError.runtime(op: name, detail: "a loop of zero steps has no last step to return")
        }
        let compiled = try compiledBody()
        let runner = compiled.borrowRunner()
        defer { compiled.release(runner) }
        let plan = runner.plan
        let slots = placeholderValues(compiled)
        let operands = LoopOperands(inputs, of: self)
        // One iteration's shape and size of each sequence slice and each result.
        let sliceShapes = operands.sequences.map { Array($0.shape.dropFirst()) }
        let sliceBytes = zip(sliceShapes, operands.sequences).map { $0.reduce(1, *) * $1.dtype.byteSize }
        let resultShapes = zip(shapes, keepSteps).map { shape, all in all ? Array(shape.dropFirst()) : shape }
        let resultBytes = zip(resultShapes, outputs).map { $0.reduce(1, *) * $1.dtype.byteSize }
        let bytes = LoopResults(resultBytes, of: self)
        let values = LoopResults(plan.outputValues, of: self)
        let results = LoopResults(outputs.map(\.pointer), of: self)
        let keep = LoopResults(keepSteps, of: self)
        let routes = LoopResultRoute.routes(plan, of: self, bytes: resultBytes)

        // Shapes, and the pointers that do not move, are bound once.
        for (v, operand) in zip(slots.nonSequences, operands.nonSequences) where v >= 0 {
            runner.bind(v, pointer: operand.pointer, shape: operand.shape)
        }
        for (k, v) in slots.sequences.enumerated() where v >= 0 {
            runner.bind(v, pointer: operands.sequences[k].pointer, shape: sliceShapes[k])
        }
        for (v, (initial, shape)) in zip(slots.states, zip(operands.states, LoopResults(resultShapes, of: self).states)) where v >= 0 {
            runner.bind(v, pointer: initial.pointer, shape: shape)
        }
        defer { for v in plan.outputValues { runner.destinations[v] = nil } }
        for (k, v) in values.extras.enumerated() where !keep.extras[k] {
            if case .direct = routes.extras[k] { runner.destinations[v] = results.extras[k] }
        }

        // Where each state's value of the previous iteration lies.
        var previous: [UnsafeRawPointer] = operands.states.map(\.pointer)
        for i in 0..<n {
            let p = reverse ? n - 1 - i : i
            for (k, v) in slots.sequences.enumerated() where v >= 0 {
                runner.pointers[v] = operands.sequences[k].pointer + p * sliceBytes[k]
            }
            for (k, v) in slots.states.enumerated() where v >= 0 { runner.pointers[v] = previous[k] }
            // This iteration's place of each result its body step writes.
            for (k, v) in values.states.enumerated() {
                switch routes.states[k] {
                case .direct: runner.destinations[v] = results.states[k] + p * bytes.states[k]
                case .alternating(let buffers): runner.destinations[v] = buffers[i % 2].pointer
                case .copied: break
                }
            }
            for (k, v) in values.extras.enumerated() where keep.extras[k] {
                if case .direct = routes.extras[k] { runner.destinations[v] = results.extras[k] + p * bytes.extras[k] }
            }
            // Bound shapes do not change between iterations, so the runner infers them once.
            try runner.execute(sameShapes: i > 0)
            if i == 0 { try checkResultShapes(runner, values: plan.outputValues, expected: resultShapes) }
            for (k, v) in values.states.enumerated() {
                let row = results.states[k] + (keep.states[k] ? p * bytes.states[k] : 0)
                switch routes.states[k] {
                case .direct: previous[k] = UnsafeRawPointer(row)
                case .alternating: previous[k] = runner.pointers[v]!
                case .copied:
                    copy(runner.pointers[v]!, to: row, bytes: bytes.states[k])
                    previous[k] = UnsafeRawPointer(row)
                }
            }
            for (k, v) in values.extras.enumerated() {
                if case .copied = routes.extras[k] {
                    copy(runner.pointers[v]!, to: results.extras[k] + (keep.extras[k] ? p * bytes.extras[k] : 0), bytes: bytes.extras[k])
                }
            }
        }
        for (k, route) in routes.states.enumerated() {
            if case .alternating = route { results.states[k].copyMemory(from: previous[k], byteCount: bytes.states[k]) }
        }
    }

    /// Copies one iteration's result unless it is already where it belongs.
    @inline(__always)
    private func copy(_ source: UnsafeRawPointer, to destination: UnsafeMutableRawPointer, bytes: Int) {
        if source != UnsafeRawPointer(destination) { destination.copyMemory(from: source, byteCount: bytes) }
    }

    /// Checks, after the first iteration, that the body returned each result in its expected
    /// shape (the shapes cannot change from one iteration to the next).
    /// - Throws: ``GraphError/runtime(op:detail:)`` naming the result and both shapes.
    private func checkResultShapes(_ runner: PlanRunner, values: [Int], expected: [[Int]]) throws {
        for (k, (v, shape)) in zip(values, expected).enumerated() where runner.shapes[v] != shape {
            throw GraphError.runtime(op: name, detail: "output \(k) has shape \(formatShape(runner.shapes[v])), expected \(formatShape(shape))")
        }
    }
}
