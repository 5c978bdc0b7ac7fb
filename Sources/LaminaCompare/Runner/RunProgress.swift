import Foundation

/// Runs done out of the total, with an estimate of the time remaining.
public struct RunProgress: Sendable, Equatable {
    /// Runs finished, including those skipped because the results file already had them.
    public var done: Int
    /// Runs in the study (or shard).
    public var total: Int
    /// Seconds since this invocation started.
    public var elapsed: Double
    /// Runs finished by this invocation (the basis of the estimate).
    public var finishedHere: Int

    /// Estimated seconds remaining, from the mean time per run finished here, shared by `jobs` workers
    /// already folded into `elapsed`; nil before the first run finishes.
    public var estimatedSecondsRemaining: Double? {
        guard finishedHere > 0 else { return nil }
        return elapsed / Double(finishedHere) * Double(total - done)
    }

    /// For example `[12/90] 3m05s elapsed, about 19m40s left`.
    public var line: String {
        var text = "[\(done)/\(total)] \(Self.format(elapsed)) elapsed"
        if let left = estimatedSecondsRemaining { text += ", about \(Self.format(left)) left" }
        return text
    }

    static func format(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s >= 3600 { return "\(s / 3600)h\(String(format: "%02d", s % 3600 / 60))m" }
        return "\(s / 60)m\(String(format: "%02d", s % 60))s"
    }
}
