/// Calls a closure with each epoch's log (Keras's `LambdaCallback(on_epoch_end=...)`).
public final class EpochCallback: TrainerExtension {
    private let body: (Trainer, EpochLog) throws -> Void

    /// Calls `body` after each epoch.
    public init(_ body: @escaping (Trainer, EpochLog) throws -> Void) { self.body = body }

    public func afterEpoch(_ trainer: Trainer, log: EpochLog) throws { try body(trainer, log) }
}
