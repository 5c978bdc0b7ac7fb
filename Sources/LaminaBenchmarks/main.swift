// Lamina's benchmark executable. Run in release mode:
//   swift run -c release LaminaBenchmarks [engine]
// Figures and the machine they were measured on go into BENCHMARKS.md.
import Foundation

let suites = CommandLine.arguments.dropFirst()
let selected = suites.isEmpty ? ["engine"] : Array(suites)
for suite in selected {
    switch suite {
    case "engine": try EngineBenchmarks.run()
    default:
        FileHandle.standardError.write("unknown benchmark suite \(suite); known: engine\n".data(using: .utf8)!)
        exit(2)
    }
}
