import LaminaTensor

/// The scheduled form of a compiled graph: values, the steps that compute
/// them, and which buffer each step writes.
struct ExecutionPlan {
    /// Where a value comes from.
    enum Source {
        case input(Int)
        case shared(Shared)
        case constant(NDArray)
        /// Result `result` of step `step`.
        case step(Int, result: Int)
    }

    struct Value {
        let expr: Expr
        let source: Source
        /// The buffer holding it (computed values only); views share their operand's.
        var buffer: Int?
    }

    /// A class, so that the runner's `let step = plan.steps[i]`, done for every
    /// step of every call and loop iteration, retains one object rather than
    /// copying each field (as a struct, the copies and their reference counts
    /// took about 5% of a harness run; see BENCHMARKS.md, session 12).
    final class Step {
        let op: any Op
        let operands: [Int]
        /// One value per result (one for ordinary ops).
        let outputs: [Int]
        /// The op as a multi-output op, if it is one (cast once here, not on every run).
        let multi: (any MultiOutputOp)?
        /// Whether the result is a view of the first operand.
        let isView: Bool
        /// The operands whose broadcasting the runner checks (see
        /// ``PlanRunner``): those of an elementwise op, or the added term of a
        /// GEMM, that have an axis of unknown size. Axes of known size cannot
        /// turn out to be 1 unexpectedly, so most steps check nothing.
        var checkedOperands: [Int] = []
        var output: Int { outputs[0] }

        init(op: any Op, operands: [Int], outputs: [Int]) {
            self.op = op
            self.operands = operands
            self.outputs = outputs
            multi = op as? any MultiOutputOp
            isView = op.isView
        }
    }

    var values: [Value] = []
    var steps: [Step] = []
    var bufferCount = 0
    var outputValues: [Int] = []
    var updateValues: [(Shared, Int)] = []

    /// Schedules `outputs` and update values (already rewritten) in topological order.
    init(inputs: [Expr], outputs: [Expr], updates: [(Shared, Expr)], reuseBuffers: Bool) throws {
        var index: [ObjectIdentifier: Int] = [:]
        var resultValues: [ObjectIdentifier: [Int]] = [:]
        let inputPosition = Dictionary(inputs.enumerated().map { (ObjectIdentifier($0.element), $0.offset) }, uniquingKeysWith: { a, _ in a })
        for node in GraphTraversal.topologicalOrder(outputs + updates.map(\.1)) {
            let source: Source
            switch node.kind {
            case .input:
                guard let k = inputPosition[ObjectIdentifier(node)] else {
                    throw GraphError.function("the graph needs input \(node.name ?? "?") (\(node.type)), which is not among the function's inputs")
                }
                source = .input(k)
            case .shared: source = .shared(node as! Shared)
            case .constant(let v): source = .constant(v)
            case .apply(let op, let operands):
                if let (main, k) = node.selectedOutput {
                    // A result selector is the value its op's step already produces.
                    index[ObjectIdentifier(node)] = resultValues[ObjectIdentifier(main)]![k]
                    continue
                }
                let operandValues = operands.map { index[ObjectIdentifier($0)]! }
                if let multi = op as? any MultiOutputOp {
                    let types = try multi.outputTypes(operands.map(\.type))
                    let first = values.count
                    values.append(Value(expr: node, source: .step(steps.count, result: 0), buffer: nil))
                    for k in types.indices.dropFirst() {
                        let selector = try Expr.apply(OutputOfOp(index: k, resultType: types[k]), [node])
                        values.append(Value(expr: selector, source: .step(steps.count, result: k), buffer: nil))
                    }
                    let all = Array(first..<values.count)
                    resultValues[ObjectIdentifier(node)] = all
                    steps.append(Step(op: op, operands: operandValues, outputs: all))
                    index[ObjectIdentifier(node)] = first
                    continue
                }
                steps.append(Step(op: op, operands: operandValues, outputs: [values.count]))
                source = .step(steps.count - 1, result: 0)
            }
            index[ObjectIdentifier(node)] = values.count
            values.append(Value(expr: node, source: source, buffer: nil))
        }
        for i in steps.indices {
            let elementwise = steps[i].op is ElementwiseOp || steps[i].op is FusedElementwiseOp
            let candidates: [Int] = elementwise ? Array(steps[i].operands.indices) : (steps[i].op is GemmOp ? [2] : [])
            steps[i].checkedOperands = candidates.filter { values[steps[i].operands[$0]].expr.type.shape.contains(nil) }
        }
        outputValues = outputs.map { index[ObjectIdentifier($0)]! }
        updateValues = updates.map { ($0.0, index[ObjectIdentifier($0.1)]!) }
        planBuffers(reuse: reuseBuffers)
    }

    /// Assigns buffers: views alias their operand; with `reuse`, an op that
    /// may overwrite a dying operand of its shape writes there, and a buffer
    /// whose values are all dead is handed to the next value that needs one.
    mutating func planBuffers(reuse: Bool) {
        let forever = Int.max
        var lastUse = [Int](repeating: -1, count: values.count)
        for (i, step) in steps.enumerated() { for v in step.operands { lastUse[v] = max(lastUse[v], i) } }
        for v in outputValues { lastUse[v] = forever }
        for (_, v) in updateValues { lastUse[v] = forever }
        var bufferEnd: [Int] = []       // last step that reads any value in the buffer
        var freeBuffers: [Int] = []
        func newBuffer() -> Int {
            bufferEnd.append(-1)
            bufferCount += 1
            return bufferCount - 1
        }
        for (i, step) in steps.enumerated() {
            if step.op.isView {
                let out = step.output
                if let b = values[step.operands[0]].buffer {
                    values[out].buffer = b
                    bufferEnd[b] = max(bufferEnd[b], lastUse[out])
                }
                // A view of an input, shared variable or constant needs no buffer.
                continue
            }
            var written: [Int] = []
            for (r, out) in step.outputs.enumerated() {
                var chosen: Int? = nil
                if reuse && r == 0 && step.multi == nil {
                    for (k, operand) in step.operands.enumerated() {
                        guard step.op.canOverwrite(operand: k), let b = values[operand].buffer, bufferEnd[b] <= i,
                              !written.contains(b),
                              values[operand].expr.type.shape == values[out].expr.type.shape,
                              values[operand].expr.dtype.byteSize == values[out].expr.dtype.byteSize else { continue }
                        chosen = b
                        break
                    }
                }
                if reuse && chosen == nil, let b = freeBuffers.popLast() { chosen = b }
                let b = chosen ?? newBuffer()
                values[out].buffer = b
                bufferEnd[b] = max(bufferEnd[b], lastUse[out], i)
                written.append(b)
            }
            // A buffer is free once the last step reading any of its values has run;
            // that step has one of those values as an operand (or wrote it, if unread).
            if reuse {
                for ob in Set(step.operands.compactMap { values[$0].buffer } + written).sorted() where bufferEnd[ob] <= i {
                    if !freeBuffers.contains(ob) { freeBuffers.append(ob) }
                }
            }
        }
    }
}
