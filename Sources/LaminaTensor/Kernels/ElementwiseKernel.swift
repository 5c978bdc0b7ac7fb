import CKernels

/// An operand of an elementwise kernel: memory, dtype and shape. Its shape
/// must broadcast to the kernel's output shape.
public struct RawOperand: @unchecked Sendable {
    /// The first element.
    public var pointer: UnsafeRawPointer
    /// The element type.
    public var dtype: DType
    /// The operand's own shape (contiguous, row-major).
    public var shape: [Int]
    /// An operand at `pointer`.
    public init(pointer: UnsafeRawPointer, dtype: DType, shape: [Int]) {
        self.pointer = pointer
        self.dtype = dtype
        self.shape = shape
    }
}

/// An output of an elementwise kernel: memory for the output shape's element count, and its dtype.
public struct RawOutput: @unchecked Sendable {
    /// Where the first element goes.
    public var pointer: UnsafeMutableRawPointer
    /// The element type to store.
    public var dtype: DType
    /// An output at `pointer`.
    public init(pointer: UnsafeMutableRawPointer, dtype: DType) {
        self.pointer = pointer
        self.dtype = dtype
    }
}

/// Runs an ``ElementwiseProgram`` over arrays.
///
/// The output is processed in chunks of at most ``chunkSize`` elements (a
/// call's chunks are of equal length, a multiple of 8, but for the last one:
/// ``ElementwisePlan/chunkLength(total:)``). Each instruction runs
/// as a tight loop over one chunk, with its operands and result held in
/// registers of 256 values that stay in L1 cache, so a fused chain of k ops
/// reads its inputs and writes its outputs once instead of k times. The
/// arithmetic is done in `Float` when every operand and output is float32 or
/// bool, and in `Double` otherwise (exact for int32): ``ElementwisePrecision``.
package enum ElementwiseKernel {
    /// The most elements per chunk: 512 float32 values, 2 KB a register, keep a
    /// fused LSTM step's registers in L1 cache.
    public static let chunkSize = 512

    /// Elements per thread below which a loop is not split: some 10 µs of a
    /// fused LSTM pass, several times the cost of handing a part to a pool
    /// worker that is already awake (``Parallelism``).
    public static let minimumElementsPerThread = 1 << 13

    /// Evaluates `program` over operands broadcast to `shape`, writing each of
    /// the program's outputs to the matching entry of `outputs`. A compiled op
    /// passes its `schedules` so the register allocation is computed once.
    /// With `threads` > 1, large outputs are split into contiguous ranges of
    /// whole chunks, one per thread (element i depends only on element i).
    public static func run(_ program: ElementwiseProgram, operands: [RawOperand], outputs: [RawOutput], shape: [Int],
                           schedules: ElementwiseScheduleCache? = nil, threads: Int = 1) {
        precondition(outputs.count == program.outputs.count, "kernel outputs do not match the program")
        let wide = operands.contains { ElementwisePrecision.requiresDouble($0.dtype) }
            || outputs.contains { ElementwisePrecision.requiresDouble($0.dtype) }
        if wide {
            runTyped(Double.self, program, operands, outputs, shape, schedules, threads)
        } else {
            runTyped(Float.self, program, operands, outputs, shape, schedules, threads)
        }
    }

    /// Whether float32 programs run their computing instructions as CKernels steps
    /// (``ElementwiseSteps``); off, every instruction runs as its own loop. Tests compare the two.
    nonisolated(unsafe) static var usesSteps = true

    static func runTyped<C: KernelFloat>(_: C.Type, _ program: ElementwiseProgram, _ operands: [RawOperand],
                                         _ outputs: [RawOutput], _ shape: [Int], _ schedules: ElementwiseScheduleCache?,
                                         _ threads: Int) {
        var total = 1
        for extent in shape { total *= extent }
        if total == 0 { return }
        let plan: ElementwisePlan, holdsScratch: Bool
        if let schedules {
            (plan, holdsScratch) = schedules.plan(program, operands, outputs, shape, C.dtype)
        } else {
            plan = ElementwisePlan(program, operands: operands, outputs: outputs, shape: shape, computeType: C.dtype, cache: nil)
            holdsScratch = false
        }
        defer { if holdsScratch { schedules?.release(plan) } }
        let chunk = plan.chunk
        let chunks = (total + chunk - 1) / chunk
        let slots = max(plan.schedule.slotCount, 1), registerCount = max(plan.schedule.entries.count, 1)
        Parallelism.forEachChunk(count: chunks, threads: threads, minimumPerThread: minimumElementsPerThread / chunk) { part in
            if holdsScratch, part.count == chunks, let scratch = plan.scratch, let registers = plan.registers {
                runChunks(C.self, plan, operands, outputs, part, scratch: scratch.assumingMemoryBound(to: C.self),
                          registers: registers.assumingMemoryBound(to: UnsafeMutablePointer<C>.self))
                return
            }
            withUnsafeTemporaryAllocation(of: C.self, capacity: slots * chunk) { scratch in
            withUnsafeTemporaryAllocation(of: UnsafeMutablePointer<C>.self, capacity: registerCount) { registers in
                runChunks(C.self, plan, operands, outputs, part, scratch: scratch.baseAddress!, registers: registers.baseAddress!)
            }
            }
        }
    }

    /// Evaluates the chunks in `part` with `scratch` (the plan's slots) and `reg` (a pointer per register).
    static func runChunks<C: KernelFloat>(_: C.Type, _ plan: ElementwisePlan, _ operands: [RawOperand], _ outputs: [RawOutput],
                                          _ part: Range<Int>, scratch: UnsafeMutablePointer<C>,
                                          registers reg: UnsafeMutablePointer<UnsafeMutablePointer<C>>) {
        let chunk = plan.chunk, shape = plan.shape, schedule = plan.schedule
        let end = min(part.upperBound * chunk, plan.total)
        reg.initialize(repeating: scratch, count: max(schedule.entries.count, 1))
        // Filled registers are written once.
        for entry in schedule.entries where entry.slot >= 0 {
            if entry.kind == .filledConstant {
                (scratch + entry.slot * chunk).update(repeating: C(entry.constant), count: chunk)
            } else if entry.kind == .filledOperand {
                let value = loadOne(C.self, operands[entry.operand].pointer, operands[entry.operand].dtype, 0)
                (scratch + entry.slot * chunk).update(repeating: value, count: chunk)
            }
        }
        let steps = C.self == Float.self && usesSteps ? plan.steps : nil
        // With steps, loads run here and the computing entries in one C call per chunk.
        let swiftEntries = steps == nil ? schedule.entries.count : plan.firstCompute
        if steps != nil {
            for i in plan.firstCompute..<schedule.entries.count { reg[i] = scratch + max(schedule.entries[i].slot, 0) * chunk }
        }
        schedule.entries.withUnsafeBufferPointer { table in
            var start = part.lowerBound * chunk
            while start < end {
                let n = min(chunk, end - start)
                for i in 0..<swiftEntries {
                    let entry = table[i]
                    let dst = entry.directOutput >= 0
                        ? outputs[entry.directOutput].pointer.assumingMemoryBound(to: C.self) + start
                        : scratch + max(entry.slot, 0) * chunk
                    switch entry.kind {
                    case .dead: continue
                    case .directInput:
                        reg[i] = UnsafeMutablePointer(mutating: operands[entry.operand].pointer.assumingMemoryBound(to: C.self)) + start
                        continue
                    case .convertInput: convert(operands[entry.operand].pointer, operands[entry.operand].dtype, start, n, into: dst)
                    case .tiledInput: tile(operands[entry.operand], count: plan.counts[entry.operand], start, n, into: dst)
                    case .rowValuesInput: repeatRowValues(operands[entry.operand], rowLength: shape[shape.count - 1], start, n, into: dst)
                    case .gatherInput:
                        gather(operands[entry.operand].pointer, operands[entry.operand].dtype, plan.strides[entry.operand], shape, start, n, into: dst)
                    case .filledOperand, .filledConstant: break
                    case .unary: applyUnary(entry.unary, reg[entry.a], dst, n)
                    case .binary: applyBinary(entry.binary, reg[entry.a], reg[entry.b], dst, n)
                    case .ternary: applyTernary(entry.ternary, reg[entry.a], reg[entry.b], reg[entry.c], dst, n)
                    }
                    reg[i] = dst
                }
                if let steps {
                    for (i, k) in plan.directOutputs { reg[i] = outputs[k].pointer.assumingMemoryBound(to: C.self) + start }
                    steps.steps.withUnsafeBufferPointer { code in
                        lamina_ew_run_f32(code.baseAddress, code.count,
                                          UnsafeRawPointer(reg).assumingMemoryBound(to: UnsafeMutablePointer<Float>?.self), n)
                    }
                }
                for (k, r) in schedule.stored {
                    store(reg[r], n, outputs[k].pointer, outputs[k].dtype, start)
                }
                start += n
            }
        }
    }

    /// Reads `n` elements of an operand repeated every `count` elements, from output position `start`.
    @inline(__always)
    static func tile<C: KernelFloat>(_ operand: RawOperand, count: Int, _ start: Int, _ n: Int, into dst: UnsafeMutablePointer<C>) {
        var offset = start % count, done = 0
        while done < n {
            let run = min(count - offset, n - done)
            convert(operand.pointer, operand.dtype, offset, run, into: dst + done)
            done += run
            offset = 0
        }
    }

    /// Reads `n` elements of an operand holding one value per row (rows of `rowLength`), from output
    /// position `start`: each row's value repeated (no index arrays, unlike ``gather``).
    @inline(__always)
    static func repeatRowValues<C: KernelFloat>(_ operand: RawOperand, rowLength: Int, _ start: Int, _ n: Int,
                                                into dst: UnsafeMutablePointer<C>) {
        var row = start / rowLength, column = start % rowLength, done = 0
        while done < n {
            let run = min(rowLength - column, n - done)
            (dst + done).update(repeating: loadOne(C.self, operand.pointer, operand.dtype, row), count: run)
            done += run
            row += 1
            column = 0
        }
    }

    @inline(__always)
    static func loadOne<C: KernelFloat>(_: C.Type, _ p: UnsafeRawPointer, _ dtype: DType, _ i: Int) -> C {
        switch dtype {
        case .float32: return C(p.load(fromByteOffset: i * 4, as: Float.self))
        case .float64: return C(p.load(fromByteOffset: i * 8, as: Double.self))
        case .int32: return C(p.load(fromByteOffset: i * 4, as: Int32.self))
        case .bool: return p.load(fromByteOffset: i, as: UInt8.self) != 0 ? 1 : 0
        }
    }

    /// Converts `n` elements starting at `start` into the compute type.
    static func convert<C: KernelFloat>(_ p: UnsafeRawPointer, _ dtype: DType, _ start: Int, _ n: Int,
                                        into dst: UnsafeMutablePointer<C>) {
        switch dtype {
        case .float32:
            let s = p.assumingMemoryBound(to: Float.self) + start
            for i in 0..<n { dst[i] = C(s[i]) }
        case .float64:
            let s = p.assumingMemoryBound(to: Double.self) + start
            for i in 0..<n { dst[i] = C(s[i]) }
        case .int32:
            let s = p.assumingMemoryBound(to: Int32.self) + start
            for i in 0..<n { dst[i] = C(s[i]) }
        case .bool:
            let s = p.assumingMemoryBound(to: UInt8.self) + start
            for i in 0..<n { dst[i] = s[i] != 0 ? 1 : 0 }
        }
    }

    /// Reads `n` broadcast elements starting at output position `start`.
    static func gather<C: KernelFloat>(_ pointer: UnsafeRawPointer, _ dtype: DType, _ strides: [Int], _ shape: [Int],
                                       _ start: Int, _ n: Int, into dst: UnsafeMutablePointer<C>) {
        let rank = shape.count
        var index = [Int](repeating: 0, count: rank)
        var rem = start
        for axis in stride(from: rank - 1, through: 0, by: -1) {
            index[axis] = rem % shape[axis]
            rem /= shape[axis]
        }
        var offset = 0
        for axis in 0..<rank { offset += index[axis] * strides[axis] }
        let last = rank - 1
        let lastStride = strides[last]
        var done = 0
        while done < n {
            let run = min(shape[last] - index[last], n - done)
            if lastStride == 0 {
                (dst + done).update(repeating: loadOne(C.self, pointer, dtype, offset), count: run)
            } else {
                convert(pointer, dtype, offset, run, into: dst + done)
            }
            done += run
            // advance the multi-index by `run` along the last axis, with carry
            offset += run * lastStride
            index[last] += run
            var axis = last
            while axis > 0 && index[axis] == shape[axis] {
                offset -= index[axis] * strides[axis]
                index[axis] = 0
                axis -= 1
                index[axis] += 1
                offset += strides[axis]
            }
        }
    }

    /// Converts `n` compute-type values into an output of any dtype.
    static func store<C: KernelFloat>(_ src: UnsafeMutablePointer<C>, _ n: Int, _ p: UnsafeMutableRawPointer,
                                      _ dtype: DType, _ start: Int) {
        switch dtype {
        case .float32:
            let d = p.assumingMemoryBound(to: Float.self) + start
            for i in 0..<n { d[i] = Float(src[i]) }
        case .float64:
            let d = p.assumingMemoryBound(to: Double.self) + start
            for i in 0..<n { d[i] = Double(src[i]) }
        case .int32:
            let d = p.assumingMemoryBound(to: Int32.self) + start
            for i in 0..<n { d[i] = Int32(fromDouble: Double(src[i])) }
        case .bool:
            let d = p.assumingMemoryBound(to: UInt8.self) + start
            for i in 0..<n { d[i] = src[i] != 0 ? 1 : 0 }
        }
    }
}
