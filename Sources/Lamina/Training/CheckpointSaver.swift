/// Writes a checkpoint (``Trainer/saveCheckpoint(to:)``) to one path every `everyEpochs` epochs, and
/// optionally every `everyBatches` batches within an epoch. Each write replaces the previous checkpoint
/// atomically; resume with ``Trainer/loadCheckpoint(from:)`` on a trainer built the same way.
public final class CheckpointSaver: TrainerExtension {
    /// The checkpoint file.
    public let path: String
    /// Epochs between checkpoints.
    public let everyEpochs: Int
    /// Batches between checkpoints within an epoch (nil: only at the end of epochs).
    public let everyBatches: Int?

    /// Checkpoints to `path` after every `everyEpochs`-th epoch (and every `everyBatches`-th batch).
    public init(path: String, everyEpochs: Int = 1, everyBatches: Int? = nil) {
        precondition(everyEpochs > 0 && (everyBatches ?? 1) > 0, "checkpoint intervals must be positive")
        (self.path, self.everyEpochs, self.everyBatches) = (path, everyEpochs, everyBatches)
    }

    /// Writes the checkpoint after every `everyBatches`-th batch of an epoch, when set.
    public func afterBatch(_ trainer: Trainer, outputs: [Double]) throws {
        guard let every = everyBatches, trainer.state.batch % every == 0, trainer.state.batch < trainer.batchesInEpoch else { return }
        try trainer.saveCheckpoint(to: path)
    }

    /// Writes the checkpoint after every `everyEpochs`-th epoch, once the epoch is complete (its log included).
    public func epochDidEnd(_ trainer: Trainer) throws {
        if trainer.epoch % everyEpochs == 0 { try trainer.saveCheckpoint(to: path) }
    }
}
