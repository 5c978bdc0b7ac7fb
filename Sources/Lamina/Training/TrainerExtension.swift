import LaminaTensor

/// Something that takes part in a ``Trainer``'s run at fixed points (Blocks' extensions, Keras's callbacks):
/// it can watch, write, change a learning rate, or ask the trainer to stop.
///
/// Every hook has an empty default. Within one point, extensions run in the order of
/// ``Trainer/extensions``; ``epochDidEnd(_:)`` runs after every extension's ``afterEpoch(_:log:)``, so an
/// extension that records the whole state (``CheckpointSaver``) sees the others' updated state.
public protocol TrainerExtension: AnyObject {
    /// Before the first epoch of a call of ``Trainer/fit(epochs:training:validation:)``.
    func beforeTraining(_ trainer: Trainer) throws
    /// Before each epoch's first batch (also when a resumed run starts in the middle of an epoch).
    func beforeEpoch(_ trainer: Trainer) throws
    /// After each training batch, with the training function's outputs (as numbers).
    func afterBatch(_ trainer: Trainer, outputs: [Double]) throws
    /// After each epoch, with its log (already in ``Trainer/history``).
    func afterEpoch(_ trainer: Trainer, log: EpochLog) throws
    /// After every extension's ``afterEpoch(_:log:)``.
    func epochDidEnd(_ trainer: Trainer) throws
    /// When a call of ``Trainer/fit(epochs:training:validation:)`` ends (after the last epoch or a stop).
    func afterTraining(_ trainer: Trainer) throws

    /// The extension's name in checkpoints, or nil if it has no state to save (the default).
    /// Two extensions of one trainer that save state need different names.
    var checkpointName: String? { get }
    /// The state a checkpoint saves (called only when ``checkpointName`` is not nil).
    func checkpointState() -> ExtensionState
    /// Checks `state` (read from a checkpoint) and returns the change that installs it, applied only
    /// once every part of the checkpoint has been checked.
    /// - Throws: an error naming what does not fit; nothing is changed then.
    func prepareRestore(_ state: ExtensionState) throws -> () -> Void
}

extension TrainerExtension {
    public func beforeTraining(_ trainer: Trainer) throws {}
    public func beforeEpoch(_ trainer: Trainer) throws {}
    public func afterBatch(_ trainer: Trainer, outputs: [Double]) throws {}
    public func afterEpoch(_ trainer: Trainer, log: EpochLog) throws {}
    public func epochDidEnd(_ trainer: Trainer) throws {}
    public func afterTraining(_ trainer: Trainer) throws {}
    public var checkpointName: String? { nil }
    public func checkpointState() -> ExtensionState { ExtensionState() }
    public func prepareRestore(_ state: ExtensionState) throws -> () -> Void { {} }
}

/// An extension's saved state: numbers by name, and arrays by name (such as the best weights of
/// ``EarlyStopping``). Numbers keep every bit, NaN and infinities included.
public struct ExtensionState {
    /// Numbers by name.
    public var numbers: [String: Double]
    /// Arrays by name.
    public var arrays: [String: NDArray]

    /// A state with these numbers and arrays.
    public init(numbers: [String: Double] = [:], arrays: [String: NDArray] = [:]) {
        (self.numbers, self.arrays) = (numbers, arrays)
    }

    /// The number named `name`.
    /// - Throws: ``LaminaError/invalidArgument(function:detail:)`` naming `owner` and `name` when it is missing.
    public func number(_ name: String, of owner: String) throws -> Double {
        guard let value = numbers[name] else {
            throw LaminaError.invalidArgument(function: "checkpoint", detail: "the state of extension \(owner) has no value \(name)")
        }
        return value
    }
}
