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
    }
}
