/// Plans an ablation: the walk from profile A to profile B that takes one
/// recipe field of B at a time, in ``RecipeField`` order, keeping only the
/// steps that change the run.
///
/// Whether a step changes the run is decided by the profile fingerprint
/// (``profileFingerprint(network:profile:spec:)``) of the study's first task
/// and first seed: a field that A and B share, or one the study does not use
/// (the optimizer and readout without library defaults, a GRU field in an
/// LSTM study), is skipped. The last step must build B's run exactly; the
/// planner checks that, so no difference between A and B goes unattributed.
public enum AblationPlanner {
    /// The steps' profile definitions, step 0 (A itself) first; step k is named
    /// `A>B@k:field` and carries its ``AblationStep``.
    /// - Throws: ``StudyError``-worthy ``ProfileError``s for unknown profiles,
    ///   or ``AblationError`` when A and B build the same run or the walk misses a difference.
    public static func steps(from a: String, to b: String, study: Study) throws -> [ProfileDefinition] {
        let target = try ProfileRegistry.named(b)
        _ = try ProfileRegistry.named(a)
        guard let taskName = study.tasks.first else { throw AblationError("an ablation needs a task") }
        let task = try TaskRegistry.named(taskName)
        let probe = RunSpecification(study: study.name, task: taskName, profile: a, seed: study.firstSeed, cell: study.cell,
                                     units: study.units, epochs: study.epochs, batchSize: study.batchSize, optimizer: study.optimizer,
                                     learningRate: study.learningRate, clipNorm: study.clipNorm, libraryDefaults: study.libraryDefaults,
                                     taskOptions: study.taskOptions[taskName] ?? [:])
        func fingerprint(_ profile: InitProfile) throws -> String {
            let network = try ComparisonNetwork(task: task, spec: probe, profile: profile, steps: 1)
            return profileFingerprint(network: network, profile: profile, spec: probe)
        }
        let goal = try fingerprint(target)
        var definitions = [ProfileDefinition(name: a, base: a, overrides: [], ablation: AblationStep(from: a, to: b, step: 0, change: ""))]
        var current = try fingerprint(definitions[0].resolve())
        guard current != goal else {
            throw AblationError("\(a) and \(b) build identical runs in this study (cell \(study.cell), library defaults \(study.libraryDefaults)): nothing to ablate")
        }
        var overrides: [ProfileOverride] = []
        for field in RecipeField.allCases where field.cells.contains(study.cell) {
            let candidate = overrides + [ProfileOverride(field: field, value: .fromProfile(b))]
            let step = ProfileDefinition(name: "\(a)>\(b)@\(definitions.count):\(field.rawValue)", base: a, overrides: candidate,
                                         ablation: AblationStep(from: a, to: b, step: definitions.count, change: field.rawValue))
            let fingerprintOfStep = try fingerprint(step.resolve())
            if fingerprintOfStep != current {
                definitions.append(step)
                overrides = candidate
                current = fingerprintOfStep
            }
        }
        guard current == goal else {
            throw AblationError("the walk from \(a) to \(b) does not reach \(b): some difference is in no recipe field")
        }
        return definitions
    }
}

/// An ablation that cannot be planned.
public struct AblationError: Error, CustomStringConvertible, Equatable {
    public var description: String

    public init(_ description: String) { self.description = description }
}
