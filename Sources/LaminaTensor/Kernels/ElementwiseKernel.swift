/// An operand of an elementwise kernel: memory, dtype and shape. Its shape
/// must broadcast to the kernel's output shape.
public struct RawOperand: @unchecked Sendable {
    public var pointer: UnsafeRawPointer
    public var dtype: DType
    public var shape: [Int]
    public init(pointer: UnsafeRawPointer, dtype: DType, shape: [Int]) {
        self.pointer = pointer
        self.dtype = dtype
        self.shape = shape
    }
}

/// An output of an elementwise kernel: memory for the output shape's element count, and its dtype.
public struct RawOutput: @unchecked Sendable {
    public var pointer: UnsafeMutableRawPointer
    public var dtype: DType
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
        var directOutput = [Int: Int]() // register -> output index
        for (k, r) in program.outputs.enumerated() where outputs[k].dtype == C.dtype && directOutput[r] == nil {
            if case .input = ins[r] { continue }
            if case .constant = ins[r] { continue }
            directOutput[r] = k
        }
        // Direct input registers: contiguous operands of the compute type.
        var slotOf = [Int](repeating: -1, count: ins.count)
        var free: [Int] = []
        var slotCount = 0
        var releaseAt = [Int: [Int]]()
        for (i, instruction) in ins.enumerated() {
            var needsSlot = directOutput[i] == nil
            if case .input(let k) = instruction, plans[k].mode == 1, plans[k].dtype == C.dtype { needsSlot = false }
            if needsSlot {
                // A slot filled once (constant, one-value operand) must be fresh: a freed
                // slot is still written, every chunk, by the earlier register that held it.
                var filledOnce = false
                if case .constant = instruction { filledOnce = true }
                if case .input(let k) = instruction, plans[k].mode == 0 { filledOnce = true }
                let s = (filledOnce ? nil : free.popLast()) ?? { slotCount += 1; return slotCount - 1 }()
                slotOf[i] = s
                if lastUse[i] != Int.max { releaseAt[max(lastUse[i], i), default: []].append(s) }
            }
            for s in releaseAt[i] ?? [] { free.append(s) }
        }
        let chunk = chunkSize
        let scratch = UnsafeMutablePointer<C>.allocate(capacity: max(slotCount, 1) * chunk)
        defer { scratch.deallocate() }
        var reg = [UnsafeMutablePointer<C>](repeating: scratch, count: ins.count)
        // Constants and one-value operands are filled once, outside the chunk loop.
        for (i, instruction) in ins.enumerated() {
            switch instruction {
            case .constant(let v):
                (scratch + slotOf[i] * chunk).update(repeating: C(v), count: chunk)
            case .input(let k) where plans[k].mode == 0:
                (scratch + slotOf[i] * chunk).update(repeating: loadOne(C.self, plans[k].pointer, plans[k].dtype, 0), count: chunk)
            default: break
            }
        }
        var start = 0
        while start < total {
            let n = min(chunk, total - start)
            for (i, instruction) in ins.enumerated() {
                if lastUse[i] < 0 { continue } // dead: an operand read only for its shape
                let dst: UnsafeMutablePointer<C>
                if let k = directOutput[i] {
                    dst = outputs[k].pointer.assumingMemoryBound(to: C.self) + start
                } else if slotOf[i] >= 0 {
                    dst = scratch + slotOf[i] * chunk
                } else {
                    dst = scratch // replaced below for direct inputs
                }
                switch instruction {
                case .input(let k):
                    let plan = plans[k]
                    if slotOf[i] < 0 {
                        reg[i] = UnsafeMutablePointer(mutating: plan.pointer.assumingMemoryBound(to: C.self)) + start
                        continue
                    }
                    if plan.mode == 1 { convert(plan.pointer, plan.dtype, start, n, into: dst) }
                    else if plan.mode == 2 { gather(plan, shape, start, n, into: dst) }
                case .constant:
                    break
                case .unary(let f, let a):
                    applyUnary(f, reg[a], dst, n)
                case .binary(let f, let a, let b):
                    applyBinary(f, reg[a], reg[b], dst, n)
                case .ternary(let f, let a, let b, let c):
                    applyTernary(f, reg[a], reg[b], reg[c], dst, n)
                }
                reg[i] = dst
            }
            for (k, r) in program.outputs.enumerated() where directOutput[r] != k {
                store(reg[r], n, outputs[k].pointer, outputs[k].dtype, start)
            }
            start += n
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
