import LaminaCompare

/// The function that trains one run: LaminaCompare's ``trainRun(_:)``. The runner takes it as a parameter,
/// so tests inject a small deterministic function instead.
let trainingFunction: @Sendable (RunSpecification) throws -> RunRecord = { try trainRun($0) }
