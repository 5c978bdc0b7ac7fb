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
/// The output is processed in chunks of 256 elements. Each instruction runs
/// as a tight loop over one chunk, with its operands and result held in
/// registers of 256 values that stay in L1 cache, so a fused chain of k ops
/// reads its inputs and writes its outputs once instead of k times. The
/// arithmetic is done in `Float` when every operand and output is float32 or
/// bool, and in `Double` otherwise (exact for int32).
public enum ElementwiseKernel {
    /// Elements per chunk.
    public static let chunkSize = 256

    /// Evaluates `program` over operands broadcast to `shape`, writing each of
    /// the program's outputs to the matching entry of `outputs`.
    public static func run(_ program: ElementwiseProgram, operands: [RawOperand], outputs: [RawOutput], shape: [Int]) {
        precondition(outputs.count == program.outputs.count, "kernel outputs do not match the program")
        let wide = operands.contains { $0.dtype == .float64 || $0.dtype == .int32 }
            || outputs.contains { $0.dtype == .float64 || $0.dtype == .int32 }
        if wide {
            runTyped(Double.self, program, operands, outputs, shape)
        } else {
            runTyped(Float.self, program, operands, outputs, shape)
        }
    }

    /// How one operand is read chunk by chunk.
    struct OperandPlan {
        var pointer: UnsafeRawPointer
        var dtype: DType
        /// 0: one value; 1: same element count as the output (contiguous); 2: general broadcast
        var mode: Int
        var strides: [Int]
    }

    /// One instruction, resolved for the chunk loop.
    struct Step<C> {
        enum Kind { case directInput, convertInput, gatherInput, filled, unary, binary, ternary, dead }
        var kind: Kind
        var operand = 0
        var a = 0, b = 0, c = 0
        var unary: UnaryFunction = .identity
        var binary: BinaryFunction = .add
        var ternary: TernaryFunction = .select
        /// Scratch register, or nil when the result goes straight to an output (or is a direct input).
        var scratch: UnsafeMutablePointer<C>?
        /// Output written directly (its memory is the register).
        var directOutput: UnsafeMutablePointer<C>?
    }

    static func runTyped<C: KernelFloat>(_: C.Type, _ program: ElementwiseProgram, _ operands: [RawOperand],
                                         _ outputs: [RawOutput], _ shape: [Int]) {
        let total = shape.reduce(1, *)
        if total == 0 { return }
        let ins = program.instructions
        let plans: [OperandPlan] = operands.map { op in
            let count = op.shape.reduce(1, *)
            if count == 1 { return OperandPlan(pointer: op.pointer, dtype: op.dtype, mode: 0, strides: []) }
            if count == total { return OperandPlan(pointer: op.pointer, dtype: op.dtype, mode: 1, strides: []) }
            return OperandPlan(pointer: op.pointer, dtype: op.dtype, mode: 2,
                               strides: Broadcasting.broadcastStrides(op.shape, to: shape))
        }
        // Register allocation: each computed register gets a scratch slot that
        // is released after its last use. Direct registers point into operand
        // or output memory instead.
        var lastUse = [Int](repeating: -1, count: ins.count)
        for (i, instruction) in ins.enumerated() {
            switch instruction {
            case .input, .constant: break
            case .unary(_, let a): lastUse[a] = i
            case .binary(_, let a, let b): lastUse[a] = i; lastUse[b] = i
            case .ternary(_, let a, let b, let c): lastUse[a] = i; lastUse[b] = i; lastUse[c] = i
            }
        }
        for r in program.outputs { lastUse[r] = Int.max }
        // Constants and one-value operands are filled once, so their slots are never reused.
        for (i, instruction) in ins.enumerated() {
            if case .constant = instruction { lastUse[i] = Int.max }
            if case .input(let k) = instruction, plans[k].mode == 0 { lastUse[i] = Int.max }
        }
        // Output registers write straight into output memory when the dtype matches.
        var directOutput = [Int](repeating: -1, count: ins.count) // register -> output index
        var claimed = Set<Int>()
        // An output that is also an operand's memory (running in place) goes through a scratch
        // register instead: a loop whose source and destination are the same pointer is not vectorized.
        let operandMemory = Set(operands.map { UnsafeRawPointer($0.pointer) })
        for (k, r) in program.outputs.enumerated() where outputs[k].dtype == C.dtype && !claimed.contains(r)
            && !operandMemory.contains(UnsafeRawPointer(outputs[k].pointer)) {
            if ins[r].isLoadInstruction { continue }
            directOutput[r] = k
            claimed.insert(r)
        }
        var slotOf = [Int](repeating: -1, count: ins.count)
        var free: [Int] = []
        var slotCount = 0
        var releaseAt = [Int: [Int]]()
        for (i, instruction) in ins.enumerated() {
            var needsSlot = directOutput[i] < 0 && lastUse[i] >= 0
            if case .input(let k) = instruction, plans[k].mode == 1, plans[k].dtype == C.dtype { needsSlot = false }
            if needsSlot {
                // Filled registers (constants, one-value operands) are written once
                // before the loop, so they get a slot of their own, never a recycled one.
                let filled = lastUse[i] == Int.max && directOutput[i] < 0 && ins[i].isLoadInstruction
                let s = (filled ? nil : free.popLast()) ?? { slotCount += 1; return slotCount - 1 }()
                slotOf[i] = s
                if lastUse[i] != Int.max { releaseAt[max(lastUse[i], i), default: []].append(s) }
            }
            for s in releaseAt[i] ?? [] { free.append(s) }
        }
        let chunk = chunkSize
        let scratch = UnsafeMutablePointer<C>.allocate(capacity: max(slotCount, 1) * chunk)
        defer { scratch.deallocate() }
        // Resolve every instruction once.
        var steps: [Step<C>] = []
        steps.reserveCapacity(ins.count)
        for (i, instruction) in ins.enumerated() {
            var step = Step<C>(kind: .dead)
            step.scratch = slotOf[i] >= 0 ? scratch + slotOf[i] * chunk : nil
            if directOutput[i] >= 0 { step.directOutput = outputs[directOutput[i]].pointer.assumingMemoryBound(to: C.self) }
            if lastUse[i] < 0 { steps.append(step); continue } // dead: an operand read only for its shape
            switch instruction {
            case .input(let k):
                step.operand = k
                switch plans[k].mode {
                case 0:
                    step.kind = .filled
                    step.scratch!.update(repeating: loadOne(C.self, plans[k].pointer, plans[k].dtype, 0), count: chunk)
                case 1: step.kind = step.scratch == nil ? .directInput : .convertInput
                default: step.kind = .gatherInput
                }
            case .constant(let v):
                step.kind = .filled
                step.scratch!.update(repeating: C(v), count: chunk)
            case .unary(let f, let a): step.kind = .unary; step.unary = f; step.a = a
            case .binary(let f, let a, let b): step.kind = .binary; step.binary = f; step.a = a; step.b = b
            case .ternary(let f, let a, let b, let c): step.kind = .ternary; step.ternary = f; step.a = a; step.b = b; step.c = c
            }
            steps.append(step)
        }
        let reg = UnsafeMutablePointer<UnsafeMutablePointer<C>>.allocate(capacity: max(ins.count, 1))
        defer { reg.deallocate() }
        reg.initialize(repeating: scratch, count: max(ins.count, 1))
        let stored = program.outputs.enumerated().filter { directOutput[$0.element] != $0.offset }
        steps.withUnsafeBufferPointer { table in
            var start = 0
            while start < total {
                let n = min(chunk, total - start)
                for i in 0..<table.count {
                    let step = table[i]
                    let dst = step.directOutput.map { $0 + start } ?? step.scratch ?? scratch
                    switch step.kind {
                    case .dead: continue
                    case .directInput:
                        reg[i] = UnsafeMutablePointer(mutating: plans[step.operand].pointer.assumingMemoryBound(to: C.self)) + start
                        continue
                    case .convertInput: convert(plans[step.operand].pointer, plans[step.operand].dtype, start, n, into: dst)
                    case .gatherInput: gather(plans[step.operand], shape, start, n, into: dst)
                    case .filled: break
                    case .unary: applyUnary(step.unary, reg[step.a], dst, n)
                    case .binary: applyBinary(step.binary, reg[step.a], reg[step.b], dst, n)
                    case .ternary: applyTernary(step.ternary, reg[step.a], reg[step.b], reg[step.c], dst, n)
                    }
                    reg[i] = dst
                }
                for (k, r) in stored {
                    store(reg[r], n, outputs[k].pointer, outputs[k].dtype, start)
                }
                start += n
            }
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
    static func gather<C: KernelFloat>(_ plan: OperandPlan, _ shape: [Int], _ start: Int, _ n: Int,
                                       into dst: UnsafeMutablePointer<C>) {
        let rank = shape.count
        var index = [Int](repeating: 0, count: rank)
        var rem = start
        for axis in stride(from: rank - 1, through: 0, by: -1) {
            index[axis] = rem % shape[axis]
            rem /= shape[axis]
        }
        var offset = 0
        for axis in 0..<rank { offset += index[axis] * plan.strides[axis] }
        let last = rank - 1
        let lastStride = plan.strides[last]
        var done = 0
        while done < n {
            let run = min(shape[last] - index[last], n - done)
            if lastStride == 0 {
                (dst + done).update(repeating: loadOne(C.self, plan.pointer, plan.dtype, offset), count: run)
            } else {
                convert(plan.pointer, plan.dtype, offset, run, into: dst + done)
            }
            done += run
            // advance the multi-index by `run` along the last axis, with carry
            offset += run * lastStride
            index[last] += run
            var axis = last
            while axis > 0 && index[axis] == shape[axis] {
                offset -= index[axis] * plan.strides[axis]
                index[axis] = 0
                axis -= 1
                index[axis] += 1
                offset += plan.strides[axis]
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
