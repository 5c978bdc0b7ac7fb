import LaminaTensor

/// An elementwise op: an ``ElementwiseProgram`` applied to broadcast operands.
///
/// Every arithmetic, comparison and transcendental op of the graph is one of
/// these with a one-instruction program; the fusion rewrite merges chains of
/// them into one multi-instruction program that runs as a single loop.
public struct ElementwiseOp: Op {
    /// The program; its single output is the op's value.
    public let program: ElementwiseProgram
    /// The result dtype, when it differs from the program's own (casts, fills).
    public let resultDType: DType?
    /// The name shown when printing.
    public let label: String
    /// Register allocations remembered between calls (see ``ElementwiseScheduleCache``).
    let schedules = ElementwiseScheduleCache()

    public init(program: ElementwiseProgram, resultDType: DType? = nil, label: String) {
        self.program = program
        self.resultDType = resultDType
        self.label = label
    }

    public var name: String { label }
    public var signature: String { "elemwise[\(program)]->\(resultDType?.rawValue ?? "auto")" }
    public var description: String { program.computeCount > 1 ? "fused{\(label)}" : label }

    /// Whether this is a fused program of several instructions.
    public var isFused: Bool { program.computeCount > 1 }

    public func outputType(_ inputs: [TensorType]) throws -> TensorType {
        guard inputs.count >= program.inputCount else {
            throw GraphError.invalidArgument(op: label, detail: "expects \(program.inputCount) operands, got \(inputs.count)")
        }
        let shape = try TensorType.broadcastShape(inputs, op: label)
        let dtype = resultDType ?? program.outputTypes(operandTypes: inputs.map(\.dtype))[0]
        return TensorType(dtype, shape)
    }

    public func outputShape(_ inputs: [[Int]]) throws -> [Int] {
        try runKernel(label) { try Broadcasting.shape(inputs, operation: label) }
    }

    public func evaluate(_ inputs: [RawOperand], into output: RawOutput, shape: [Int]) throws {
        ElementwiseKernel.run(program, operands: inputs, outputs: [output], shape: shape, schedules: schedules,
                              threads: Parallelism.threadCount)
    }

    /// In place is safe when the only output is the last instruction: every
    /// element is read before the same element is written.
    public func canOverwrite(operand: Int) -> Bool { program.outputs == [program.instructions.count - 1] }

    public func gradient(inputs: [Expr], output: Expr, outputGradient g: Expr) throws -> [Expr?] {
        guard output.dtype.isFloatingPoint else { return noGradient(inputs) }
        let computing = program.instructions.enumerated().filter { !$0.element.isLoadInstruction }
        if computing.isEmpty {
            // A fill (constant program) has no gradient; a cast or broadcast passes g through.
            guard case .input(let k) = program.instructions[program.outputs[0]] else { return noGradient(inputs) }
            var grads = noGradient(inputs)
            grads[k] = try unbroadcast(g, to: inputs[k])
            return grads
        }
        guard computing.count == 1, computing[0].offset == program.outputs[0] else {
            throw GraphError.gradient("the fused op \(label) has no gradient; differentiate before compiling")
        }
        func operand(_ register: Int) -> Int? {
            if case .input(let k) = program.instructions[register] { return k }
            return nil
        }
        var grads = noGradient(inputs)
        let x = inputs.map { $0 }
        switch computing[0].element {
        case .unary(let f, let a):
            guard let k = operand(a) else { return grads }
            grads[k] = try unaryGradient(f, x: x[k], y: output, g: g)
        case .binary(let f, let a, let b):
            guard let ka = operand(a), let kb = operand(b) else { return grads }
            let (ga, gb) = try binaryGradient(f, a: x[ka], b: x[kb], y: output, g: g)
            grads[ka] = ga
            if let gb { grads[kb] = try grads[kb].map { try $0 + gb } ?? gb }
        case .ternary(let f, let a, let b, let c):
            guard let ka = operand(a), let kb = operand(b), let kc = operand(c) else { return grads }
            let parts = try ternaryGradient(f, a: x[ka], b: x[kb], c: x[kc], g: g)
            for (k, part) in zip([ka, kb, kc], parts) {
                if let part { grads[k] = try grads[k].map { try $0 + part } ?? part }
            }
        default:
            break
        }
        // Each operand's gradient is summed over the axes it was broadcast along, in its dtype.
        return try zip(grads, inputs).map { grad, input in
            guard let grad, input.dtype.isFloatingPoint else { return nil }
            return try unbroadcast(grad, to: input)
        }
    }
}

/// `g` summed over the axes along which `input` was broadcast, and cast to
/// `input`'s dtype, so it has `input`'s shape. Broadcast axes are known
/// statically: the leading axes `g` has in excess, and the axes where `input`
/// has known size 1 and `g` does not (unknown sizes never broadcast; the
/// compiled function checks this at run time).
func unbroadcast(_ g: Expr, to input: Expr) throws -> Expr {
    var result = g
    if result.dtype != input.dtype { result = try result.cast(to: input.dtype) }
    let pad = result.rank - input.rank
    if pad > 0 { result = try result.sum(axes: Array(0..<pad)) }
    let axes = input.shape.indices.filter { input.shape[$0] == 1 && result.shape[$0] != 1 }
    if !axes.isEmpty { result = try result.sum(axes: axes, keepDims: true) }
    return result
}
