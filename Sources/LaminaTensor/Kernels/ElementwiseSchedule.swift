import Foundation

/// How the kernel reads one operand, chunk by chunk.
enum OperandMode: UInt8 {
    /// One value, broadcast everywhere.
    case scalar
    /// As many elements as the output, in the same order.
    case contiguous
    /// The operand is the output's trailing axes: element `j` of the output
    /// reads element `j mod count` (a bias row added to every row of a batch).
    case tiled
    /// One value per row: the output's shape but a last axis of 1 (a
    /// sequence mask against a batch of states), repeated along each row.
    case rowValues
    /// Any other broadcast: gathered through broadcast strides.
    case general

    /// The mode for an operand of `operandShape` broadcast to `shape` (`total` elements).
    static func of(_ operandShape: [Int], to shape: [Int], total: Int) -> OperandMode {
        let count = operandShape.reduce(1, *)
        if count == 1 { return .scalar }
        if count == total { return .contiguous }
        // Tiled when, after dropping leading ones, the operand's shape is the output's suffix.
        var first = 0
        while first < operandShape.count && operandShape[first] == 1 { first += 1 }
        let trailing = operandShape.count - first
        if trailing <= shape.count && operandShape[first...].elementsEqual(shape[(shape.count - trailing)...]) { return .tiled }
        if operandShape.count == shape.count, operandShape.last == 1, operandShape.dropLast().elementsEqual(shape.dropLast()) { return .rowValues }
        return .general
    }
}

/// The register allocation of an ``ElementwiseProgram`` for one way of
/// calling it: which registers live in scratch slots, which write straight
/// into an output, which read straight from an operand, and which are dead.
///
/// It depends only on the program and on the call's *signature* (each
/// operand's mode and whether its dtype is the compute type, each output's
/// dtype and whether it is an operand's memory), not on addresses or sizes,
/// so a compiled op computes it once and reuses it on every call.
struct ElementwiseSchedule {
    enum Kind: UInt8 { case dead, directInput, convertInput, tiledInput, rowValuesInput, gatherInput, filledOperand, filledConstant, unary, binary, ternary }

    struct Entry {
        var kind: Kind
        var operand = 0
        var a = 0, b = 0, c = 0
        var constant = 0.0
        var unary: UnaryFunction = .identity
        var binary: BinaryFunction = .add
        var ternary: TernaryFunction = .select
        /// Scratch slot, or -1.
        var slot = -1
        /// Output written directly (its memory is the register), or -1.
        var directOutput = -1
    }

    var entries: [Entry]
    var slotCount: Int
    /// Outputs stored from a register after each chunk: (output index, register).
    var stored: [(output: Int, register: Int)]

    /// The signature of a call: per operand its mode and whether its dtype is
    /// the compute type; per output whether its dtype is the compute type and
    /// whether it is also an operand's memory; and the compute type.
    static func signature(modes: [OperandMode], operands: [RawOperand], outputs: [RawOutput], computeType: DType) -> [UInt8] {
        var key: [UInt8] = [computeType == .float32 ? 0 : 1]
        key.reserveCapacity(1 + operands.count + outputs.count)
        for (k, op) in operands.enumerated() { key.append(modes[k].rawValue << 1 | (op.dtype == computeType ? 1 : 0)) }
        for out in outputs {
            let aliased = operands.contains { UnsafeRawPointer($0.pointer) == UnsafeRawPointer(out.pointer) }
            key.append(0x80 | (out.dtype == computeType ? 1 : 0) | (aliased ? 2 : 0))
        }
        return key
    }

    init(_ program: ElementwiseProgram, signature key: [UInt8], operandCount: Int) {
        let ins = program.instructions
        let modes = (0..<operandCount).map { OperandMode(rawValue: key[1 + $0] >> 1)! }
        let operandIsComputeType = (0..<operandCount).map { key[1 + $0] & 1 == 1 }
        let outputFlags = Array(key[(1 + operandCount)...])
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
            if case .input(let k) = instruction, modes[k] == .scalar { lastUse[i] = Int.max }
        }
        // Output registers write straight into output memory when the dtype matches.
        // An output that is also an operand's memory (running in place) goes through a scratch
        // register instead: a loop whose source and destination are the same pointer is not vectorized.
        var directOutput = [Int](repeating: -1, count: ins.count)
        for (k, r) in program.outputs.enumerated() where outputFlags[k] & 3 == 1 && directOutput[r] < 0 {
            if ins[r].isLoadInstruction { continue }
            directOutput[r] = k
        }
        // Slots are released after the register's last use; a register whose last use is
        // instruction i is freed once i has been resolved.
        var releasedBy = [[Int]](repeating: [], count: ins.count)
        var free: [Int] = []
        var slotCount = 0
        var entries: [Entry] = []
        entries.reserveCapacity(ins.count)
        for (i, instruction) in ins.enumerated() {
            var entry = Entry(kind: .dead)
            entry.directOutput = directOutput[i]
            var needsSlot = directOutput[i] < 0 && lastUse[i] >= 0
            if case .input(let k) = instruction, modes[k] == .contiguous, operandIsComputeType[k] { needsSlot = false }
            if needsSlot {
                // Filled registers are written once before the loop, so they get a slot of their own.
                let filled = lastUse[i] == Int.max && directOutput[i] < 0 && instruction.isLoadInstruction
                let s = (filled ? nil : free.popLast()) ?? { slotCount += 1; return slotCount - 1 }()
                entry.slot = s
                if lastUse[i] != Int.max { releasedBy[max(lastUse[i], i)].append(s) }
            }
            free.append(contentsOf: releasedBy[i])
            if lastUse[i] >= 0 { // otherwise dead: an operand read only for its shape
                switch instruction {
                case .input(let k):
                    entry.operand = k
                    switch modes[k] {
                    case .scalar: entry.kind = .filledOperand
                    case .contiguous: entry.kind = entry.slot < 0 ? .directInput : .convertInput
                    case .tiled: entry.kind = .tiledInput
                    case .rowValues: entry.kind = .rowValuesInput
                    case .general: entry.kind = .gatherInput
                    }
                case .constant(let v): entry.kind = .filledConstant; entry.constant = v
                case .unary(let f, let a): entry.kind = .unary; entry.unary = f; entry.a = a
                case .binary(let f, let a, let b): entry.kind = .binary; entry.binary = f; entry.a = a; entry.b = b
                case .ternary(let f, let a, let b, let c):
                    entry.kind = .ternary; entry.ternary = f; entry.a = a; entry.b = b; entry.c = c
                }
            }
            entries.append(entry)
        }
        self.entries = entries
        self.slotCount = slotCount
        self.stored = program.outputs.enumerated().filter { directOutput[$0.element] != $0.offset }.map { (output: $0.offset, register: $0.element) }
    }
}

/// Schedules of one program remembered across calls, so a compiled op pays
/// for register allocation once rather than on every call (which matters
/// inside loops, where an op runs on a few thousand elements per step), and
/// the op's last ``ElementwisePlan``, so a call repeating the last one's
/// shapes does no preparation at all. Thread-safe; holds one schedule per call
/// signature seen. One cache serves one program.
package final class ElementwiseScheduleCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [(key: [UInt8], schedule: ElementwiseSchedule)] = []
    private var last: ElementwisePlan?
    /// Plans made (a test's view of whether calls re-prepare).
    private(set) var plansMade = 0

    /// An empty cache.
    public init() {}

    func schedule(_ program: ElementwiseProgram, signature key: [UInt8], operandCount: Int) -> ElementwiseSchedule {
        lock.lock()
        if let hit = entries.first(where: { $0.key == key }) { lock.unlock(); return hit.schedule }
        lock.unlock()
        let made = ElementwiseSchedule(program, signature: key, operandCount: operandCount)
        lock.lock()
        if entries.count < 8 { entries.append((key, made)) }
        lock.unlock()
        return made
    }

    /// The plan for a call, and whether the caller holds its scratch (then it must
    /// ``release(_:)`` it). The last plan is reused while the call matches it; a
    /// concurrent call on the same plan gets it without its scratch.
    func plan(_ program: ElementwiseProgram, _ operands: [RawOperand], _ outputs: [RawOutput], _ shape: [Int],
              _ computeType: DType) -> (plan: ElementwisePlan, holdsScratch: Bool) {
        lock.lock()
        if let hit = last, hit.matches(operands, outputs, shape, computeType) {
            let holds = !hit.inUse
            hit.inUse = true
            lock.unlock()
            return (hit, holds)
        }
        lock.unlock()
        let made = ElementwisePlan(program, operands: operands, outputs: outputs, shape: shape, computeType: computeType, cache: self)
        lock.lock()
        plansMade += 1
        let holds = !(last?.inUse ?? false)
        if holds {
            last = made
            made.inUse = true
        }
        lock.unlock()
        return (made, holds)
    }

    /// Returns a plan's scratch after a call that held it.
    func release(_ plan: ElementwisePlan) {
        lock.lock()
        plan.inUse = false
        lock.unlock()
    }
}
