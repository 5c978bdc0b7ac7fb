// Lamina's benchmark executable. Run in release mode:
//   swift run -c release LaminaBenchmarks [engine] [loop]
// Figures and the machine they were measured on go into BENCHMARKS.md.
import Foundation

let suites = CommandLine.arguments.dropFirst()
let selected = suites.isEmpty ? ["engine", "loop"] : Array(suites)
for suite in selected {
    switch suite {
    case "engine": try EngineBenchmarks.run()
    case "loop": try LoopBenchmarks.run()
    case "kernels": KernelBenchmarks.run()
    default:
        FileHandle.standardError.write("unknown benchmark suite \(suite); known: engine, loop, kernels\n".data(using: .utf8)!)
        exit(2)
    }
}
