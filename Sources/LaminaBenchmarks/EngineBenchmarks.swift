import CBLAS
import Foundation
import LaminaGraph
import LaminaTensor

/// The foundation's benchmarks: fused versus unfused elementwise chains,
/// GEMM through the engine versus a direct cblas call, and compile time.
enum EngineBenchmarks {
    static func run() throws {
        print("== engine ==")
        print("BLAS: \(BLAS.configuration), threads \(BLAS.threadCount); Lamina's kernels: \(VectorInstructions.inUse)")
        try fusion()
        try gemm()
        try compileTime()
    }

    /// Fused versus unfused elementwise chains on 1M float32 elements: five
    /// arithmetic ops, max(((x·1.5 + 0.5)·x − 1)/2, 0) (memory-bound), and eight
    /// ops with two transcendentals, tanh(x·1.5 + 0.5)·σ(x) + x·x − 1 (compute-bound).
    static func fusion() throws {
        try fusion(label: "5 arithmetic ops") { x in try (((x * 1.5 + 0.5) * x - 1) / 2).maximum(x.literal(0)) }
        try fusion(label: "8 ops with tanh and sigmoid") { x in try (x * 1.5 + 0.5).tanh() * x.sigmoid() + x * x - 1 }
    }

    static func fusion(label: String, _ chain: (Expr) throws -> Expr) throws {
        let n = 1_000_000
        var rng = RandomGenerator(seed: 1)
        let xValue = rng.normal(shape: [n])
        let x = Expr.input("x", shape: [n])
        let y = try chain(x)
        var unfusedOptions = CompileOptions.default
        unfusedOptions.fuseElementwise = false
        let fused = try function(inputs: [x], outputs: [y])
        let unfused = try function(inputs: [x], outputs: [y], options: unfusedOptions)
        let a = try fused(xValue)[0].doubles, b = try unfused(xValue)[0].doubles
        let maxDiff = zip(a, b).map { Swift.abs($0 - $1) }.max() ?? 0
        let (tFused, tUnfused, _) = try Timing.compare({ _ = try fused(xValue) }, { _ = try unfused(xValue) })
        print("elementwise chain, \(label), 1M float32: fused \(Timing.format(tFused)) (\(fused.steps.count) step), "
              + "unfused \(Timing.format(tUnfused)) (\(unfused.steps.count) steps), "
              + String(format: "speed-up %.2fx, max |difference| %.1e", tUnfused / tFused, maxDiff))
    }

    /// 64×256 times 256×1024 (an LSTM step's recurrent product): engine versus cblas_sgemm.
    static func gemm() throws {
        let (m, k, n) = (64, 256, 1024)
        var rng = RandomGenerator(seed: 2)
        let aValue = rng.normal(shape: [m, k]), bValue = rng.normal(shape: [k, n])
        let a = Expr.input("a", shape: [m, k]), b = Expr.input("b", shape: [k, n])
        let f = try function(inputs: [a, b], outputs: [a.dot(b)])
        let c = UnsafeMutablePointer<Float>.allocate(capacity: m * n)
        defer { c.deallocate() }
        let directCall = {
            aValue.withUnsafeBufferPointer(as: Float.self) { pa in
                bValue.withUnsafeBufferPointer(as: Float.self) { pb in
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k), 1,
                                pa.baseAddress, Int32(k), pb.baseAddress, Int32(n), 0, c, Int32(n))
                }
            }
        }
        let (engine, direct, _) = try Timing.compare({ _ = try f(aValue, bValue) }, directCall)
        let gflop = 2.0 * Double(m * n * k) / 1e9
        print("gemm 64x256 · 256x1024: engine \(Timing.format(engine)) (\(String(format: "%.1f", gflop / engine)) GFLOP/s), "
              + "direct cblas_sgemm \(Timing.format(direct)) (\(String(format: "%.1f", gflop / direct)) GFLOP/s), "
              + String(format: "engine/direct %.3f", engine / direct))
    }

    /// Building, differentiating and compiling a graph of about 1,000 nodes.
    static func compileTime() throws {
        let width = 8
        let x = Expr.input("x", shape: [nil, width])
        var h = x
        var nodes = 0
        var params: [Shared] = []
        while nodes < 1000 {
            let W = Shared(NDArray(repeating: 0.01, shape: [width, width]), name: "W\(params.count)")
            params.append(W)
            h = try (h.dot(W) + h).tanh() * 0.5
            nodes = GraphTraversal.topologicalOrder([h]).count
        }
        let cost = try h.sum()
        let start = Timing.now()
        let grads = try grad(cost, wrt: params)
        let gradTime = Timing.now() - start
        let total = GraphTraversal.topologicalOrder([cost] + grads).count
        let compileStart = Timing.now()
        let f = try function(inputs: [x], outputs: [cost] + grads)
        let compileTime = Timing.now() - compileStart
        let firstCall = Timing.now()
        _ = try f(NDArray(repeating: 0.1, shape: [4, width]))
        let callTime = Timing.now() - firstCall
        print("graph of \(nodes) nodes (\(total) with its gradient): grad \(Timing.format(gradTime)), "
              + "compile \(Timing.format(compileTime)) to \(f.steps.count) steps, first call \(Timing.format(callTime))")
    }
}
