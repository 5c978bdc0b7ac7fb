import Foundation

/// One finished epoch of a run in progress, as a worker process reports it to the parent.
///
/// The worker protocol (`lamina run-one`) writes the run's ``RunRecord`` as the last line of its
/// standard output. Started as `lamina run-one --progress`, a worker first writes one line per epoch,
/// each a JSON object whose `"event"` is `"epoch"` (see ``line()``); a parent that does not ask for
/// progress gets exactly the old output, and ``RunExecutor`` still accepts a worker that writes none.
public struct EpochProgress: Codable, Sendable, Equatable {
    /// Always `"epoch"`: tells a progress line from a record line.
    public var event: String
    /// The run: study, task, profile and seed.
    public var study: String, task: String, profile: String, seed: UInt64
    /// The epoch just finished (1-based) and the epochs planned.
    public var epoch: Int, epochs: Int
    /// The epoch's mean training loss and validation metric (NaN once diverged).
    public var trainingLoss: Double, validationMetric: Double
    /// The task's metric name and direction.
    public var metric: String, higherIsBetter: Bool

    /// The progress of `spec` after `record`, with the task's metric.
    public init(spec: RunSpecification, record: EpochRecord, metric: String, higherIsBetter: Bool) {
        event = "epoch"
        study = spec.study
        task = spec.task
        profile = spec.profile
        seed = spec.seed
        epoch = record.epoch
        epochs = spec.epochs
        trainingLoss = record.trainingLoss
        validationMetric = record.validationMetric
        self.metric = metric
        self.higherIsBetter = higherIsBetter
    }

    /// A short name of the run, such as `keras2/3` (profile and seed).
    public var runLabel: String { "\(profile)/\(seed)" }

    /// The protocol line: compact JSON with sorted keys and a final newline (NaN written as "nan").
    public func line() throws -> Data {
        var data = try RecordCoding.encoder().encode(self)
        data.append(UInt8(ascii: "\n"))
        return data
    }

    /// The progress a worker's output line carries, or nil for any other line (such as the record).
    public static func parse(line: some DataProtocol) -> EpochProgress? {
        let data = Data(line)
        guard data.count > 16, data.first == UInt8(ascii: "{"),
              let progress = try? RecordCoding.decoder().decode(EpochProgress.self, from: data),
              progress.event == "epoch" else { return nil }
        return progress
    }
}
