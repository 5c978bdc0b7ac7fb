import LaminaTensor

/// Random numbers as a graph op, counter-based (Philox4x32-10).
///
/// Element i of a draw comes from the Philox block at counter
/// (i, loop step, stream·2¹⁶ + draw, call) under the stream's seed. The call
/// number is the stream's counter (a shared variable advanced by one on every
/// call of a compiled function); the loop step is 0 outside loops and the
/// iteration number inside a `scan`. So every call and every loop step draws
/// fresh values, and a run is reproducible bit for bit from the seed,
/// whatever the number of threads.
///
/// Operands: the call counter (float64 scalar), the loop step (float64
/// scalar), and optionally an expression whose shape the draw takes.
public struct RandomDrawOp: Op {
    public let seed: UInt64
    /// Stream and draw number, unique per draw node of a stream.
    public let streamWord: UInt32
    public let distribution: Distribution
    public let dtype: DType
    /// The shape when there is no shape operand.
    public let fixedShape: [Int]?

    public var name: String { "random" }
    public var description: String { "random{\(distribution), \(dtype), stream \(streamWord >> 16) draw \(streamWord & 0xFFFF)}" }
    public var signature: String { "random{\(seed),\(streamWord),\(distribution),\(dtype),\(fixedShape.map { "\($0)" } ?? "like")}" }

    public func outputType(_ inputs: [TensorType]) throws -> TensorType {
        guard inputs.count == (fixedShape == nil ? 3 : 2), inputs[0].rank == 0, inputs[1].rank == 0 else {
            throw GraphError.invalidArgument(op: name, detail: "expects a counter, a step and \(fixedShape == nil ? "a shape operand" : "no shape operand")")
        }
        if let fixedShape { return TensorType(dtype, fixedShape.map { $0 }) }
        return TensorType(dtype, inputs[2].shape)
    }
    public func outputShape(_ inputs: [[Int]]) throws -> [Int] { fixedShape ?? inputs[2] }
    public func evaluate(_ inputs: [RawOperand], into output: RawOutput, shape: [Int]) throws {
        let call = inputs[0].pointer.load(as: Double.self), step = inputs[1].pointer.load(as: Double.self)
        RandomGenerator.fill(output.pointer, count: shape.reduce(1, *), dtype: dtype, distribution: distribution,
                             key: (UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32)),
                             words: (UInt32(truncatingIfNeeded: Int64(step)), streamWord, UInt32(truncatingIfNeeded: Int64(call))))
    }
    public func gradient(inputs: [Expr], output: Expr, outputGradient: Expr) throws -> [Expr?] { noGradient(inputs) }
}
