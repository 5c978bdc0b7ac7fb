import Foundation
import LaminaGraph
import LaminaTensor

/// Changes a learning rate held in a ``Shared`` scalar between epochs. Give the update rule
/// `learningRate: .expression(schedule.rate)`; the schedule sets the rate before each epoch e (from 0):
///
/// - ``Kind/step(every:factor:)``: η₀ · factor^⌊e / every⌋ (PyTorch's `StepLR`);
/// - ``Kind/exponential(gamma:)``: η₀ · γᵉ (`ExponentialLR`);
/// - ``Kind/cosine(epochs:minimum:)``: η_min + (η₀ − η_min)(1 + cos(π·min(e, T)/T))/2 (`CosineAnnealingLR`);
/// - ``Kind/plateau(monitor:mode:factor:patience:minDelta:minimum:)``: η · factor once the monitored value has
///   not improved for `patience` epochs, not below `minimum` (`ReduceLROnPlateau`).
public final class LearningRateSchedule: TrainerExtension {
    /// How the rate changes.
    public enum Kind: Sendable {
        /// Multiply by `factor` every `every` epochs.
        case step(every: Int, factor: Double)
        /// Multiply by `gamma` every epoch.
        case exponential(gamma: Double)
        /// Cosine annealing from the initial rate to `minimum` over `epochs` epochs.
        case cosine(epochs: Int, minimum: Double)
        /// Multiply by `factor` after `patience` epochs without improvement of `monitor`.
        case plateau(monitor: String, mode: MonitorMode, factor: Double, patience: Int, minDelta: Double, minimum: Double)
    }

    /// The learning rate the update rule reads (a float64 scalar).
    public let rate: Shared
    /// The rate at epoch 0.
    public let initial: Double
    /// The schedule.
    public let kind: Kind
    private var best: Double = .nan
    private var wait = 0

    /// A schedule of a new float64 scalar rate named `name`, starting at `initial`.
    public init(initial: Double, kind: Kind, name: String = "learning_rate") {
        rate = Shared(NDArray(scalar: initial), name: name)
        self.initial = initial
        self.kind = kind
        if case .plateau(_, let mode, _, _, _, _) = kind { best = mode.worst }
    }

    /// The rate as an update rule's hyperparameter.
    public var hyperparameter: Hyperparameter { .expression(rate) }

    /// The current rate.
    public var current: Double { rate.value.scalarValue }

    /// The rate of epoch `epoch` (from 0) for the epoch-driven kinds; nil for a plateau schedule.
    public func rate(atEpoch epoch: Int) -> Double? {
        switch kind {
        case .step(let every, let factor): return initial * pow(factor, Double(epoch / Swift.max(1, every)))
        case .exponential(let gamma): return initial * pow(gamma, Double(epoch))
        case .cosine(let epochs, let minimum):
            let t = Double(Swift.min(epoch, epochs)) / Double(Swift.max(1, epochs))
            return minimum + (initial - minimum) * (1 + cos(Double.pi * t)) / 2
        case .plateau: return nil
        }
    }

    /// Sets the rate of the coming epoch (the epoch-driven kinds).
    public func beforeEpoch(_ trainer: Trainer) throws {
        if let value = rate(atEpoch: trainer.epoch) { try rate.setValue(NDArray(scalar: value)) }
    }

    /// For a plateau schedule, lowers the rate after `patience` epochs without improvement.
    public func afterEpoch(_ trainer: Trainer, log: EpochLog) throws {
        guard case .plateau(let monitor, let mode, let factor, let patience, let minDelta, let minimum) = kind else { return }
        let value = try monitored(monitor, in: log, by: "LearningRateSchedule")
        if mode.improves(value, on: best, minDelta: minDelta) {
            (best, wait) = (value, 0)
        } else {
            wait += 1
            if wait >= patience {
                try rate.setValue(NDArray(scalar: Swift.max(minimum, current * factor)))
                wait = 0
            }
        }
    }

    /// The name of this schedule's state in a checkpoint (the rate's name).
    public var checkpointName: String? { rate.name ?? "learning_rate" }

    /// The current rate and the plateau bookkeeping, for a checkpoint.
    public func checkpointState() -> ExtensionState {
        ExtensionState(numbers: ["rate": current, "best": best, "wait": Double(wait)])
    }

    /// Reads the state of ``checkpointState()``; the returned closure applies it.
    public func prepareRestore(_ state: ExtensionState) throws -> () -> Void {
        let owner = checkpointName ?? ""
        let value = try state.number("rate", of: owner), best = try state.number("best", of: owner)
        let wait = Int(try state.number("wait", of: owner))
        return { [self] in
            try? rate.setValue(NDArray(scalar: value))
            (self.best, self.wait) = (best, wait)
        }
    }
}
