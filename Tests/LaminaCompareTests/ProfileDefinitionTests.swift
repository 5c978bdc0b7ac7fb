import Foundation
import Lamina
import LaminaGraph
import Testing
@testable import LaminaCompare

/// Profiles a study defines (a base plus overrides), the library readout, the
/// profile fingerprint and the one-ulp perturbation of noise-floor repeats.
@Suite struct ProfileDefinitionTests {
    func parse(_ text: String) throws -> Study {
        try StudyParser.parse(data: Data(text.utf8), fileName: "s.json")
    }

    /// A study of `profiles` (JSON) with everything else small.
    func study(profiles: String, cell: String = "lstm", extra: String = "") -> String {
        """
        {
          "name": "s", "tasks": ["adding"], "seeds": 2,
          "profiles": \(profiles),
          "model": { "cell": "\(cell)", "units": 8 }\(extra)
        }
        """
    }

    func spec(_ profile: String, definition: ProfileDefinition? = nil, libraryDefaults: Bool = false, seed: UInt64 = 0,
              cell: String = "lstm") -> RunSpecification {
        RunSpecification(study: "s", task: "adding", profile: profile, seed: seed, cell: cell, units: 8, epochs: 1, batchSize: 4,
                         optimizer: "adam", learningRate: 0.01, clipNorm: 0, libraryDefaults: libraryDefaults, taskOptions: [:],
                         profileDefinition: definition)
    }

    func network(_ spec: RunSpecification) throws -> (ComparisonNetwork, InitProfile) {
        let profile = try spec.resolveProfile()
        return (try ComparisonNetwork(task: AddingTask(), spec: spec, profile: profile, steps: 5), profile)
    }

    func values(_ network: ComparisonNetwork, _ name: String) throws -> [Double] {
        try #require(network.parameters.first { $0.name == name }).value.doubles
    }

    @Test func overridesReplaceOnlyTheirFields() throws {
        let s = try parse(study(profiles: """
            ["pytorch", {"name": "pytorch-fb1", "base": "pytorch", "overrides": {"forgetBias": 1, "recurrentWeights": {"from": "keras3"}}}]
            """))
        #expect(s.profiles == .named(["pytorch", "pytorch-fb1"]))
        let definition = try #require(s.profileDefinitions["pytorch-fb1"])
        #expect(definition.overrides == [ProfileOverride(field: .forgetBias, value: .number(1)),
                                         ProfileOverride(field: .recurrentWeights, value: .fromProfile("keras3"))])
        let specs = s.runSpecifications(allProfiles: [])
        #expect(specs.map(\.profile) == ["pytorch", "pytorch-fb1", "pytorch", "pytorch-fb1"])
        #expect(specs[1].profileDefinition == definition && specs[0].profileDefinition == nil)
        let (base, _) = try network(spec("pytorch"))
        let (changed, profile) = try network(specs[1])
        #expect(profile.name == "pytorch-fb1" && profile.rules.contains("forgetBias 1.0"))
        // The forget gate's bias is the constant 1; the input gate's is PyTorch's draw, as in the base.
        #expect(try values(changed, "recurrent.b_forgetgate") == [Double](repeating: 1, count: 8))
        #expect(try values(changed, "recurrent.b_ingate") == values(base, "recurrent.b_ingate"))
        // Keras 3's per-gate recurrent weights are orthogonal (its per-gate recipe, since the base draws per gate):
        // W·Wᵀ = I for the square 8×8 block.
        let w = try values(changed, "recurrent.W_hid_to_ingate")
        for i in 0..<8 {
            for j in 0..<8 {
                let dot = (0..<8).reduce(0.0) { $0 + w[i * 8 + $1] * w[j * 8 + $1] }
                #expect(abs(dot - (i == j ? 1 : 0)) < 1e-5)
            }
        }
        #expect(try values(changed, "recurrent.W_in_to_ingate") == values(base, "recurrent.W_in_to_ingate"))
    }

    @Test func initializerFormsBuildTheirInitializers() throws {
        let s = try parse(study(profiles: """
            [{"name": "mine", "base": "lasagne", "overrides": {"inputWeights": {"uniform": "1/sqrt(D+H)"}, "bias": 0.5,
              "draw": {"stacked": {"input": "glorotUniform", "hidden": {"orthogonal": 2}}}, "peepholes": null,
              "gateActivation": "hardSigmoid", "learnInit": true,
              "optimizer": {"adamEpsilon": 1e-7, "adamForm": "biasCorrected"}, "readout": {"bias": {"normal": 0.01}}}}]
            """))
        let overrides = try #require(s.profileDefinitions["mine"]).overrides
        let byField = Dictionary(uniqueKeysWithValues: overrides.map { ($0.field, $0.value) })
        #expect(byField[.inputWeights] == .initializer(.uniform(.inverseSqrtInputsPlusUnits)))
        #expect(byField[.bias] == .initializer(.constant(0.5)))
        #expect(byField[.draw] == .drawStacked(input: .glorotUniform(gain: 1), hidden: .orthogonal(gain: 2)))
        #expect(byField[.peepholes] == .off)
        #expect(byField[.gateActivation] == .activation("hardSigmoid"))
        #expect(byField[.learnInit] == .flag(true))
        #expect(byField[.readout] == .readout(ReadoutRecipe(weights: .glorotUniform(gain: 1), bias: .normal(.value(0.01)))))
        let profile = try #require(s.profileDefinitions["mine"]).resolve()
        #expect(profile.optimizer.adamEpsilon == 1e-7 && profile.optimizer.adamForm == .biasCorrected)
        #expect(profile.optimizer.rmspropEpsilon == OptimizerDefaults.of(profile: "lasagne").rmspropEpsilon)
        // 1/√(D+H) for the adding task's 2 inputs and 8 units.
        #expect(ScaleRule.inverseSqrtInputsPlusUnits.value(inputs: 2, units: 8) == 1 / 10.0.squareRoot())
        let (built, _) = try network(spec("mine", definition: s.profileDefinitions["mine"]))
        // Stacked storage keeps the four gates' biases in one vector.
        #expect(try values(built, "recurrent.b_gates") == [Double](repeating: 0.5, count: 32))
        #expect(built.parameters.contains { $0.name == "recurrent.cell_init" })
        #expect(!built.parameters.contains { ($0.name ?? "").contains("W_cell") })
    }

    @Test(arguments: [
        // (profiles or extra JSON, field named, words in the message)
        ("[{\"name\": \"x\", \"base\": \"pytorch\", \"overrides\": {\"forgetBais\": 1}}]", "forgetBais", "not a recipe field"),
        ("[{\"name\": \"x\", \"base\": \"pytorch\", \"overrides\": {\"forgetBias\": \"one\"}}]", "forgetBias", "number or null"),
        ("[{\"name\": \"x\", \"base\": \"pytorch\", \"overrides\": {\"bias\": {\"uniform\": \"1/sqrt(Q)\"}}}]", "bias", "initializer"),
        ("[{\"name\": \"x\", \"base\": \"pytorch\", \"overrides\": {\"gateActivation\": \"sigmoidd\"}}]", "gateActivation", "activation"),
        ("[{\"name\": \"x\", \"base\": \"pytorch\", \"overrides\": {\"bias\": {\"from\": \"kera3\"}}}]", "bias", "unknown init profile"),
        ("[{\"name\": \"x\", \"base\": \"pytorh\", \"overrides\": {\"bias\": 0}}]", "base", "unknown init profile"),
        ("[{\"name\": \"x\", \"base\": \"pytorch\", \"overrides\": {}}]", "overrides", "is missing or empty"),
        ("[{\"name\": \"keras2\", \"base\": \"pytorch\", \"overrides\": {\"bias\": 0}}]", "name", "already a profile"),
        ("[{\"name\": \"x\", \"base\": \"pytorch\", \"overrides\": {\"optimizer\": {\"adamEps\": 1}}}]", "adamEps", "not an optimizer constant"),
        ("[{\"name\": \"x\", \"base\": \"pytorch\", \"overrides\": {\"optimizer\": {\"adamForm\": \"hat\"}}}]", "optimizer.adamForm", "epsilonHat"),
    ])
    func badOverridesNameTheirLineAndField(profiles: String, field: String, words: String) throws {
        let text = study(profiles: profiles)
        #expect {
            _ = try parse(text)
        } throws: { error in
            guard let e = error as? StudyError else { return false }
            let key = field.split(separator: ".").last!
            let line = text.split(separator: "\n", omittingEmptySubsequences: false).lastIndex { $0.contains("\"\(key)\"") }.map { $0 + 1 }
            return e.field?.hasSuffix(field) == true && e.line == line && e.line != nil && e.description.contains(words)
        }
    }

    @Test func aFieldOfAnotherCellIsAnError() throws {
        let text = study(profiles: "[{\"name\": \"x\", \"base\": \"pytorch\", \"overrides\": {\"forgetBias\": 1}}]", cell: "gru")
        #expect(throws: StudyError.self) { try parse(text) }
        do { _ = try parse(text) } catch let e as StudyError { #expect(e.message.contains("does not apply to cell gru") && e.line == 3) }
    }

    @Test func theReadoutFollowsTheLibraryOnlyWithLibraryDefaults() throws {
        // PyTorch's Linear: W and b U(±1/√8) [PT]; with library defaults off every profile shares Glorot uniform and b = 0.
        let (torch, _) = try network(spec("pytorch", libraryDefaults: true))
        let w = try values(torch, "readout.W"), b = try values(torch, "readout.b")
        #expect(w.allSatisfy { abs($0) <= 1 / 8.0.squareRoot() } && b.count == 1 && b[0] != 0 && abs(b[0]) <= 1 / 8.0.squareRoot())
        let (torchShared, _) = try network(spec("pytorch"))
        let (kerasShared, _) = try network(spec("keras3"))
        #expect(try values(torchShared, "readout.W") == values(kerasShared, "readout.W"))
        #expect(try values(torchShared, "readout.b") == [0])
        // Keras's Dense: glorot_uniform, U(±√(6/(8+1))), bias 0 [K3].
        let (keras, _) = try network(spec("keras3", libraryDefaults: true))
        #expect(try values(keras, "readout.b") == [0])
        #expect(try values(keras, "readout.W").allSatisfy { abs($0) <= (6.0 / 9).squareRoot() })
        #expect(try ProfileRegistry.named("chainer").rules.contains("Readout with library defaults: W lecun_normal, b 0.0"))
    }

    @Test func fingerprintsTellIdenticalProfilesApart() throws {
        func fingerprint(_ name: String, libraryDefaults: Bool, seed: UInt64 = 0) throws -> String {
            let s = spec(name, libraryDefaults: libraryDefaults, seed: seed)
            let (n, p) = try network(s)
            return profileFingerprint(network: n, profile: p, spec: s)
        }
        // Keras 2 and 3 draw the same LSTM; they differ only in the gate activation (hard sigmoid in Keras 2)
        // and the RMSprop ε placement, which count only with library defaults.
        #expect(try fingerprint("keras2", libraryDefaults: false) == fingerprint("keras3", libraryDefaults: false))
        #expect(try fingerprint("keras2", libraryDefaults: true) != fingerprint("keras3", libraryDefaults: true))
        #expect(try fingerprint("keras2", libraryDefaults: false) != fingerprint("keras2", libraryDefaults: false, seed: 1))
        #expect(try fingerprint("pytorch", libraryDefaults: false) != fingerprint("keras3", libraryDefaults: false))
        #expect(try fingerprint("pytorch", libraryDefaults: false).count == 16)
    }

    @Test func aPerturbationMovesEveryNonzeroValueByOneUlp() throws {
        let (n, _) = try network(spec("keras3"))
        let before = n.parameters.map { $0.value.scalars(as: Float.self) }
        try perturbInitialValues(n.parameters, seed: 0, perturbation: 1)
        let after = n.parameters.map { $0.value.scalars(as: Float.self) }
        var up = 0, down = 0
        for (x, y) in zip(before.joined(), after.joined()) {
            if x == 0 { #expect(y == 0); continue }
            #expect(y == x.nextUp || y == x.nextDown)
            if y == x.nextUp { up += 1 } else { down += 1 }
        }
        // Directions are drawn: both occur, about equally (over 300 values).
        #expect(up > 100 && down > 100)
        // Another repeat draws other directions.
        let (m, _) = try network(spec("keras3"))
        try perturbInitialValues(m.parameters, seed: 0, perturbation: 2)
        #expect(m.parameters.map { $0.value.scalars(as: Float.self) } != after)
    }
}
