import CKernels

/// Everything an elementwise call derives from its shapes, dtypes and
/// in-place outputs, made once and reused while they stay the same: inside
/// a loop body the same op runs every time step on the same shapes, and a
/// repeated call then does only pointer work (no arrays built, no scratch
/// allocated). A compiled op keeps its last plan in its
/// ``ElementwiseScheduleCache``; a call with other shapes, dtypes or
/// aliasing makes a new one.
final class ElementwisePlan: @unchecked Sendable {
    // The call this plan was made for.
    let shape: [Int]
    let operandShapes: [[Int]]
    let operandTypes: [DType]
    let outputTypes: [DType]
    /// Per output: whether its memory is also an operand's.
    let aliased: [Bool]
    let computeType: DType

    /// The program with its loads first (``ElementwiseProgram/loadsFirst``).
    let program: ElementwiseProgram
    let schedule: ElementwiseSchedule
    /// Output elements.
    let total: Int
    /// Elements per chunk (``chunkLength(total:)``).
    let chunk: Int
    /// Per operand: its broadcast strides when it is gathered, else empty.
    let strides: [[Int]]
    /// Per operand: its element count.
    let counts: [Int]
    /// The index of the first computing entry (all earlier entries are loads).
    let firstCompute: Int
    /// The computing entries as C steps, for float32 programs that have them.
    let steps: ElementwiseSteps?
    /// Computing entries whose register is an output's memory: (entry, output).
    let directOutputs: [(entry: Int, output: Int)]
    /// Scratch of `schedule.slotCount` chunks and the register table, kept
    /// with a cached plan for the call that holds it (``ElementwiseScheduleCache/plan``).
    let scratch: UnsafeMutableRawPointer?
    let registers: UnsafeMutableRawPointer?
    /// Whether a call is using `scratch` (guarded by the owning cache's lock).
    var inUse = false


    /// The plan for evaluating `program` over `operands` into `outputs` at `shape` in `computeType`;
    /// with `cache`, its schedule comes from there and the plan owns reusable scratch.
    init(_ original: ElementwiseProgram, operands: [RawOperand], outputs: [RawOutput], shape: [Int],
         computeType: DType, cache: ElementwiseScheduleCache?) {
        self.shape = shape
        operandShapes = operands.map(\.shape)
        operandTypes = operands.map(\.dtype)
        outputTypes = outputs.map(\.dtype)
        aliased = outputs.map { Self.isAliased($0, operands) }
        self.computeType = computeType
        let program = original.loadsFirst
        self.program = program
        let total = shape.reduce(1, *)
        self.total = total
        chunk = Self.chunkLength(total: total)
        let modes = operands.map { OperandMode.of($0.shape, to: shape, total: total) }
        let key = ElementwiseSchedule.signature(modes: modes, operands: operands, outputs: outputs, computeType: computeType)
        let schedule = cache?.schedule(program, signature: key, operandCount: operands.count)
            ?? ElementwiseSchedule(program, signature: key, operandCount: operands.count)
        self.schedule = schedule
        strides = operands.indices.map { modes[$0] == .general ? Broadcasting.broadcastStrides(operands[$0].shape, to: shape) : [] }
        counts = operands.map { $0.shape.reduce(1, *) }
        let firstCompute = program.instructions.firstIndex { !$0.isLoadInstruction } ?? program.instructions.count
        self.firstCompute = firstCompute
        steps = computeType == .float32 ? ElementwiseSteps(schedule, firstCompute: firstCompute, outputs: program.outputs) : nil
        directOutputs = schedule.entries.indices.filter { $0 >= firstCompute && schedule.entries[$0].directOutput >= 0 }
            .map { (entry: $0, output: schedule.entries[$0].directOutput) }
        if cache != nil {
            let slotBytes = chunk * (computeType == .float32 ? 4 : 8)
            scratch = UnsafeMutableRawPointer.allocate(byteCount: max(schedule.slotCount, 1) * slotBytes, alignment: 64)
            registers = UnsafeMutableRawPointer.allocate(byteCount: max(schedule.entries.count, 1) * MemoryLayout<UnsafeMutableRawPointer>.stride,
                                                         alignment: 64)
        } else {
            scratch = nil
            registers = nil
        }
    }

    deinit {
        scratch?.deallocate()
        registers?.deallocate()
    }

    /// Elements per chunk for an output of `total` elements: the output split into
    /// ⌈total / chunkSize⌉ chunks of equal length rounded up to a multiple of 8 (whole
    /// vectors), so that 1,600 elements are 4 chunks of 400 rather than 3 of 512 and
    /// one of 64. Chunking never changes a value: element i depends on element i only.
    static func chunkLength(total: Int) -> Int {
        let limit = ElementwiseKernel.chunkSize
        let chunks = max((total + limit - 1) / limit, 1)
        return min(((total + chunks - 1) / chunks + 7) / 8 * 8, limit)
    }

    static func isAliased(_ output: RawOutput, _ operands: [RawOperand]) -> Bool {
        operands.contains { $0.pointer == UnsafeRawPointer(output.pointer) }
    }

    /// Whether this plan serves a call with these operands, outputs, shape and compute type.
    func matches(_ operands: [RawOperand], _ outputs: [RawOutput], _ shape: [Int], _ computeType: DType) -> Bool {
        guard computeType == self.computeType, shape == self.shape,
              operands.count == operandShapes.count, outputs.count == outputTypes.count else { return false }
        for k in operands.indices where operands[k].dtype != operandTypes[k] || operands[k].shape != operandShapes[k] {
            return false
        }
        for k in outputs.indices where outputs[k].dtype != outputTypes[k] || Self.isAliased(outputs[k], operands) != aliased[k] {
            return false
        }
        return true
    }
}
