import LaminaCompare

/// The function that trains one run: LaminaCompare's ``trainRun(_:)``. The runner takes it as a parameter,
/// so tests inject a small deterministic function instead.
let trainingFunction: @Sendable (RunSpecification) throws -> RunRecord = { try trainRun($0) }

/// Checks, before any run starts, that every task of the study exists and its data is installed, so a
/// missing data set is one clear message (with the command that installs it) instead of N failed runs.
func preflight(tasks: [String], study: Study) throws {
    for name in tasks {
        do {
            let task = try TaskRegistry.named(name)
            _ = try task.makeData(seed: study.firstSeed, options: study.taskOptions[name] ?? [:])
        } catch {
            throw UserError("\(error)")
        }
    }
}
