import Foundation

/// Wall-clock timing for benchmarks: the median of several trials, each
/// trial running the body enough times to last at least `minimumSeconds`.
enum Timing {
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    /// Median seconds per run of `body`.
    static func median(trials: Int = 7, minimumSeconds: Double = 0.2, warmup: Int = 2, _ body: () throws -> Void) rethrows -> Double {
        for _ in 0..<warmup { try body() }
        // Calibrate the repetitions per trial.
        var reps = 1
        while true {
            let start = now()
            for _ in 0..<reps { try body() }
            let elapsed = now() - start
            if elapsed >= minimumSeconds / 4 || reps >= 1 << 20 {
                reps = max(1, Int(Double(reps) * minimumSeconds / max(elapsed, 1e-9)))
                break
            }
            reps *= 4
        }
        var samples: [Double] = []
        for _ in 0..<trials {
            let start = now()
            for _ in 0..<reps { try body() }
            samples.append((now() - start) / Double(reps))
        }
        samples.sort()
        return samples[samples.count / 2]
    }

    /// A duration in the most readable unit.
    static func format(_ seconds: Double) -> String {
        if seconds < 1e-3 { return String(format: "%.1f µs", seconds * 1e6) }
        if seconds < 1 { return String(format: "%.3f ms", seconds * 1e3) }
        return String(format: "%.3f s", seconds)
    }
}
