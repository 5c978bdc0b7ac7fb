// Lamina's benchmark executable. Run in release mode:
//   swift run -c release LaminaBenchmarks [engine] [loop] [kernels] [train] [layers] [trainer]
// (LAMINA_WORKLOAD=medium limits `train` to workloads whose name contains it, or to the one
// with that id, e.g. lstm_medium; LAMINA_TRAIN_JSON=1 adds a JSON line per workload)
// Figures and the machine they were measured on go into BENCHMARKS.md.
import Foundation

let suites = CommandLine.arguments.dropFirst()
let selected = suites.isEmpty ? ["engine", "loop"] : Array(suites)
for suite in selected {
    switch suite {
    case "engine": try EngineBenchmarks.run()
    case "loop": try LoopBenchmarks.run()
    case "kernels": KernelBenchmarks.run()
    case "trainer": try TrainerBenchmarks.run()
    case "layers": try LayerStepBenchmarks.run(only: ProcessInfo.processInfo.environment["LAMINA_WORKLOAD"]?.lowercased())
    case "train": try TrainingStepBenchmarks.run(only: ProcessInfo.processInfo.environment["LAMINA_WORKLOAD"]?.lowercased())
    default:
        FileHandle.standardError.write("unknown benchmark suite \(suite); known: engine, loop, kernels, train, layers, trainer\n".data(using: .utf8)!)
        exit(2)
    }
}
