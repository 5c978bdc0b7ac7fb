import Foundation
import Lamina
import LaminaGraph
import LaminaTensor

/// Training steps of the `train` workloads built from Lamina's recurrent layers
/// (`LSTMLayer`, `GRULayer`, `RecurrentLayer` with a mask, only the final step
/// read, a dense readout, squared error, Adam) instead of raw engine ops: the
/// cost a layer user pays. Used to compare two builds of the library (for
/// example before and after a layer is rebuilt) by running both binaries in
/// turn; each row prints the median and minimum milliseconds per step, of wall
/// time and of the process's CPU time (the latter is less disturbed by other
/// processes on a shared machine, since waiting for a core is not counted).
///
/// Environment: `LAMINA_WORKLOAD` as for `train`; `LAMINA_PRINT_PROGRAM=1` prints each
/// compiled step's program and loop bodies before timing it.
enum LayerStepBenchmarks {
    static func run(only: String?) throws {
        print("== layers (BLAS threads \(BLAS.threadCount)) ==")
        print("| workload | median ms/step | min ms/step | median CPU ms/step | min CPU ms/step |")
        print("|---|---:|---:|---:|---:|")
        for w in TrainingStepBenchmarks.selected(only) {
            let (step, inputs) = try build(w)
            if ProcessInfo.processInfo.environment["LAMINA_PRINT_PROGRAM"] != nil {
                print(step.programDescription)
                for (k, body) in step.loopBodySteps.enumerated() { print("loop \(k):"); body.forEach { print("  \($0)") } }
            }
            for _ in 0..<3 { _ = try step.call(inputs) }
            var samples: [Double] = [], cpuSamples: [Double] = []
            let budget = Timing.now()
            while samples.count < 15 || (samples.count < 30 && Timing.now() - budget < 20) {
                let t = Timing.now(), c = processCPUSeconds()
                _ = try step.call(inputs)
                samples.append(Timing.now() - t)
                cpuSamples.append(processCPUSeconds() - c)
            }
            samples.sort(); cpuSamples.sort()
            print(String(format: "| %@ | %.2f | %.2f | %.2f | %.2f |", w.name, samples[samples.count / 2] * 1e3, samples[0] * 1e3,
                         cpuSamples[cpuSamples.count / 2] * 1e3, cpuSamples[0] * 1e3))
        }
    }

    /// The CPU time this process has used, in seconds (all its threads).
    static func processCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    /// The compiled step and its fixed random inputs (sequences, an all-ones mask, targets).
    static func build(_ w: TrainingStepBenchmarks.Workload) throws -> (Function, [NDArray]) {
        let (B, T, D, H) = (w.batch, w.steps, w.inputs, w.units)
        let (input, mask, readout) = try LayerDefaults.using(floatX: .float32, seed: 5) {
            let input = try InputLayer(shape: [nil, T, D], name: "input"), mask = try InputLayer(shape: [nil, T], name: "mask")
            let options = RecurrentOptions(onlyReturnFinal: true)
            let recurrent: Layer
            switch w.cell {
            case .lstm: recurrent = try LSTMLayer(incoming: input, units: H, peepholes: false, mask: mask, options: options, name: "lstm")
            case .gru: recurrent = try GRULayer(incoming: input, units: H, mask: mask, options: options, name: "gru")
            case .rnn: recurrent = try RecurrentLayer(incoming: input, units: H, nonlinearity: .tanh, mask: mask, options: options, name: "rnn")
            }
            return (input, mask, try DenseLayer(incoming: recurrent, units: 1, nonlinearity: .linear, name: "readout"))
        }
        let targets = Expr.input("targets", shape: [nil, 1])
        let loss = try (output(of: readout) - targets).square().mean()
        var rng = RandomGenerator(seed: 17)
        let values = [rng.normal(shape: [B, T, D]), NDArray(repeating: 1, shape: [B, T]), rng.normal(shape: [B, 1])]
        let inputs = [input.inputVar, mask.inputVar, targets]
        if w.forwardOnly { return (try function(inputs: inputs, outputs: [loss]), values) }
        let updates = try adam(.loss(loss), params: allParams(of: readout, tags: [.trainable]), epsilonForm: .biasCorrected)
        return (try function(inputs: inputs, outputs: [loss], updates: updates), values)
    }
}
