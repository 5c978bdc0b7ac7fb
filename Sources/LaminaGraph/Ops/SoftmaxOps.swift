import LaminaTensor

/// Softmax along the last axis: yᵢ = e^(xᵢ − max x) / Σⱼ e^(xⱼ − max x).
public struct SoftmaxOp: Op {
    /// Whether to return log-softmax, x − max x − ln Σ e^(x − max x), instead.
    public let log: Bool
    public var name: String { log ? "log_softmax" : "softmax" }
    public func outputType(_ inputs: [TensorType]) throws -> TensorType {
        try expectArity(inputs, 1)
        guard inputs[0].dtype.isFloatingPoint, inputs[0].rank >= 1 else {
            throw GraphError.typeMismatch(op: name, operands: inputs, detail: "needs a float array of rank ≥ 1")
        }
        return inputs[0]
    }
    public func outputShape(_ inputs: [[Int]]) throws -> [Int] { inputs[0] }
    public func canOverwrite(operand: Int) -> Bool { true }
    public func evaluate(_ inputs: [RawOperand], into output: RawOutput, shape: [Int]) throws {
        let n = shape.last ?? 1
        let rows = n == 0 ? 0 : shape.reduce(1, *) / n
        if output.dtype == .float32 {
            softmaxRows(Float.self, inputs[0].pointer, output.pointer, rows, n)
        } else {
            softmaxRows(Double.self, inputs[0].pointer, output.pointer, rows, n)
        }
    }
    func softmaxRows<T: KernelFloat>(_: T.Type, _ input: UnsafeRawPointer, _ output: UnsafeMutableRawPointer, _ rows: Int, _ n: Int) {
        let x = input.assumingMemoryBound(to: T.self), y = output.assumingMemoryBound(to: T.self)
        for r in 0..<rows {
            let xr = x + r * n, yr = y + r * n
            var m = -T.infinity
            for i in 0..<n { let v = xr[i]; m = (v > m || v != v) ? v : m }
            if m == -T.infinity { m = 0 } // a row of -inf gives NaN in both numpy and here via 0/0
            var total: T = 0
            if log {
                for i in 0..<n { total += T.kExp(xr[i] - m) }
                // (x − m) − ln Σ, not x − (m + ln Σ): m + ln Σ rounds to the spacing of m (6e-5 at 1000 in float32).
                let logTotal = T.kLog(total)
                for i in 0..<n { yr[i] = (xr[i] - m) - logTotal }
            } else {
                for i in 0..<n { let e = T.kExp(xr[i] - m); yr[i] = e; total += e }
                let inv = 1 / total
                for i in 0..<n { yr[i] *= inv }
            }
        }
    }
    public func gradient(inputs: [Expr], output y: Expr, outputGradient g: Expr) throws -> [Expr?] {
        let last = y.rank - 1
        if log {
            // ∂/∂x = g − softmax(x)·Σ g
            return [try g - y.exp() * g.sum(axes: [last], keepDims: true)]
        }
        // ∂/∂x = (g − Σ g·y)·y
        return [try (g - (g * y).sum(axes: [last], keepDims: true)) * y]
    }
}

extension Expr {
    /// Softmax over the last axis.
    public func softmax() throws -> Expr { try Expr.apply(SoftmaxOp(log: false), [self]) }
    /// Log-softmax over the last axis, computed stably.
    public func logSoftmax() throws -> Expr { try Expr.apply(SoftmaxOp(log: true), [self]) }
}

/// Cross-entropy losses, elementwise over examples (reduce them with `mean`).
extension Expr {
    /// Categorical cross-entropy −Σₖ tₖ ln pₖ over the last axis of the
    /// predicted probabilities `self`. `targets` are int32 class indices (one
    /// axis fewer) or probabilities of `self`'s shape. When `self` is
    /// `softmax(x)`, compiling rewrites ln softmax(x) to log_softmax(x).
    public func categoricalCrossEntropy(_ targets: Expr) throws -> Expr {
        let depth = shape.last ?? nil
        let t: Expr
        if targets.dtype == .int32 {
            guard let depth else {
                throw GraphError.shapeMismatch(op: "categorical_crossentropy", operands: [type, targets.type],
                                               detail: "integer targets need a known number of classes on the last axis")
            }
            guard targets.rank == rank - 1 else {
                throw GraphError.shapeMismatch(op: "categorical_crossentropy", operands: [type, targets.type],
                                               detail: "integer targets need one axis fewer than the predictions")
            }
            t = try targets.oneHot(depth: depth, dtype: dtype)
        } else {
            t = targets
        }
        return try -((t * log()).sum(axes: [rank - 1]))
    }

    /// Binary cross-entropy −(t ln p + (1 − t) ln(1 − p)) for predicted
    /// probabilities `self`. When `self` is `sigmoid(x)`, compiling rewrites
    /// the logs to softplus forms, which stay finite for any x.
    public func binaryCrossEntropy(_ targets: Expr) throws -> Expr {
        let t = try targets.cast(to: dtype)
        return try -(t * log() + (1 - t) * (1 - self).log())
    }

    /// Binary cross-entropy with `self` as logits x: softplus(x) − t·x (stable for any x).
    public func sigmoidCrossEntropy(targets: Expr) throws -> Expr {
        try softplus() - targets.cast(to: dtype) * self
    }
}
