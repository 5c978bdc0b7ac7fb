/// Whether a monitored value improves by going down (a loss) or up (an accuracy).
public enum MonitorMode: String, Sendable {
    /// Lower is better.
    case min
    /// Higher is better.
    case max

    /// Whether `value` beats `best` by more than `minDelta`.
    func improves(_ value: Double, on best: Double, minDelta: Double) -> Bool {
        switch self {
        case .min: return value < best - minDelta
        case .max: return value > best + minDelta
        }
    }

    /// The starting "best" value, which any finite value beats.
    var worst: Double { self == .min ? .infinity : -.infinity }
}

/// The value `monitor` in `log`.
/// - Throws: ``LaminaError/invalidArgument(function:detail:)`` naming the log's values when it has none.
func monitored(_ monitor: String, in log: EpochLog, by owner: String) throws -> Double {
    guard let value = log[monitor] else {
        throw LaminaError.invalidArgument(function: owner, detail: "the epoch log has no value \(monitor); it has \(log.names.joined(separator: ", "))")
    }
    return value
}
