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

    /// Per step, the operand shapes of the last run and the result shapes
    /// computed (and broadcast-checked) from them. A loop body runs with the
    /// same shapes at every iteration, so shape inference is skipped there.
    private var memoOperandShapes: [[[Int]]]
    private var memoShapes: [[[Int]]?]
    /// Per step, the operands handed to its kernel at the last run. Their shapes
    /// are rebuilt only when the memo is, and their pointers updated in place
    /// otherwise, so a run with memoized shapes allocates no operand array.
    private(set) var stepOperands: [[RawOperand]]
    /// Per multi-output step, its outputs at the last run, updated in place.
    private var stepOutputs: [[RawOutput]]
    /// Runs whose shapes were inferred, in all (a memoized run does not count; for tests).
    private(set) var shapeInferences = 0

    init(plan: ExecutionPlan) {
        self.plan = plan
        memoOperandShapes = Array(repeating: [], count: plan.steps.count)
        memoShapes = Array(repeating: nil, count: plan.steps.count)
        stepOperands = Array(repeating: [], count: plan.steps.count)
        stepOutputs = plan.steps.map { step in
            // The pointers are placeholders, set before every use.
            step.multi == nil ? [] : step.outputs.map { RawOutput(pointer: UnsafeMutableRawPointer(bitPattern: 1)!, dtype: plan.values[$0].expr.dtype) }
        }
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
    ///
    /// With `sameShapes` the caller promises that every bound shape is that of
    /// the previous run (a loop's iterations after the first): shapes are then
    /// neither compared nor inferred, and only pointers move.
    func execute(sameShapes: Bool = false) throws {
        for i in plan.steps.indices {
            let step = plan.steps[i]
            let resultShapes: [[Int]]
            if sameShapes, let memo = memoShapes[i] {
                resultShapes = memo
            } else {
                resultShapes = try memoizedShapes(i, step)
                for (r, v) in step.outputs.enumerated() { shapes[v] = resultShapes[r] }
            }
            if step.isView {
                pointers[step.output] = pointers[step.operands[0]]
                continue
            }
            updateOperandPointers(i, step)
            if step.multi != nil {
                try executeMulti(i, step, resultShapes)
                continue
            }
            let dtype = plan.values[step.output].expr.dtype
            let shape = resultShapes[0]
            if let destination = destinations[step.output] {
                try step.op.evaluate(stepOperands[i], into: RawOutput(pointer: destination, dtype: dtype), shape: shape)
                pointers[step.output] = UnsafeRawPointer(destination)
                continue
            }
            let (out, retired) = claim(plan.values[step.output].buffer!, bytes: shape.reduce(1, *) * dtype.byteSize)
            try withExtendedLifetime(retired) {
                try step.op.evaluate(stepOperands[i], into: RawOutput(pointer: out, dtype: dtype), shape: shape)
            }
            pointers[step.output] = UnsafeRawPointer(out)
        }
    }

    /// Runs multi-output step `i` into its outputs' destinations or buffers.
    private func executeMulti(_ i: Int, _ step: ExecutionPlan.Step, _ resultShapes: [[Int]]) throws {
        var retired: [TensorBuffer] = []
        for (r, v) in step.outputs.enumerated() {
            let out: UnsafeMutableRawPointer
            if let destination = destinations[v] {
                out = destination
            } else {
                let claimed = claim(plan.values[v].buffer!, bytes: resultShapes[r].reduce(1, *) * plan.values[v].expr.dtype.byteSize)
                if let old = claimed.retired { retired.append(old) }
                out = claimed.pointer
            }
            stepOutputs[i][r].pointer = out
            pointers[v] = UnsafeRawPointer(out)
        }
        try withExtendedLifetime(retired) {
            try step.multi!.evaluate(stepOperands[i], into: stepOutputs[i], shapes: resultShapes)
        }
    }

    /// Step `i`'s result shapes: memoized when its operands have the shapes of
    /// the memo, else inferred (and broadcast-checked), memoized, and its
    /// operand array rebuilt with the new shapes.
    private func memoizedShapes(_ i: Int, _ step: ExecutionPlan.Step) throws -> [[Int]] {
        if let memo = memoShapes[i], operandShapesUnchanged(i, step) { return memo }
        shapeInferences += 1
        let operandShapes = step.operands.map { shapes[$0] }
        let resultShapes = try step.multi?.outputShapes(operandShapes) ?? [step.op.outputShape(operandShapes)]
        // Elementwise ops, and dot(a, b) + c rewritten to GEMM (c is broadcast as the add would have been).
        if !step.checkedOperands.isEmpty { try checkBroadcasting(step, operandShapes, resultShapes[0]) }
        memoOperandShapes[i] = operandShapes
        memoShapes[i] = resultShapes
        stepOperands[i] = step.isView ? [] : step.operands.map {
            RawOperand(pointer: pointers[$0]!, dtype: plan.values[$0].expr.dtype, shape: shapes[$0])
        }
        return resultShapes
    }

    /// Points step `i`'s operand array at its operands' current memory.
    @inline(__always)
    private func updateOperandPointers(_ i: Int, _ step: ExecutionPlan.Step) {
        stepOperands[i].withUnsafeMutableBufferPointer { operands in
            for (k, v) in step.operands.enumerated() { operands[k].pointer = pointers[v]! }
        }
    }

    /// Whether step `i`'s operands have the shapes of its memoized run.
    @inline(__always)
    private func operandShapesUnchanged(_ i: Int, _ step: ExecutionPlan.Step) -> Bool {
        for (k, v) in step.operands.enumerated() where shapes[v] != memoOperandShapes[i][k] { return false }
        return true
    }

    /// The memory of buffer `b`, with room for `bytes`; also returns a
    /// replaced buffer, which must stay alive while the step runs (an operand may live in it).
    @inline(__always)
    private func claim(_ b: Int, bytes: Int) -> (pointer: UnsafeMutableRawPointer, retired: TensorBuffer?) {
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
