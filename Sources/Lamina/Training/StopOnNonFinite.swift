/// Stops a run at once when a training output is NaN or infinite, or above its limit (Keras's
/// `TerminateOnNaN`, with optional limits such as a gradient norm above 10⁶). The epoch is then logged
/// with the values of the batch that stopped it (see ``EpochLog``).
public final class StopOnNonFinite: TrainerExtension {
    /// The training outputs watched (nil: all of them).
    public let monitors: [String]?
    /// Upper limits by output name: a value above its limit stops the run.
    public let limits: [String: Double]

    /// Stops on a non-finite value of `monitors` (all training outputs by default) or one above `limits`.
    public init(monitors: [String]? = nil, limits: [String: Double] = [:]) {
        (self.monitors, self.limits) = (monitors, limits)
    }

    /// Stops the trainer when a monitored output of the batch is NaN, infinite or above its limit.
    public func afterBatch(_ trainer: Trainer, outputs: [Double]) throws {
        for (name, value) in zip(trainer.outputNames, outputs) where monitors?.contains(name) ?? true {
            if !value.isFinite {
                trainer.requestStop("\(name) is \(value) at batch \(trainer.state.batch) of epoch \(trainer.epoch + 1)", immediately: true)
            } else if let limit = limits[name], value > limit {
                trainer.requestStop("\(name) is \(value), above \(limit), at batch \(trainer.state.batch) of epoch \(trainer.epoch + 1)", immediately: true)
            }
        }
    }
}
