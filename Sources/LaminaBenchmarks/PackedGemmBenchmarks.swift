import LaminaTensor

/// The recurrent products of the speed issue's workloads, state × weights
/// with an addend, as a loop body runs them: OpenBLAS (`cblas_sgemm` with
/// beta = 1 after copying the addend, re-packing the weights every call)
/// against ``PackedGemm`` on weights packed once. 1 thread, alternating trials.
enum PackedGemmBenchmarks {
    static func run() {
        print("== packed GEMM vs OpenBLAS, C (rows×columns) = A (rows×depth) · B + D, 1 thread ==")
        print("| rows | depth | columns | where | OpenBLAS | packed | OpenBLAS / packed | packed GFLOP/s |")
        print("|---:|---:|---:|---|---:|---:|---:|---:|")
        let shapes: [(Int, Int, Int, String)] = [
            (32, 64, 256, "small LSTM, h·U"), (64, 256, 1024, "medium LSTM, h·U"), (64, 1024, 256, "medium LSTM, backward dG·Uᵀ"),
            (64, 256, 256, "tanh RNN, h·U"), (64, 128, 1024, "medium LSTM, x·W in the loop"), (64, 512, 2048, "large LSTM, h·U"),
            (50, 32, 128, "adding LSTM, h·U"), (50, 128, 32, "adding LSTM, backward dG·Uᵀ"),
        ]
        let savedThreads = BLAS.threadCount
        BLAS.threadCount = 1
        defer { BLAS.threadCount = savedThreads }
        for (rows, depth, columns, label) in shapes {
            var rng = RandomGenerator(seed: 3)
            let a = rng.normal(shape: [rows, depth]), b = rng.normal(shape: [depth, columns]), d = rng.normal(shape: [rows, columns])
            let c = NDArray(zeros: [rows, columns])
            let packed = NDArray(zeros: PackedGemm.packedShape(depth: depth, columns: columns))
            let pa = a.buffer.pointer.assumingMemoryBound(to: Float.self), pb = b.buffer.pointer.assumingMemoryBound(to: Float.self)
            let pc = c.buffer.pointer.assumingMemoryBound(to: Float.self), pd = d.buffer.pointer.assumingMemoryBound(to: Float.self)
            let pp = packed.buffer.pointer.assumingMemoryBound(to: Float.self)
            PackedGemm.pack(pb, transposed: false, depth: depth, columns: columns, into: pp)
            let (blas, mine, _) = Timing.compare({
                c.buffer.pointer.copyMemory(from: d.buffer.pointer, byteCount: rows * columns * 4)
                BLAS.gemm(dtype: .float32, transposeA: false, transposeB: false, m: rows, n: columns, k: depth, alpha: 1,
                          a: pa, lda: depth, b: pb, ldb: columns, beta: 1, c: pc, ldc: columns)
            }, {
                PackedGemm.multiply(rows: rows, columns: columns, depth: depth, a: pa, packed: pp, into: pc,
                                    addend: pd, addendRowStride: columns)
            })
            let flop = 2.0 * Double(rows * depth * columns)
            print("| \(rows) | \(depth) | \(columns) | \(label) | \(Timing.format(blas)) | \(Timing.format(mine)) | "
                  + String(format: "%.2f | %.1f |", blas / mine, flop / mine / 1e9))
        }
        runGateWindow()
        runAfterLoop()
    }

    /// The adding LSTM's forward gate product: one 32-column window of the 128-column packed weight, as the loop runs it.
    static func runGateWindow() {
        let (rows, depth, columns, window) = (50, 32, 128, 32..<64)
        var rng = RandomGenerator(seed: 3)
        let a = rng.normal(shape: [rows, depth]), b = rng.normal(shape: [depth, columns]), d = rng.normal(shape: [rows, columns])
        let c = NDArray(zeros: [rows, window.count])
        let packed = NDArray(zeros: PackedGemm.packedShape(depth: depth, columns: columns))
        let pp = packed.buffer.pointer.assumingMemoryBound(to: Float.self)
        PackedGemm.pack(b.buffer.pointer.assumingMemoryBound(to: Float.self), transposed: false, depth: depth, columns: columns, into: pp)
        let (t, _, _) = Timing.compare({
            PackedGemm.multiply(rows: rows, columns: columns, window: window, depth: depth, a: a.buffer.pointer.assumingMemoryBound(to: Float.self),
                                packed: pp, into: c.buffer.pointer.assumingMemoryBound(to: Float.self),
                                addend: d.buffer.pointer.assumingMemoryBound(to: Float.self), addendRowStride: columns)
        }, {})
        print("| \(rows) | \(depth) | \(window.count) of \(columns) | adding LSTM, one gate window | | \(Timing.format(t)) | | "
              + String(format: "%.1f |", 2.0 * Double(rows * depth * window.count) / t / 1e9))
    }

    /// The products outside the loop of the adding LSTM (batch 50 × T 100 = 5,000 rows, 2 inputs,
    /// 32 units) and of the medium tanh RNN and LSTM (64 × 100 = 6,400 rows, 128 inputs, 256 units):
    /// OpenBLAS against the fixed-order kernel as planned, with its right operand packed, and read
    /// in place (where it can be). 1 thread.
    static func runAfterLoop() {
        print("== fixed-order products after the loop, 1 thread ==")
        print("| m | n | k | where | OpenBLAS | fixed order, packed | fixed order, in place | fixed order | OpenBLAS / fixed | fixed GFLOP/s |")
        print("|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|")
        let shapes: [(Int, Int, Int, Bool, String)] = [
            (32, 128, 5000, true, "adding LSTM, ∂U = Hᵀ·G"), (2, 128, 5000, true, "adding LSTM, ∂W = Xᵀ·G"),
            (5000, 128, 2, false, "adding LSTM, X·W + bias row"),
            (256, 256, 6400, true, "tanh RNN, ∂U = Hᵀ·G"), (128, 256, 6400, true, "tanh RNN, ∂W = Xᵀ·G"),
            (256, 1024, 6400, true, "medium LSTM, ∂U = Hᵀ·G"),
        ]
        let savedThreads = BLAS.threadCount
        BLAS.threadCount = 1
        defer { BLAS.threadCount = savedThreads }
        for (m, n, k, transposeA, label) in shapes {
            var rng = RandomGenerator(seed: 4)
            let a = rng.normal(shape: transposeA ? [k, m] : [m, k]), b = rng.normal(shape: [k, n]), bias = rng.normal(shape: [n])
            let c = NDArray(zeros: [m, n])
            let (pa, pb, pc) = (UnsafeRawPointer(a.buffer.pointer), UnsafeRawPointer(b.buffer.pointer), c.buffer.pointer)
            let lda = transposeA ? m : k
            let withBias = !transposeA
            func fixed(inPlace: Bool?) {
                FixedOrderGemm.gemm(dtype: .float32, transposeA: transposeA, transposeB: false, m: m, n: n, k: k, alpha: 1, a: pa, lda: lda,
                                    b: pb, ldb: n, beta: withBias ? 1 : 0, c: pc, ldc: n,
                                    addend: withBias ? UnsafeRawPointer(bias.buffer.pointer) : nil, threads: 1, readsInPlace: inPlace)
            }
            let (blas, planned, _) = Timing.compare({
                if withBias { for i in 0..<m { (pc + i * n * 4).copyMemory(from: bias.buffer.pointer, byteCount: n * 4) } }
                BLAS.gemm(dtype: .float32, transposeA: transposeA, transposeB: false, m: m, n: n, k: k, alpha: 1, a: pa, lda: lda,
                          b: pb, ldb: n, beta: withBias ? 1 : 0, c: pc, ldc: n)
            }, { fixed(inPlace: nil) })
            let (packed, inPlace, _) = Timing.compare({ fixed(inPlace: false) }, { fixed(inPlace: true) })
            let flop = 2.0 * Double(m * n * k)
            print("| \(m) | \(n) | \(k) | \(label) | \(Timing.format(blas)) | \(Timing.format(packed)) | \(Timing.format(inPlace)) | \(Timing.format(planned)) | "
                  + String(format: "%.2f | %.1f |", blas / planned, flop / planned / 1e9))
        }
    }
}
