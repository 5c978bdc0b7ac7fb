import LaminaTensor

/// Several elementwise results computed by one program in one pass over
/// memory: what the fusion rewrite makes of elementwise ops of one shape
/// that feed each other but are also used elsewhere (an LSTM step's gates,
/// its cell state and its output, which the backward pass keeps).
///
/// Only the compiler builds it, after gradients are taken, so it has no
/// gradient of its own.
package struct FusedElementwiseOp: MultiOutputOp {
    /// The program; output k is result k.
    public let program: ElementwiseProgram
    /// The dtype of each result.
    public let resultDTypes: [DType]
    /// The fused ops' names, for printing.
    public let label: String
    /// Register allocations remembered between calls (see ``ElementwiseScheduleCache``).
    let schedules = ElementwiseScheduleCache()

    /// A fused op computing `program`, whose output k is stored as `resultDTypes[k]`.
    public init(program: ElementwiseProgram, resultDTypes: [DType], label: String) {
        precondition(program.outputs.count == resultDTypes.count, "one dtype per program output")
        self.program = program
        self.resultDTypes = resultDTypes
        self.label = label
    }

    public var name: String { "fused" }
    public var description: String { "fused\(resultDTypes.count){\(label)}" }
    public var signature: String { "fusedmulti[\(program)]->\(resultDTypes.map(\.rawValue))" }

    public func outputTypes(_ inputs: [TensorType]) throws -> [TensorType] {
        guard inputs.count >= program.inputCount else {
            throw GraphError.invalidArgument(op: name, detail: "expects \(program.inputCount) operands, got \(inputs.count)")
        }
        let shape = try TensorType.broadcastShape(inputs, op: name)
        return resultDTypes.map { TensorType($0, shape) }
    }

    public func outputShapes(_ inputs: [[Int]]) throws -> [[Int]] {
        let shape = try runKernel(name) { try Broadcasting.shape(inputs, operation: name) }
        return Array(repeating: shape, count: resultDTypes.count)
    }

    public func evaluate(_ inputs: [RawOperand], into outputs: [RawOutput], shapes: [[Int]]) throws {
        ElementwiseKernel.run(program, operands: inputs, outputs: outputs, shape: shapes[0], schedules: schedules,
                              threads: Parallelism.threadCount)
    }

    public func gradient(inputs: [Expr], outputs: [Expr], outputGradients: [Expr?]) throws -> [Expr?] {
        throw GraphError.gradient("the fused op \(label) has no gradient; differentiate before compiling")
    }
}
