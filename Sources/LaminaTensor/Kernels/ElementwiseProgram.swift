/// A straight-line program of elementwise instructions, evaluated over
/// arrays by ``ElementwiseKernel``.
///
/// Every elementwise operation in Lamina, fused or not, runs as such a
/// program: a single `exp` is the program `[input 0, exp r0]`; the engine's
/// fusion rewrite concatenates the programs of a chain of ops into one, so
/// the chain runs as a single loop over memory. Instruction `i` defines
/// register `i`; operands refer to earlier registers.
public struct ElementwiseProgram: Hashable, Sendable, CustomStringConvertible {
    /// One instruction; its result is the register with its own index.
    public enum Instruction: Hashable, Sendable {
        /// Operand `i` of the kernel, broadcast to the output shape.
        case input(Int)
        /// A constant.
        case constant(Double)
        case unary(UnaryFunction, Int)
        case binary(BinaryFunction, Int, Int)
        case ternary(TernaryFunction, Int, Int, Int)
    }

    /// The instructions in execution order.
    public private(set) var instructions: [Instruction]
    /// The registers stored to the kernel's outputs, in output order.
    public var outputs: [Int]

    /// An empty program.
    public init() {
        instructions = []
        outputs = []
    }

    /// Appends an instruction and returns its register.
    @discardableResult
    public mutating func append(_ instruction: Instruction) -> Int {
        instructions.append(instruction)
        return instructions.count - 1
    }

    /// The number of kernel operands the program reads (one more than the highest `input` index).
    public var inputCount: Int {
        instructions.reduce(0) { acc, ins in
            if case .input(let i) = ins { return max(acc, i + 1) }
            return acc
        }
    }

    /// The program computing `f(x0)`.
    public static func unary(_ f: UnaryFunction) -> ElementwiseProgram {
        var p = ElementwiseProgram()
        let x = p.append(.input(0))
        p.outputs = [p.append(.unary(f, x))]
        return p
    }

    /// The program computing `f(x0, x1)`.
    public static func binary(_ f: BinaryFunction) -> ElementwiseProgram {
        var p = ElementwiseProgram()
        let a = p.append(.input(0)), b = p.append(.input(1))
        p.outputs = [p.append(.binary(f, a, b))]
        return p
    }

    /// The program computing `f(x0, x1, x2)`.
    public static func ternary(_ f: TernaryFunction) -> ElementwiseProgram {
        var p = ElementwiseProgram()
        let a = p.append(.input(0)), b = p.append(.input(1)), c = p.append(.input(2))
        p.outputs = [p.append(.ternary(f, a, b, c))]
        return p
    }

    /// The number of instructions that compute (not loads or constants).
    public var computeCount: Int {
        instructions.filter { !$0.isLoadInstruction }.count
    }

    public var description: String {
        var lines: [String] = []
        for (i, ins) in instructions.enumerated() {
            let rhs: String
            switch ins {
            case .input(let k): rhs = "in\(k)"
            case .constant(let v): rhs = "\(v)"
            case .unary(let f, let a): rhs = "\(f.name)(r\(a))"
            case .binary(let f, let a, let b): rhs = "\(f.rawValue)(r\(a), r\(b))"
            case .ternary(let f, let a, let b, let c): rhs = "\(f.rawValue)(r\(a), r\(b), r\(c))"
            }
            lines.append("r\(i) = \(rhs)")
        }
        lines.append("out = " + outputs.map { "r\($0)" }.joined(separator: ", "))
        return lines.joined(separator: "; ")
    }
}

extension ElementwiseProgram {
    /// The dtype of every register, given the operands' dtypes.
    public func registerTypes(operandTypes: [DType]) -> [DType] {
        var types: [DType] = []
        types.reserveCapacity(instructions.count)
        for ins in instructions {
            switch ins {
            case .input(let k): types.append(operandTypes[k])
            case .constant: types.append(.float64)
            case .unary(let f, let a): types.append(f.resultType(types[a]))
            case .binary(let f, let a, let b): types.append(f.resultType(types[a], types[b]))
            case .ternary(let f, let a, let b, let c): types.append(f.resultType(types[a], types[b], types[c]))
            }
        }
        return types
    }

    /// The dtypes of the program's outputs, given the operands' dtypes.
    public func outputTypes(operandTypes: [DType]) -> [DType] {
        let types = registerTypes(operandTypes: operandTypes)
        return outputs.map { types[$0] }
    }
}

extension ElementwiseProgram.Instruction {
    /// Whether this loads an operand or a constant rather than computing.
    public var isLoadInstruction: Bool {
        switch self {
        case .input, .constant: return true
        default: return false
        }
    }
}

extension ElementwiseProgram {
    /// The same program with every load (operand or constant) moved before
    /// the first computing instruction, registers renumbered to match. Loads
    /// depend on nothing, so each register holds the same values; the kernel
    /// then reads a chunk's operands first and runs the computing
    /// instructions back to back (``ElementwiseSteps``).
    public var loadsFirst: ElementwiseProgram {
        let order = instructions.indices.filter { instructions[$0].isLoadInstruction }
            + instructions.indices.filter { !instructions[$0].isLoadInstruction }
        if order.elementsEqual(instructions.indices) { return self }
        var renamed = [Int](repeating: 0, count: instructions.count)
        for (position, old) in order.enumerated() { renamed[old] = position }
        var result = ElementwiseProgram()
        for old in order {
            switch instructions[old] {
            case .input, .constant: result.append(instructions[old])
            case .unary(let f, let a): result.append(.unary(f, renamed[a]))
            case .binary(let f, let a, let b): result.append(.binary(f, renamed[a], renamed[b]))
            case .ternary(let f, let a, let b, let c): result.append(.ternary(f, renamed[a], renamed[b], renamed[c]))
            }
        }
        result.outputs = outputs.map { renamed[$0] }
        return result
    }
}
