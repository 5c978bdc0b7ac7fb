import Foundation
import LaminaCompare

/// Trains `spec` as ``trainingFunction`` does, and writes an ``EpochProgress`` line on standard output after
/// every epoch (unbuffered, so the parent sees it at once); `lamina run-one --progress` uses it.
func trainReportingEpochs(_ spec: RunSpecification) throws -> RunRecord {
    let task = try TaskRegistry.named(spec.task)
    return try trainRun(spec) { epoch in
        let progress = EpochProgress(spec: spec, record: epoch, metric: task.metricName, higherIsBetter: task.higherIsBetter)
        if let line = try? progress.line() { FileHandle.standardOutput.write(line) }
    }
}
