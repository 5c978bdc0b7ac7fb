import LaminaTensor

/// Runs an ``ExecutionPlan`` over buffers it owns.
///
/// The caller binds the values that come from outside (inputs, shared
/// variables, constants) to memory, then calls ``execute()``. Buffers are
/// allocated on the first run and regrown only when a later run needs more.
/// A buffer is also replaced when something outside still holds it (an
/// output array the caller kept), so arrays handed out are never overwritten.
final class PlanRunner {
    let plan: ExecutionPlan
    var buffers: [TensorBuffer?]
    var pointers: [UnsafeRawPointer?]
    var shapes: [[Int]]
    /// Memory outside the runner that a value's step writes into directly
    /// (a loop points its body's outputs at the right row of its results).
    /// Only for values written by a non-view step.
    var destinations: [UnsafeMutableRawPointer?]

    /// Per step, the operand shapes of the last run and the result shape
    /// computed (and broadcast-checked) from them. A loop body runs with the
    /// same shapes at every iteration, so shape inference is skipped there.
    private var memoOperandShapes: [[[Int]]]
    private var memoShapes: [[Int]?]

    init(plan: ExecutionPlan) {
        self.plan = plan
        memoOperandShapes = Array(repeating: [], count: plan.steps.count)
        memoShapes = Array(repeating: nil, count: plan.steps.count)
        buffers = Array(repeating: nil, count: plan.bufferCount)
        pointers = Array(repeating: nil, count: plan.values.count)
        shapes = Array(repeating: [], count: plan.values.count)
        destinations = Array(repeating: nil, count: plan.values.count)
    }

    /// Points value `v` at outside memory.
    @inline(__always)
    func bind(_ v: Int, pointer: UnsafeRawPointer, shape: [Int]) {
        pointers[v] = pointer
        shapes[v] = shape
    }

    /// Runs every step.
    func execute() throws {
        for (i, step) in plan.steps.enumerated() {
            if let multi = step.multi {
                let operandShapes = step.operands.map { shapes[$0] }
                let resultShapes = try multi.outputShapes(operandShapes)
                if !step.checkedOperands.isEmpty { try checkBroadcasting(step, operandShapes, resultShapes[0]) }
                var outs: [RawOutput] = []
                var retired: [TensorBuffer?] = []
                for (r, v) in step.outputs.enumerated() {
                    if let destination = destinations[v] {
                        outs.append(RawOutput(pointer: destination, dtype: plan.values[v].expr.dtype))
                        shapes[v] = resultShapes[r]
                        pointers[v] = UnsafeRawPointer(destination)
                        continue
                    }
                    let (out, old) = claim(plan.values[v].buffer!, bytes: resultShapes[r].reduce(1, *) * plan.values[v].expr.dtype.byteSize)
                    retired.append(old)
                    outs.append(RawOutput(pointer: out, dtype: plan.values[v].expr.dtype))
                    shapes[v] = resultShapes[r]
                    pointers[v] = UnsafeRawPointer(out)
                }
                try withExtendedLifetime(retired) {
                    try multi.evaluate(operands(step), into: outs, shapes: resultShapes)
                }
                continue
            }
            let dtype = plan.values[step.output].expr.dtype
            let shape: [Int]
            if let memo = memoShapes[i], operandShapesUnchanged(i, step) {
                shape = memo
            } else {
                let operandShapes = step.operands.map { shapes[$0] }
                shape = try step.op.outputShape(operandShapes)
                // Elementwise ops, and dot(a, b) + c rewritten to GEMM (c is broadcast as the add would have been).
                if !step.checkedOperands.isEmpty { try checkBroadcasting(step, operandShapes, shape) }
                memoOperandShapes[i] = operandShapes
                memoShapes[i] = shape
            }
            shapes[step.output] = shape
            if step.isView {
                pointers[step.output] = pointers[step.operands[0]]
                continue
            }
            if let destination = destinations[step.output] {
                try step.op.evaluate(operands(step), into: RawOutput(pointer: destination, dtype: dtype), shape: shape)
                pointers[step.output] = UnsafeRawPointer(destination)
                continue
            }
            let (out, retired) = claim(plan.values[step.output].buffer!, bytes: shape.reduce(1, *) * dtype.byteSize)
            try withExtendedLifetime(retired) {
                try step.op.evaluate(operands(step), into: RawOutput(pointer: out, dtype: dtype), shape: shape)
            }
            pointers[step.output] = UnsafeRawPointer(out)
        }
    }

    /// Whether step `i`'s operands have the shapes of its memoized run.
    @inline(__always)
    private func operandShapesUnchanged(_ i: Int, _ step: ExecutionPlan.Step) -> Bool {
        for (k, v) in step.operands.enumerated() where shapes[v] != memoOperandShapes[i][k] { return false }
        return true
    }

    @inline(__always)
    private func operands(_ step: ExecutionPlan.Step) -> [RawOperand] {
        step.operands.map { RawOperand(pointer: pointers[$0]!, dtype: plan.values[$0].expr.dtype, shape: shapes[$0]) }
    }

    /// The memory of buffer `b`, with room for `bytes`; also returns a
    /// replaced buffer, which must stay alive while the step runs (an operand may live in it).
    @inline(__always)
    private func claim(_ b: Int, bytes: Int) -> (UnsafeMutableRawPointer, TensorBuffer?) {
        var retired: TensorBuffer? = nil
        if buffers[b] == nil || buffers[b]!.byteCapacity < bytes || !isKnownUniquelyReferenced(&buffers[b]!) {
            retired = buffers[b]
            buffers[b] = TensorBuffer(uninitializedByteCapacity: bytes)
        }
        return (buffers[b]!.pointer, retired)
    }

    /// Theano's rule: only axes of known size 1 broadcast. An unknown axis
    /// that turns out to be 1 while the result's is larger would make
    /// gradients the wrong shape, so it is an error.
    private func checkBroadcasting(_ step: ExecutionPlan.Step, _ operandShapes: [[Int]], _ shape: [Int]) throws {
        for k in step.checkedOperands {
            let operand = step.operands[k]
            let declared = plan.values[operand].expr.type.shape
            let actual = operandShapes[k]
            let pad = shape.count - actual.count
            for (axis, size) in actual.enumerated() where size == 1 && shape[pad + axis] != 1 && declared[axis] != 1 {
                throw GraphError.runtime(op: step.op.name, detail: "operand \(k) has size 1 on axis \(axis) at run time but was declared \(plan.values[operand].expr.type); only axes declared with size 1 broadcast (declare the size as 1 or reshape)")
            }
        }
    }

    /// The buffer behind value `v` when it was computed (following views), else nil.
    func computedBuffer(_ v: Int) -> TensorBuffer? {
        var root = v
        while case .step(let i, _) = plan.values[root].source, plan.steps[i].op.isView { root = plan.steps[i].operands[0] }
        guard case .step = plan.values[root].source, let b = plan.values[root].buffer else { return nil }
        return buffers[b]
    }

    /// The value of `v` after a run as an array that shares its memory.
    /// `external` supplies the arrays bound from outside, by value index.
    func array(_ v: Int, external: [NDArray?]) -> NDArray {
        if let e = external[v] { return e }
        var root = v
        while case .step(let i, _) = plan.values[root].source, plan.steps[i].op.isView { root = plan.steps[i].operands[0] }
        let buffer = external[root]?.buffer ?? buffers[plan.values[root].buffer!]!
        return NDArray(buffer: buffer, dtype: plan.values[v].expr.dtype, shape: shapes[v])
    }
}

extension PlanRunner {
    /// Computes the shape of every value from the bound shapes, without running any kernel.
    func inferShapes() throws {
        for step in plan.steps {
            let operandShapes = step.operands.map { shapes[$0] }
            if let multi = step.multi {
                for (r, s) in try multi.outputShapes(operandShapes).enumerated() { shapes[step.outputs[r]] = s }
            } else {
                shapes[step.output] = try step.op.outputShape(operandShapes)
            }
        }
    }
}
