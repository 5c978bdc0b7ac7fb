import CKernels

/// The computing part of a scheduled float32 program as CKernels steps
/// (`lamina_ew_run_f32`), run with one C call per chunk instead of one call
/// per instruction.
///
/// Adjacent instructions whose intermediate is used once become one pair
/// step (``pairs``): a·b + c, 1 − x², σ(x)·y, tanh(x)·y, select(m, a·b, c) and the
/// like, two IEEE operations per element in one loop with the intermediate in
/// a register. Each operation rounds to float32 exactly as a step of its own
/// would, so the bits are those of the instruction-at-a-time interpreter.
struct ElementwiseSteps {
    /// The steps; register indices are the schedule's entry indices.
    var steps: [lamina_ew_step]
    /// How many pairs were formed (for tests and printing).
    var pairs: Int

    /// The steps for `schedule`'s entries from `firstCompute` on, or nil when
    /// an instruction has no C step (the interpreter's Swift loops run it).
    init?(_ schedule: ElementwiseSchedule, firstCompute: Int, outputs: [Int]) {
        let entries = schedule.entries
        var uses = [Int](repeating: 0, count: entries.count)
        for entry in entries {
            switch entry.kind {
            case .unary: uses[entry.a] += 1
            case .binary: uses[entry.a] += 1; uses[entry.b] += 1
            case .ternary: uses[entry.a] += 1; uses[entry.b] += 1; uses[entry.c] += 1
            default: break
            }
        }
        for r in outputs { uses[r] += 2 } // an output is kept in memory: never an intermediate
        var steps: [lamina_ew_step] = []
        var pairs = 0
        // The last step emitted, when it is a single step whose result may be absorbed: (register, step index).
        var absorbable: (register: Int, step: Int)? = nil
        for i in firstCompute..<entries.count {
            let entry = entries[i]
            if entry.kind == .dead { continue }
            guard let op = Self.singleOperation(entry) else { return nil } // a load here too: not loads-first
            let step = lamina_ew_step(op: op, y: Int32(i), a: Int32(entry.a), b: Int32(entry.b), c: Int32(entry.c), d: 0)
            if let producer = absorbable, uses[producer.register] == 1,
               let pair = Self.pair(steps[producer.step], producerRegister: producer.register, consumer: entry, register: i) {
                steps[producer.step] = pair
                pairs += 1
                absorbable = nil
                continue
            }
            steps.append(step)
            absorbable = (i, steps.count - 1)
        }
        self.steps = steps
        self.pairs = pairs
    }

    /// The step operation of one instruction, or nil.
    static func singleOperation(_ entry: ElementwiseSchedule.Entry) -> Int32? {
        switch entry.kind {
        case .unary:
            switch entry.unary {
            case .exp: return Int32(LAMINA_EW_EXP)
            case .sigmoid: return Int32(LAMINA_EW_SIGMOID)
            case .tanh: return Int32(LAMINA_EW_TANH)
            case .negate: return Int32(LAMINA_EW_NEGATE)
            case .square: return Int32(LAMINA_EW_SQUARE)
            case .identity: return Int32(LAMINA_EW_IDENTITY)
            case .rectify: return Int32(LAMINA_EW_RECTIFY)
            default: return nil
            }
        case .binary:
            guard let k = arithmeticIndex(entry.binary) else { return nil }
            return Int32(LAMINA_EW_ADD) + k
        case .ternary:
            return entry.ternary == .select ? Int32(LAMINA_EW_SELECT) : nil
        default: return nil
        }
    }

    /// + − × ÷ as 0, 1, 2, 3.
    static func arithmeticIndex(_ f: BinaryFunction) -> Int32? {
        switch f {
        case .add: return 0
        case .subtract: return 1
        case .multiply: return 2
        case .divide: return 3
        default: return nil
        }
    }

    /// The pair step computing `consumer` (register `register`) from the single step `producer`
    /// (register `producerRegister`, used by the consumer only), or nil when no pair step fits.
    static func pair(_ producer: lamina_ew_step, producerRegister r: Int, consumer: ElementwiseSchedule.Entry,
                     register: Int) -> lamina_ew_step? {
        let add = Int32(LAMINA_EW_ADD), sigmoid = Int32(LAMINA_EW_SIGMOID), tanh = Int32(LAMINA_EW_TANH)
        var producer = producer
        if producer.op == Int32(LAMINA_EW_SQUARE) { // x² is the product x·x
            producer.op = add + 2
            producer.b = producer.a
        }
        let producerArithmetic = producer.op >= add && producer.op < add + 4 ? producer.op - add : nil
        let y = Int32(register)
        let reads = [consumer.a, consumer.b, consumer.c].prefix(consumer.kind == .unary ? 1 : consumer.kind == .binary ? 2 : 3)
        guard reads.contains(r) else { return nil }
        switch consumer.kind {
        case .binary:
            guard let g = arithmeticIndex(consumer.binary) else { return nil }
            let side: Int32 = consumer.a == r ? 0 : 1
            let other = Int32(side == 0 ? consumer.b : consumer.a)
            if let f = producerArithmetic {
                return lamina_ew_step(op: Int32(LAMINA_EW_ARITHMETIC_PAIR) + (f * 4 + g) * 2 + side,
                                      y: y, a: producer.a, b: producer.b, c: other, d: 0)
            }
            if producer.op == sigmoid || producer.op == tanh {
                let f: Int32 = producer.op == sigmoid ? 0 : 1
                return lamina_ew_step(op: Int32(LAMINA_EW_FUNCTION_PAIR) + (f * 4 + g) * 2 + side,
                                      y: y, a: producer.a, b: other, c: 0, d: 0)
            }
            return nil
        case .ternary where consumer.ternary == .select:
            guard let f = producerArithmetic, consumer.a != r else { return nil }
            let side: Int32 = consumer.b == r ? 0 : 1
            let other = Int32(side == 0 ? consumer.c : consumer.b)
            return lamina_ew_step(op: Int32(LAMINA_EW_SELECT_PAIR) + f * 2 + side,
                                  y: y, a: producer.a, b: producer.b, c: Int32(consumer.a), d: other)
        default:
            return nil
        }
    }
}
