import Foundation

/// A one-line progress bar per epoch, redrawn after every batch (with a carriage return), with the
/// running mean of the loss and the time remaining, and a last line with the epoch's log:
///
///     epoch 2/10 [############--------]  6/10 loss 0.4127 eta 1.2s
///     epoch 2/10 [####################] 10/10 loss 0.3981 val_accuracy 0.9125 3.1s
///
/// The time remaining is the epoch's elapsed time per batch times the batches left.
public final class ProgressBar<Stream: TextOutputStream>: TrainerExtension {
    /// Where the bar is written.
    public private(set) var stream: Stream
    /// The bar's width in characters.
    public let width: Int
    private let clock: () -> Double
    private var started = 0.0, firstBatch = 0

    /// A bar written to `stream`, `width` characters wide; `clock` gives seconds (tests pass a fake one).
    public init(to stream: Stream, width: Int = 20, clock: @escaping () -> Double = { Date().timeIntervalSinceReferenceDate }) {
        (self.stream, self.width, self.clock) = (stream, Swift.max(1, width), clock)
    }

    /// Starts the epoch's bar and clock.
    public func beforeEpoch(_ trainer: Trainer) throws {
        started = clock()
        firstBatch = trainer.state.batch
    }

    /// Redraws the bar with the running mean loss and the time remaining.
    public func afterBatch(_ trainer: Trainer, outputs: [Double]) throws {
        let done = trainer.state.batch, all = trainer.batchesInEpoch
        let loss = trainer.state.sums[0] / Double(Swift.max(1, done))
        let perBatch = (clock() - started) / Double(Swift.max(1, done - firstBatch))
        stream.write("\r" + head(epoch: trainer.epoch + 1, of: trainer.targetEpochs, done: done, all: all)
                     + " loss \(Self.number(loss)) eta \(Self.seconds(perBatch * Double(all - done)))")
    }

    /// Ends the bar with the epoch's log and its time.
    public func afterEpoch(_ trainer: Trainer, log: EpochLog) throws {
        let values = zip(log.names, log.values).map { "\($0) \(Self.number($1))" }.joined(separator: " ")
        let all = trainer.batchesInEpoch
        stream.write("\r" + head(epoch: log.epoch, of: trainer.targetEpochs, done: all, all: all)
                     + " \(values) \(Self.seconds(clock() - started))" + (log.interrupted ? " (stopped)\n" : "\n"))
    }

    /// "epoch e/E [####----] d/n", d padded to n's width.
    private func head(epoch: Int, of epochs: Int, done: Int, all: Int) -> String {
        let filled = all > 0 ? width * done / all : width
        let padding = String(repeating: " ", count: Swift.max(0, String(all).count - String(done).count))
        return "epoch \(epoch)/\(epochs) [" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            + "] " + padding + "\(done)/\(all)"
    }

    /// Four significant digits.
    static func number(_ value: Double) -> String { String(format: "%.4g", value) }

    /// Seconds with one decimal.
    static func seconds(_ value: Double) -> String { String(format: "%.1fs", value) }
}
