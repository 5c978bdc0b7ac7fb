import ArgumentParser
import Foundation
import LaminaCompare

/// `lamina run-one` (hidden): read a RunSpecification as JSON on stdin, train it, write the RunRecord as
/// JSON on stdout. The parent `lamina compare --jobs N` starts one of these per run.
struct RunOne: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run-one", abstract: "Worker: one run, spec JSON on stdin, record JSON on stdout.",
        shouldDisplay: false)

    @Flag(help: "Before the record, write one EpochProgress line per epoch on stdout (for compare --live).")
    var progress = false

    func run() throws {
        // Exit as soon as the parent compare is gone (even killed by SIGKILL), so no worker outlives it.
        WorkerProcesses.watchParent()
        let input = FileHandle.standardInput.readDataToEndOfFile()
        let spec: RunSpecification
        do { spec = try RecordCoding.decoder().decode(RunSpecification.self, from: input) } catch {
            throw UserError("run-one: stdin is not a run specification (\(error))")
        }
        let record: RunRecord
        do { record = try progress ? trainReportingEpochs(spec) : trainingFunction(spec) } catch { throw UserError("run \(spec.task)/\(spec.profile)/\(spec.seed): \(error)") }
        var line = try RecordCoding.encoder().encode(record)
        line.append(UInt8(ascii: "\n"))
        FileHandle.standardOutput.write(line)
    }
}
