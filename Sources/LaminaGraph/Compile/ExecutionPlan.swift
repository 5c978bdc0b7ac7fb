import LaminaTensor

/// The scheduled form of a compiled graph: values, the steps that compute
/// them, and which buffer each step writes.
struct ExecutionPlan {
    /// Where a value comes from.
    enum Source {
        case input(Int)
        case shared(Shared)
        case constant(NDArray)
        /// Computed by step `i`.
        case step(Int)
    }

    struct Value {
        let expr: Expr
        let source: Source
        /// The buffer holding it (computed values only); views share their operand's.
        var buffer: Int?
    }

    struct Step {
        let op: any Op
        let operands: [Int]
        let output: Int
    }

    var values: [Value] = []
    var steps: [Step] = []
    var bufferCount = 0
    var outputValues: [Int] = []
    var updateValues: [(Shared, Int)] = []

    /// Schedules `outputs` and update values (already rewritten) in topological order.
    init(inputs: [Expr], outputs: [Expr], updates: [(Shared, Expr)], reuseBuffers: Bool) throws {
        var index: [ObjectIdentifier: Int] = [:]
        let inputPosition = Dictionary(uniqueKeysWithValues: inputs.enumerated().map { (ObjectIdentifier($0.element), $0.offset) })
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
                steps.append(Step(op: op, operands: operands.map { index[ObjectIdentifier($0)]! }, output: values.count))
                source = .step(steps.count - 1)
            }
            index[ObjectIdentifier(node)] = values.count
            values.append(Value(expr: node, source: source, buffer: nil))
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
        for (i, step) in steps.enumerated() {
            let out = step.output
            if step.op.isView {
                if let b = values[step.operands[0]].buffer {
                    values[out].buffer = b
                    bufferEnd[b] = max(bufferEnd[b], lastUse[out])
                }
                // A view of an input, shared variable or constant needs no buffer.
                continue
            }
            var chosen: Int? = nil
            if reuse {
                for (k, operand) in step.operands.enumerated() {
                    guard step.op.canOverwrite(operand: k), let b = values[operand].buffer, bufferEnd[b] <= i,
                          values[operand].expr.type.shape == values[out].expr.type.shape,
                          values[operand].expr.dtype.byteSize == values[out].expr.dtype.byteSize else { continue }
                    chosen = b
                    break
                }
                if chosen == nil, let b = freeBuffers.popLast() { chosen = b }
            }
            let b = chosen ?? { bufferEnd.append(-1); bufferCount += 1; return bufferCount - 1 }()
            values[out].buffer = b
            bufferEnd[b] = max(bufferEnd[b], lastUse[out], i)
            // A buffer is free once the last step reading any of its values has run;
            // that step has one of those values as an operand (or wrote it, if unread).
            if reuse {
                for ob in Set(step.operands.compactMap { values[$0].buffer } + [b]).sorted() where bufferEnd[ob] <= i {
                    if !freeBuffers.contains(ob) { freeBuffers.append(ob) }
                }
            }
        }
    }
}
