import LaminaTensor

/// Raw kernels without the engine: elementwise programs on 1M float32
/// elements (a one-op program versus the five-op arithmetic chain as one
/// program), then the packed matrix product against OpenBLAS.
enum KernelBenchmarks {
    static func run() {
        print("== kernels ==")
        let n = 1_000_000
        var rng = RandomGenerator(seed: 5)
        let x = rng.normal(shape: [n])
        let out = NDArray(zeros: [n])
        var chain = ElementwiseProgram()
        let r0 = chain.append(.input(0))
        var r = chain.append(.binary(.multiply, r0, chain.append(.constant(1.5))))
        r = chain.append(.binary(.add, r, chain.append(.constant(0.5))))
        r = chain.append(.binary(.multiply, r, r0))
        r = chain.append(.binary(.subtract, r, chain.append(.constant(1))))
        r = chain.append(.binary(.divide, r, chain.append(.constant(2))))
        chain.outputs = [chain.append(.binary(.maximum, r, chain.append(.constant(0))))]
        let operand = [RawOperand(pointer: UnsafeRawPointer(x.buffer.pointer), dtype: .float32, shape: [n])]
        let output = [RawOutput(pointer: out.buffer.pointer, dtype: .float32)]
        let single = ElementwiseProgram.unary(.square)
        let (tChain, tOne, _) = Timing.compare({ ElementwiseKernel.run(chain, operands: operand, outputs: output, shape: [n]) },
                                               { ElementwiseKernel.run(single, operands: operand, outputs: output, shape: [n]) })
        print("1M float32: 6-op program \(Timing.format(tChain)), 1-op program \(Timing.format(tOne))")
        var muls = ElementwiseProgram()
        var m = muls.append(.input(0))
        let c = muls.append(.constant(1.0001))
        for _ in 0..<6 { m = muls.append(.binary(.multiply, m, c)) }
        muls.outputs = [m]
        var adds = ElementwiseProgram()
        var a = adds.append(.input(0))
        for _ in 0..<6 { a = adds.append(.binary(.add, a, a)) }
        adds.outputs = [a]
        let (tMul, tAdd, _) = Timing.compare({ ElementwiseKernel.run(muls, operands: operand, outputs: output, shape: [n]) },
                                             { ElementwiseKernel.run(adds, operands: operand, outputs: output, shape: [n]) })
        print("6 multiplies by a constant \(Timing.format(tMul)), 6 self-adds \(Timing.format(tAdd))")
        PackedGemmBenchmarks.run()
    }
}
