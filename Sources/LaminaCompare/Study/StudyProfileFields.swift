import Foundation

/// The study-file fields that define profiles and extra runs: profiles with
/// overrides, an ablation, noise-floor repeats and success thresholds.
///
/// ```json
/// "profiles": ["pytorch", {"name": "pytorch-fb1", "base": "pytorch", "overrides": {"forgetBias": 1}}],
/// "ablation": {"from": "pytorch", "to": "keras3"},
/// "noiseFloor": {"seeds": [0, 1], "repeats": 2},
/// "successThresholds": {"adding": 0.05}
/// ```
/// Override values: `{"from": "keras3"}` takes the field from another profile
/// (any field); weights and biases take an initializer (a number, a name such
/// as `"orthogonal"`, or `{"uniform": S}`, `{"normal": S}`, `{"truncatedNormal": S}`,
/// `{"sumOfUniforms": S}`, `{"glorotUniform": gain}`, `{"orthogonal": gain}`, …,
/// with S a number or "1/sqrt(D)", "1/sqrt(H)", "1/sqrt(D+H)"); `draw` takes
/// `"perGate"`, `{"stacked": {"input": I, "hidden": I}}` or `{"joint": I}`;
/// `forgetBias` a number or null; `peepholes` an initializer or null;
/// `gateActivation` and `activation` a name; `learnInit` true or false;
/// `optimizer` an object of `adamEpsilon`, `adamForm`, `rmspropRho`,
/// `rmspropEpsilon`, `rmspropPlacement`, `rmspropInitialAccumulator`;
/// `readout` `{"weights": I, "bias": I}`.
struct StudyProfileFields {
    let reader: FieldReader
    let cell: String

    /// The profile list: registry names and definitions (name, base, overrides).
    func profiles(_ value: JSONValue) throws -> (names: [String], definitions: [String: ProfileDefinition]) {
        guard case .array(let items) = value, !items.isEmpty else {
            throw reader.error("profiles", "must be \"all\" or a non-empty list of profile names and definitions")
        }
        var names: [String] = [], definitions: [String: ProfileDefinition] = [:]
        for (index, item) in items.enumerated() {
            switch item {
            case .string(let name) where !name.isEmpty:
                guard !names.contains(name) else {
                    throw reader.error("profiles[\(index)]", "repeats '\(name)'; each name may appear once (a repeat would train every run twice)")
                }
                names.append(name)
            case .object(let object):
                let definition = try self.definition(object, path: "profiles[\(index)]")
                guard !names.contains(definition.name), (try? ProfileRegistry.named(definition.name)) == nil else {
                    throw reader.error("profiles[\(index)].name", "'\(definition.name)' is already a profile's name; choose another")
                }
                definitions[definition.name] = definition
                names.append(definition.name)
            default:
                throw reader.error("profiles[\(index)]", "must be a profile name or an object with name, base and overrides")
            }
        }
        return (names, definitions)
    }

    private func definition(_ object: [String: JSONValue], path: String) throws -> ProfileDefinition {
        try reader.refuseUnknownKeys(object, allowed: ["base", "name", "overrides"], prefix: path + ".", what: "field of a profile definition")
        guard let name = try reader.optionalString(object, "name", path: path + ".name") else { throw reader.error(path + ".name", "is missing") }
        guard StudyFields.isSafeName(name) else {
            throw reader.error(path + ".name", "'\(name)' must start with an ASCII letter or digit and use only ASCII letters, digits, '.', '_' and '-', at most 100")
        }
        guard let base = try reader.optionalString(object, "base", path: path + ".base") else { throw reader.error(path + ".base", "is missing") }
        let baseProfile: InitProfile
        do { baseProfile = try ProfileRegistry.named(base) } catch { throw reader.error(path + ".base", "\(error)") }
        var overrides: [ProfileOverride] = []
        for (key, value) in try reader.object(object, "overrides", path: path + ".overrides").sorted(by: { $0.key < $1.key }) {
            let fieldPath = path + ".overrides." + key
            guard let field = RecipeField(rawValue: key) else {
                throw reader.error(fieldPath, "is not a recipe field (known: \(RecipeField.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard field.cells.contains(cell) else {
                throw reader.error(fieldPath, "does not apply to cell \(cell) (it applies to \(field.cells.sorted().joined(separator: ", ")))")
            }
            let override = ProfileOverride(field: field, value: try recipeValue(field, value, base: baseProfile, path: fieldPath))
            do { _ = try baseProfile.applying(override) } catch { throw reader.error(fieldPath, "\(error)") }
            overrides.append(override)
        }
        guard !overrides.isEmpty else {
            throw reader.error(path + ".overrides", "is missing or empty; a profile without overrides is its base")
        }
        return ProfileDefinition(name: name, base: base, overrides: overrides)
    }

    private func recipeValue(_ field: RecipeField, _ value: JSONValue, base: InitProfile, path key: String) throws -> RecipeValue {
        if case .object(let object) = value, object.count == 1, case .string(let source)? = object["from"] {
            do { _ = try ProfileRegistry.named(source) } catch { throw reader.error(key, "\(error)") }
            return .fromProfile(source)
        }
        switch field {
        case .inputWeights, .recurrentWeights, .bias, .hiddenBias:
            return .initializer(try initializer(value, path: key))
        case .peepholes:
            if value == .null { return .off }
            return .initializer(try initializer(value, path: key))
        case .forgetBias:
            if value == .null { return .off }
            guard case .number(let x) = value, x.isFinite else { throw reader.error(key, "must be a number or null") }
            return .number(x)
        case .draw:
            if value == .string("perGate") { return .drawPerGate }
            if case .object(let object) = value, object.count == 1 {
                if let joint = object["joint"] { return .drawJoint(try initializer(joint, path: key)) }
                if case .object(let stacked)? = object["stacked"], let input = stacked["input"], let hidden = stacked["hidden"], stacked.count == 2 {
                    return .drawStacked(input: try initializer(input, path: key), hidden: try initializer(hidden, path: key))
                }
            }
            throw reader.error(key, "must be \"perGate\", {\"stacked\": {\"input\": I, \"hidden\": I}}, {\"joint\": I} or {\"from\": profile}")
        case .gateActivation, .activation:
            guard case .string(let name) = value, RecipeValue.activations[name] != nil else {
                throw reader.error(key, "must name an activation: \(RecipeValue.activations.keys.sorted().joined(separator: ", "))")
            }
            return .activation(name)
        case .learnInit:
            guard case .bool(let flag) = value else { throw reader.error(key, "must be true or false") }
            return .flag(flag)
        case .optimizer:
            guard case .object(let object) = value else { throw reader.error(key, "must be an object of optimizer constants or {\"from\": profile}") }
            let numbers = ["adamEpsilon", "rmspropRho", "rmspropEpsilon", "rmspropInitialAccumulator"], texts = ["adamForm", "rmspropPlacement"]
            for name in object.keys.sorted() where !(numbers + texts).contains(name) {
                throw reader.error("\(key).\(name)", "is not an optimizer constant (known: \((numbers + texts).sorted().joined(separator: ", ")))")
            }
            func number(_ name: String) throws -> Double? {
                guard let v = object[name] else { return nil }
                guard case .number(let x) = v, x.isFinite, x >= 0, x <= 1e6 else { throw reader.error("\(key).\(name)", "must be a number in 0...1e6") }
                return x
            }
            func text(_ name: String, _ allowed: [String]) throws -> String? {
                guard let v = object[name] else { return nil }
                guard case .string(let s) = v, allowed.contains(s) else {
                    throw reader.error("\(key).\(name)", "must be " + allowed.map { "\"\($0)\"" }.joined(separator: " or "))
                }
                return s
            }
            return .optimizer(OptimizerOverride(adamEpsilon: try number("adamEpsilon"), adamForm: try text("adamForm", ["epsilonHat", "biasCorrected"]),
                                                rmspropRho: try number("rmspropRho"), rmspropEpsilon: try number("rmspropEpsilon"),
                                                rmspropPlacement: try text("rmspropPlacement", ["inside", "outside"]),
                                                rmspropInitialAccumulator: try number("rmspropInitialAccumulator")))
        case .readout:
            guard case .object(let object) = value, !object.isEmpty, object.keys.allSatisfy({ $0 == "weights" || $0 == "bias" }) else {
                throw reader.error(key, "must be {\"weights\": I, \"bias\": I} (either may be left out) or {\"from\": profile}")
            }
            var readout = base.readout
            if let w = object["weights"] { readout.weights = try initializer(w, path: key + ".weights") }
            if let b = object["bias"] { readout.bias = try initializer(b, path: key + ".bias") }
            return .readout(readout)
        case .gruForm:
            throw reader.error(key, "can only be taken from a profile: {\"from\": profile}")
        }
    }

    /// An initializer: a number, a name, or a one-key object (see the type's documentation).
    func initializer(_ value: JSONValue, path: String) throws -> InitializerSpecification {
        func fail() -> StudyError {
            reader.error(path, "must be an initializer: " + InitializerSpecification.studyFileForms.joined(separator: ", ")
                         + "; S is a number or \"1/sqrt(D)\", \"1/sqrt(H)\", \"1/sqrt(D+H)\"")
        }
        func scale(_ v: JSONValue) throws -> ScaleRule {
            if case .number(let x) = v, x.isFinite, x >= 0 { return .value(x) }
            if case .string(let s) = v, let rule = ScaleRule(text: s) { return rule }
            if case .number(let x) = v {
                throw reader.error(path, "has scale \(x): a scale S must be a finite number ≥ 0 (or \"1/sqrt(D)\", \"1/sqrt(H)\", \"1/sqrt(D+H)\")")
            }
            throw fail()
        }
        func gain(_ v: JSONValue) throws -> Double {
            if case .number(let x) = v, x.isFinite, x > 0 { return x }
            if case .number(let x) = v { throw reader.error(path, "has gain \(x): a gain must be a finite number > 0") }
            throw fail()
        }
        switch value {
        case .number(let x) where x.isFinite: return .constant(x)
        case .string("glorotUniform"): return .glorotUniform(gain: 1)
        case .string("glorotNormal"): return .glorotNormal(gain: 1)
        case .string("orthogonal"): return .orthogonal(gain: 1)
        case .string("lecunNormal"): return .lecunNormal
        case .string("lecunUniform"): return .lecunUniform
        case .string("heNormal"): return .heNormal
        case .string("heUniform"): return .heUniform
        case .object(let object) where object.count == 1:
            let (kind, argument) = object.first!
            switch kind {
            case "uniform": return .uniform(try scale(argument))
            case "normal": return .normal(try scale(argument))
            case "truncatedNormal": return .truncatedNormal(try scale(argument))
            case "sumOfUniforms": return .sumOfUniforms(try scale(argument))
            case "glorotUniform": return .glorotUniform(gain: try gain(argument))
            case "glorotNormal": return .glorotNormal(gain: try gain(argument))
            case "orthogonal": return .orthogonal(gain: try gain(argument))
            default: throw fail()
            }
        default: throw fail()
        }
    }

    /// `noiseFloor`: seeds of the study to repeat, and how many perturbed repeats each gets.
    func noiseFloor(_ value: JSONValue, studySeeds: [UInt64]) throws -> NoiseFloorPlan {
        guard case .object(let object) = value else { throw reader.error("noiseFloor", "must be an object with seeds and repeats") }
        try reader.refuseUnknownKeys(object, allowed: ["repeats", "seeds"], prefix: "noiseFloor.", what: "field of noiseFloor")
        guard case .array(let items)? = object["seeds"], !items.isEmpty else {
            throw reader.error("noiseFloor", "needs \"seeds\": a non-empty list of the study's seeds to repeat")
        }
        var seeds: [UInt64] = []
        for (index, item) in items.enumerated() {
            guard case .number(let x) = item, x.rounded() == x, x >= 0, x < 1e15, studySeeds.contains(UInt64(x)) else {
                throw reader.error("noiseFloor.seeds[\(index)]", "must be a seed the study runs (\(studySeeds.first ?? 0)…\(studySeeds.last ?? 0))")
            }
            guard !seeds.contains(UInt64(x)) else { throw reader.error("noiseFloor.seeds[\(index)]", "repeats seed \(Int(x))") }
            seeds.append(UInt64(x))
        }
        let repeats = try reader.integer(object, "repeats", StudyFields.noiseFloorRepeats) ?? 2
        return NoiseFloorPlan(seeds: seeds, repeats: repeats)
    }

    /// `ablation`: two registry profiles.
    func ablation(_ value: JSONValue) throws -> AblationPlan {
        guard case .object(let object) = value else { throw reader.error("ablation", "must be {\"from\": profile, \"to\": profile}") }
        try reader.refuseUnknownKeys(object, allowed: ["from", "to"], prefix: "ablation.", what: "field of ablation")
        var names: [String] = []
        for key in ["from", "to"] {
            guard let name = try reader.optionalString(object, key, path: "ablation.\(key)") else { throw reader.error("ablation.\(key)", "is missing") }
            do { _ = try ProfileRegistry.named(name) } catch { throw reader.error("ablation.\(key)", "\(error)") }
            names.append(name)
        }
        let (from, to) = (names[0], names[1])
        guard from != to else { throw reader.error("ablation.to", "must differ from 'from'") }
        return AblationPlan(from: from, to: to)
    }

    /// `successThresholds`: per task of the study, a value its metric can take: every metric is at least 0
    /// (mse, cross-entropy, nats/char), and an accuracy at most 1; other metrics at most 10^12.
    func successThresholds(_ value: JSONValue, tasks: [String]) throws -> [String: Double] {
        guard case .object(let object) = value else { throw reader.error("successThresholds", "must be an object of task names to numbers") }
        var thresholds: [String: Double] = [:]
        for (task, number) in object.sorted(by: { $0.key < $1.key }) {
            let path = "successThresholds.\(task)"
            guard tasks.contains(task) else {
                throw reader.error(path, "is not a task of this study (\(tasks.joined(separator: ", ")))")
            }
            // An unknown task is refused later, with the known names (StudyParser.validateNames).
            let metric = (try? TaskRegistry.named(task)).map { ($0.metricName, $0.higherIsBetter) }
            let rule = metric?.0 == "accuracy" ? NumericField(path, 0...1, integer: false) : NumericField(path, 0...1e12, integer: false)
            guard case .number(let x) = number, rule.accepts(x) else {
                let got: String
                if case .number(let x) = number { got = "\(x)" } else { got = "a \(number.kind)" }
                let why = metric.map { " (the task's metric, \($0.0), \($0.1 ? "higher" : "lower") is better, " + ($0.0 == "accuracy" ? "is a share of correct answers)" : "is never negative)") } ?? ""
                throw reader.error(path, "must be \(rule.expected)\(why), got \(got)")
            }
            thresholds[task] = x
        }
        return thresholds
    }
}
