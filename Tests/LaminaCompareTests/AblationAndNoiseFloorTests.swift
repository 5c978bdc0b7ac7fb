import Foundation
import Testing
@testable import LaminaCompare

/// Ablation walks from one profile to another, and noise-floor repeats.
@Suite struct AblationAndNoiseFloorTests {
    func parse(_ text: String) throws -> Study {
        try StudyParser.parse(data: Data(text.utf8), fileName: "a.json")
    }

    func ablationStudy(from: String = "pytorch", to: String = "keras3", libraryDefaults: Bool, extra: String = "") -> String {
        """
        {
          "name": "a", "tasks": ["adding"], "seeds": 3,
          "ablation": { "from": "\(from)", "to": "\(to)" },
          "model": { "cell": "lstm", "units": 8 },
          "libraryDefaults": \(libraryDefaults)\(extra)
        }
        """
    }

    @Test func theWalkTakesOnlyTheFieldsThatDiffer() throws {
        // PyTorch and Keras 3 LSTMs differ in: input weights (U(±1/√H) vs Glorot), recurrent weights (U vs orthogonal),
        // the draw (per gate vs stacked), the bias (a sum of two uniforms vs 0) and the forget bias (none vs 1); with
        // library defaults also in the optimizer constants (Adam form and ε) and the readout. Both use sigmoid gates,
        // no peepholes and zero initial states, so those steps are left out.
        let initOnly = try parse(ablationStudy(libraryDefaults: false))
        #expect(initOnly.profiles == .named(["pytorch", "pytorch>keras3@1:inputWeights", "pytorch>keras3@2:recurrentWeights",
                                             "pytorch>keras3@3:draw", "pytorch>keras3@4:bias", "pytorch>keras3@5:forgetBias"]))
        let withLibrary = try parse(ablationStudy(libraryDefaults: true))
        guard case .named(let names) = withLibrary.profiles else { Issue.record("not named"); return }
        #expect(names.suffix(2) == ["pytorch>keras3@6:optimizer", "pytorch>keras3@7:readout"])
        let last = try #require(withLibrary.profileDefinitions[names.last!])
        #expect(last.ablation == AblationStep(from: "pytorch", to: "keras3", step: 7, change: "readout"))
        #expect(last.overrides.count == 7 && last.overrides.allSatisfy { $0.value == .fromProfile("keras3") })
        #expect(withLibrary.profileDefinitions["pytorch"]?.ablation?.step == 0)

        // The last step builds Keras 3's run exactly, for seeds other than the one the planner probed.
        for seed: UInt64 in [1, 2] {
            let specs = withLibrary.runSpecifications(allProfiles: []).filter { $0.seed == seed }
            let lastSpec = try #require(specs.last)
            var keras = lastSpec
            (keras.profile, keras.profileDefinition) = ("keras3", nil)
            func fingerprint(_ s: RunSpecification) throws -> String {
                let p = try s.resolveProfile()
                return profileFingerprint(network: try ComparisonNetwork(task: AddingTask(), spec: s, profile: p, steps: 3), profile: p, spec: s)
            }
            #expect(try fingerprint(lastSpec) == fingerprint(keras))
            #expect(try fingerprint(specs[0]) != fingerprint(keras))
        }
    }

    @Test func anAblationsStepsShareTheirStudysSettingsAndAllReachTheReport() throws {
        // Each step is a profile of its own; none is a settings conflict, so merging keeps every record.
        let study = try parse(ablationStudy(libraryDefaults: true))
        let specs = study.runSpecifications(allProfiles: [])
        #expect(Set(specs.map(\.settingsFingerprint)).count == 1)
        let dir = try temporaryDirectory(); defer { try? FileManager.default.removeItem(at: dir) }
        let file = ResultsFile(path: dir.appendingPathComponent("a.jsonl").path)
        _ = try StudyRunner(specifications: specs, results: file, executor: .inProcess(syntheticRun)).run()
        let merged = try ResultsMerger.mergeAll(paths: [file.path])
        #expect(merged.conflicts.isEmpty && merged.records.count == specs.count)
    }

    @Test func profilesThatBuildTheSameRunCannotBeAblated() throws {
        // Keras 2 and 3 differ only in the gate activation and RMSprop's ε placement: nothing without library defaults.
        #expect {
            _ = try parse(ablationStudy(from: "keras2", to: "keras3", libraryDefaults: false))
        } throws: { ($0 as? StudyError)?.message.contains("build identical runs") == true && ($0 as? StudyError)?.field == "ablation" }
        let walk = try parse(ablationStudy(from: "keras2", to: "keras3", libraryDefaults: true))
        #expect(walk.profiles == .named(["keras2", "keras2>keras3@1:gateActivation", "keras2>keras3@2:optimizer"]))
    }

    @Test func noiseFloorRepeatsFollowTheOrdinaryRuns() throws {
        let study = try parse("""
            { "name": "n", "tasks": ["adding", "digits"], "profiles": ["pytorch", "keras3"], "seeds": 3, "firstSeed": 5,
              "noiseFloor": { "seeds": [5, 7], "repeats": 2 }, "successThresholds": { "adding": 0.1 } }
            """)
        #expect(study.noiseFloor == NoiseFloorPlan(seeds: [5, 7], repeats: 2))
        let specs = study.runSpecifications(allProfiles: [])
        // 2 tasks × 3 seeds × 2 profiles, then 2 tasks × 2 seeds × 2 profiles × 2 repeats.
        #expect(specs.count == 12 + 16)
        #expect(specs.prefix(12).allSatisfy { $0.perturbation == nil })
        #expect(specs[12].key.description == "n|adding|pytorch|5|p1" && specs[13].key.description == "n|adding|pytorch|5|p2")
        #expect(specs[14].key.description == "n|adding|keras3|5|p1")
        #expect(Set(specs.map(\.key)).count == specs.count)
        #expect(specs.first { $0.task == "adding" }?.successThreshold == 0.1)
        #expect(specs.first { $0.task == "digits" }?.successThreshold == nil)
        let defaults = try parse("{ \"name\": \"d\", \"tasks\": [\"adding\"], \"profiles\": \"all\", \"seeds\": 1 }")
        #expect(defaults.runSpecifications(allProfiles: ["pytorch"])[0].successThreshold == 0.05)
    }

    @Test(arguments: [
        ("\"noiseFloor\": {\"repeats\": 2}", "noiseFloor", "needs \"seeds\""),
        ("\"noiseFloor\": {\"seeds\": [9]}", "noiseFloor.seeds[0]", "must be a seed the study runs"),
        ("\"noiseFloor\": {\"seeds\": [0], \"repeat\": 2}", "noiseFloor.repeat", "not a known field of noiseFloor"),
        ("\"successThresholds\": {\"copy\": 0.1}", "successThresholds.copy", "not a task of this study"),
    ])
    func badNoiseFloorAndThresholdsAreErrors(extra: String, field: String, words: String) throws {
        let text = "{ \"name\": \"n\", \"tasks\": [\"adding\"], \"profiles\": [\"pytorch\"], \"seeds\": 2,\n  \(extra) }"
        #expect {
            _ = try parse(text)
        } throws: { error in
            guard let e = error as? StudyError else { return false }
            return e.field?.hasSuffix(field) == true && e.line == 2 && e.description.contains(words)
        }
    }

    @Test func anAblationStudyHasNoProfileList() throws {
        let text = ablationStudy(libraryDefaults: false, extra: ",\n  \"profiles\": [\"pytorch\"]")
        #expect { _ = try parse(text) } throws: { ($0 as? StudyError)?.message.contains("must be left out") == true }
        #expect {
            _ = try parse(ablationStudy(from: "pytorh", libraryDefaults: false))
        } throws: { ($0 as? StudyError)?.message.contains("unknown init profile 'pytorh'") == true }
    }

    @Test func aRepeatTrainsARunThatDiffersOnlyByRounding() throws {
        var spec = RunSpecification(study: "n", task: "adding", profile: "keras3", seed: 0, cell: "lstm", units: 8, epochs: 2, batchSize: 16,
                                    optimizer: "adam", learningRate: 0.01, clipNorm: 0, libraryDefaults: false,
                                    taskOptions: ["length": 10, "examples": 160])
        let ordinary = try trainRun(spec)
        spec.perturbation = 1
        let repeated = try trainRun(spec)
        #expect(repeated.perturbation == 1 && repeated.key.description == "n|adding|keras3|0|p1")
        #expect(repeated.profileFingerprint == ordinary.profileFingerprint)
        // Rounding-level changes: the training losses differ, but by far less than a profile changes them.
        #expect(repeated.epochs.map(\.trainingLoss) != ordinary.epochs.map(\.trainingLoss))
        #expect(abs(repeated.testMetric - ordinary.testMetric) < 1e-4 * ordinary.testMetric)
        #expect(ordinary.successThreshold == nil && ordinary.solved == nil)
    }
}
