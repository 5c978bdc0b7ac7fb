import LaminaTensor

/// Stops a run when a monitored value (usually a validation metric) has not improved by more than
/// `minDelta` for `patience` epochs (Keras's `EarlyStopping`), and optionally puts back the parameters
/// of the best epoch when it stops.
public final class EarlyStopping: TrainerExtension {
    /// The value watched, such as `"val_loss"` or `"val_accuracy"`.
    public let monitor: String
    /// Whether lower or higher is better.
    public let mode: MonitorMode
    /// Epochs without improvement before stopping.
    public let patience: Int
    /// The smallest change that counts as an improvement.
    public let minDelta: Double
    /// Whether to restore the best epoch's parameters when stopping.
    public let restoreBest: Bool
    /// The best value so far.
    public private(set) var best: Double
    /// The epoch (from 1) of the best value, 0 before any.
    public private(set) var bestEpoch = 0
    /// Epochs since the best.
    public private(set) var wait = 0
    private var bestValues: [NDArray] = []

    /// Early stopping on `monitor`.
    public init(monitor: String = "val_loss", mode: MonitorMode = .min, patience: Int = 5, minDelta: Double = 0, restoreBest: Bool = false) {
        (self.monitor, self.mode, self.patience, self.minDelta, self.restoreBest) = (monitor, mode, patience, minDelta, restoreBest)
        best = mode.worst
    }

    /// Compares the epoch's monitored value with the best; after `patience` epochs without an improvement larger than `minDelta`, stops the trainer (and restores the best epoch's parameters when asked).
    public func afterEpoch(_ trainer: Trainer, log: EpochLog) throws {
        let value = try monitored(monitor, in: log, by: "EarlyStopping")
        if mode.improves(value, on: best, minDelta: minDelta) {
            (best, bestEpoch, wait) = (value, log.epoch, 0)
            if restoreBest { bestValues = trainer.parameters.map { $0.value.copy() } }
            return
        }
        wait += 1
        guard wait >= patience else { return }
        trainer.requestStop("\(monitor) has not improved for \(wait) epoch(s) (best \(best) at epoch \(bestEpoch))")
        if restoreBest && bestValues.count == trainer.parameters.count {
            for (p, v) in zip(trainer.parameters, bestValues) { try p.setValue(v) }
        }
    }

    /// The name of this extension's state in a checkpoint.
    public var checkpointName: String? { "early_stopping" }

    /// The best value, its epoch, the epochs since, and (with `restoreBest`) the best epoch's parameters, for a checkpoint.
    public func checkpointState() -> ExtensionState {
        var arrays: [String: NDArray] = [:]
        for (k, v) in bestValues.enumerated() { arrays["best\(k)"] = v }
        return ExtensionState(numbers: ["best": best, "best_epoch": Double(bestEpoch), "wait": Double(wait)], arrays: arrays)
    }

    /// Reads the state of ``checkpointState()``; the returned closure applies it (after every check has passed).
    public func prepareRestore(_ state: ExtensionState) throws -> () -> Void {
        let best = try state.number("best", of: "early_stopping")
        let bestEpoch = Int(try state.number("best_epoch", of: "early_stopping"))
        let wait = Int(try state.number("wait", of: "early_stopping"))
        let values = (0..<state.arrays.count).compactMap { state.arrays["best\($0)"] }
        return { [self] in (self.best, self.bestEpoch, self.wait, bestValues) = (best, bestEpoch, wait, values) }
    }
}
