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

extension Timing {
    /// Times two bodies in alternating trials (so drifting load on a shared
    /// machine affects both alike). Returns the median seconds per run of each
    /// and the median of the per-trial ratios a/b.
    static func compare(trials: Int = 9, minimumSeconds: Double = 0.3, _ a: () throws -> Void, _ b: () throws -> Void) rethrows
        -> (a: Double, b: Double, ratio: Double) {
        try a(); try b()
        func once(_ body: () throws -> Void) rethrows -> Double {
            var reps = 0
            let start = now()
            repeat { try body(); reps += 1 } while now() - start < minimumSeconds
            return (now() - start) / Double(reps)
        }
        var ta: [Double] = [], tb: [Double] = [], ratios: [Double] = []
        for _ in 0..<trials {
            let x = try once(a), y = try once(b)
            ta.append(x); tb.append(y); ratios.append(x / y)
        }
        func median(_ v: [Double]) -> Double { v.sorted()[v.count / 2] }
        return (median(ta), median(tb), median(ratios))
    }
}
