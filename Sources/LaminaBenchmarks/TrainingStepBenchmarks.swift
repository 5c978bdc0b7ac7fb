import CBLAS
import Foundation
import Lamina
import LaminaGraph
import LaminaTensor

/// One training step (forward, backward, Adam update) of a single-layer
/// recurrent network with a dense readout of the last hidden state and a
/// squared-error loss: the six workloads of the speed issue and the harness's
/// adding configuration (issue 18: batch 50, T = 100, 2 inputs, 32 units, with
/// the gradient's total norm clipped to 1 and returned, as `lamina compare`
/// trains it), with the FLOP
/// convention of the peer scripts (only the GEMMs count; training = 3 ×
/// forward). Cells are written with `scan` over plain engine ops, gate order
/// i, f, g, o; the readout and Adam come from the layer library.
///
/// Environment: `LAMINA_WORKLOAD` picks workloads (an id such as `lstm_medium`,
/// or a piece of the name); `LAMINA_TRAIN_JSON=1` adds one JSON line per
/// workload after its table row (read by `Comparisons/peers/side_by_side.py`);
/// `LAMINA_BLAS_THREADS` sets the BLAS threads (default 1); `LAMINA_COMPILE_OFF`
/// switches rewrites off (for example `packLoopWeights`).
enum TrainingStepBenchmarks {
    enum Cell: String { case lstm, gru, rnn }

    struct Workload {
        let id: String, name: String, cell: Cell, batch: Int, steps: Int, inputs: Int, units: Int, forwardOnly: Bool
        /// The total-norm clip of the gradients (`totalNormConstraint`), or 0 for none.
        var clipNorm = 0.0
        var gates: Int { cell == .lstm ? 4 : (cell == .gru ? 3 : 1) }
        /// 2·(B·T)·D·G·H + T·2·B·H·G·H + 2·B·H, times 3 for training.
        var gflop: Double {
            let forward = 2.0 * Double(batch * steps * inputs * gates * units) + Double(steps) * 2.0 * Double(batch * units * gates * units)
                + 2.0 * Double(batch * units)
            return (forwardOnly ? forward : 3 * forward) / 1e9
        }
    }

    static let workloads = [
        Workload(id: "lstm_small", name: "LSTM small (32, 50, 16, 64)", cell: .lstm, batch: 32, steps: 50, inputs: 16, units: 64, forwardOnly: false),
        Workload(id: "lstm_medium", name: "LSTM medium (64, 100, 128, 256)", cell: .lstm, batch: 64, steps: 100, inputs: 128, units: 256, forwardOnly: false),
        Workload(id: "lstm_large", name: "LSTM large (64, 100, 512, 512)", cell: .lstm, batch: 64, steps: 100, inputs: 512, units: 512, forwardOnly: false),
        Workload(id: "gru_medium", name: "GRU medium", cell: .gru, batch: 64, steps: 100, inputs: 128, units: 256, forwardOnly: false),
        Workload(id: "rnn_medium", name: "tanh RNN medium", cell: .rnn, batch: 64, steps: 100, inputs: 128, units: 256, forwardOnly: false),
        Workload(id: "lstm_medium_infer", name: "LSTM medium, forward only", cell: .lstm, batch: 64, steps: 100, inputs: 128, units: 256, forwardOnly: true),
        Workload(id: "adding", name: "adding step (50, 100, 2, 32), clip 1", cell: .lstm, batch: 50, steps: 100, inputs: 2, units: 32,
                 forwardOnly: false, clipNorm: 1),
    ]

    /// The workloads `only` selects: the one whose id it is, else those whose name contains it.
    static func selected(_ only: String?) -> [Workload] {
        guard let only else { return workloads }
        if let exact = workloads.first(where: { $0.id == only }) { return [exact] }
        return workloads.filter { $0.name.lowercased().contains(only) }
    }

    static func run(only: String?) throws {
        let json = ProcessInfo.processInfo.environment["LAMINA_TRAIN_JSON"].map { $0 != "" && $0 != "0" } ?? false
        let baseRSS = peakRSSMegabytes() // before any graph is built
        print("== train (BLAS threads \(BLAS.threadCount), Lamina kernels \(VectorInstructions.inUse)) ==")
        print("| workload | setup s | median ms/step | min ms/step | GFLOP/s |")
        print("|---|---:|---:|---:|---:|")
        for w in selected(only) {
            let start = Timing.now()
            let (step, x, y) = try build(w)
            let firstLoss = try step(x, y)[0].scalarValue
            let setup = Timing.now() - start
            _ = try step(x, y); _ = try step(x, y)
            var samples: [Double] = []
            var lastLoss = firstLoss
            let budget = Timing.now()
            while samples.count < 20 || (samples.count < 30 && Timing.now() - budget < 30) {
                let t = Timing.now()
                let outputs = try step(x, y)
                samples.append(Timing.now() - t)
                lastLoss = outputs[0].scalarValue
            }
            let times = samples
            samples.sort()
            let median = samples[samples.count / 2]
            print(String(format: "| %@ | %.2f | %.1f | %.1f | %.1f |", w.name, setup, median * 1e3, samples[0] * 1e3, w.gflop / median))
            if json {
                let record: [String: Any] = [
                    "framework": "lamina", "workload": w.id, "threads": BLAS.threadCount,
                    "batch": w.batch, "steps": w.steps, "inputs": w.inputs, "units": w.units, "forward_only": w.forwardOnly,
                    "setup_s": setup, "compile_s": max(0, setup - median),
                    "median_ms": median * 1e3, "min_ms": samples[0] * 1e3, "n_steps": samples.count,
                    "gflop_per_step": w.gflop, "gflops": w.gflop / median,
                    "first_loss": firstLoss, "last_loss": lastLoss,
                    "base_rss_mb": baseRSS, "peak_rss_mb": peakRSSMegabytes(),
                    "desc": "Lamina, \(VectorInstructions.inUse) kernels, OpenBLAS \(String(cString: openblas_get_corename())) (\(BLAS.configuration.trimmingCharacters(in: .whitespaces)))",
                    "times_ms": times.map { ($0 * 1e6).rounded() / 1e3 },
                ]
                let data = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
                print(String(decoding: data, as: UTF8.self))
            }
        }
    }

    /// The process's peak resident set so far (getrusage; Linux reports kilobytes).
    static func peakRSSMegabytes() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    /// The compiled step and fixed random data.
    static func build(_ w: Workload) throws -> (Function, NDArray, NDArray) {
        var rng = RandomGenerator(seed: 17)
        let (B, T, D, H, G) = (w.batch, w.steps, w.inputs, w.units, w.gates)
        let xValue = rng.normal(shape: [B, T, D]), yValue = rng.normal(shape: [B, 1])
        let x = Expr.input("x", shape: [B, T, D]), y = Expr.input("y", shape: [B, 1])
        let bound = 1 / Double(H).squareRoot()
        let W = Shared(rng.uniform(shape: [D, G * H], low: -bound, high: bound), name: "W")
        let U = Shared(rng.uniform(shape: [H, G * H], low: -bound, high: bound), name: "U")
        let b = Shared(NDArray(zeros: [G * H]), name: "b")
        let readoutW = Shared(rng.uniform(shape: [H, 1], low: -bound, high: bound), name: "readout.W")
        let readoutB = Shared(NDArray(zeros: [1]), name: "readout.b")
        let zeros = Expr.constant(NDArray(zeros: [B, H]))
        let sequence = try x.dimshuffle([1, 0, 2]) // time-major
        func slice(_ e: Expr, _ k: Int) throws -> Expr { try e.subtensor([.all, .range(k * H, (k + 1) * H)]) }
        let last: Expr
        switch w.cell {
        case .lstm:
            last = try scan(sequences: [sequence], initialStates: [zeros, zeros]) { xs, s, _ in
                let gates = try xs[0].dot(W) + b + s[1].dot(U)
                let i = try slice(gates, 0).sigmoid(), f = try slice(gates, 1).sigmoid()
                let g = try slice(gates, 2).tanh(), o = try slice(gates, 3).sigmoid()
                let c = try f * s[0] + i * g
                return (states: [c, try o * c.tanh()], outputs: [])
            }.finalStates[1]
        case .gru:
            // PyTorch/cuDNN form: n = tanh(x·W_n + b_n + r ⊙ (h·U_n)), h' = (1 − z) ⊙ n + z ⊙ h
            last = try scan(sequences: [sequence], initialStates: [zeros]) { xs, s, _ in
                let xg = try xs[0].dot(W) + b, hg = try s[0].dot(U)
                let r = try (slice(xg, 0) + slice(hg, 0)).sigmoid(), z = try (slice(xg, 1) + slice(hg, 1)).sigmoid()
                let n = try (slice(xg, 2) + r * slice(hg, 2)).tanh()
                return (states: [try (1 - z) * n + z * s[0]], outputs: [])
            }.finalStates[0]
        case .rnn:
            last = try scan(sequences: [sequence], initialStates: [zeros]) { xs, s, _ in
                (states: [try (xs[0].dot(W) + b + s[0].dot(U)).tanh()], outputs: [])
            }.finalStates[0]
        }
        let prediction = try last.dot(readoutW) + readoutB
        let loss = try (prediction - y).square().mean()
        if w.forwardOnly {
            return (try function(inputs: [x, y], outputs: [loss], options: try compileOptions()), xValue, yValue)
        }
        let params = [W, U, b, readoutW, readoutB]
        if w.clipNorm > 0 {
            // As the harness's training step (LaminaCompare's ComparisonModel): the norm is returned, the gradients clipped.
            let clipped = try totalNormConstraint(try grad(loss, wrt: params), maxNorm: w.clipNorm)
            let updates = try adam(.gradients(clipped.tensors), params: params, epsilonForm: .biasCorrected)
            return (try function(inputs: [x, y], outputs: [loss, clipped.norm], updates: updates, options: try compileOptions()), xValue, yValue)
        }
        let updates = try adam(.loss(loss), params: params, epsilonForm: .biasCorrected)
        return (try function(inputs: [x, y], outputs: [loss], updates: updates, options: try compileOptions()), xValue, yValue)
    }

    /// The default options with the passes named in `LAMINA_COMPILE_OFF` (comma-separated) switched off,
    /// for before/after comparisons of one pass on the same binary.
    static func compileOptions() throws -> CompileOptions { try CompileOptions.fromEnvironment() }
}
