import Foundation

/// Reads study files (JSON) and reports problems with the file, line and field.
///
/// Format (every key but `name`, `tasks`, `profiles` and `seeds` is optional):
/// ```json
/// { "name": "default", "tasks": ["adding", "digits"], "profiles": "all", "seeds": 3, "firstSeed": 0,
///   "model": { "cell": "lstm", "units": 32 },
///   "optimizer": { "name": "adam", "learningRate": 0.001, "clipNorm": 1.0 },
///   "budget": { "epochs": 5, "batchSize": 32 },
///   "taskOptions": { "adding": { "length": 50 } },
///   "libraryDefaults": false }
/// ```
public enum StudyParser {
    /// Parses the study file at `path`.
    public static func load(path: String) throws -> Study {
        let file = (path as NSString).lastPathComponent
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StudyError(file: file, line: nil, field: nil, message: "cannot be read (no such file at \(path))")
        }
        return try parse(data: data, fileName: file)
    }

    /// Parses study JSON; `fileName` is used in error messages.
    public static func parse(data: Data, fileName: String) throws -> Study {
        let text = String(decoding: data, as: UTF8.self)
        let lines = LineLocator(text: text)
        let root: JSONValue
        do {
            root = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw StudyError(file: fileName, line: lines.lineOfSyntaxError(error), field: nil,
                             message: "is not valid JSON (\(syntaxMessage(error)))")
        }
        guard case .object(let top) = root else {
            throw StudyError(file: fileName, line: 1, field: nil, message: "must be a JSON object")
        }
        let reader = FieldReader(file: fileName, lines: lines)
        let known: Set<String> = ["name", "tasks", "profiles", "seeds", "firstSeed", "model", "optimizer", "budget",
                                  "taskOptions", "libraryDefaults", "description", "noiseFloor", "ablation", "successThresholds"]
        for key in top.keys.sorted() where !known.contains(key) {
            throw reader.error(key, "is not a known study field (known: \(known.sorted().joined(separator: ", ")))")
        }
        let name = try reader.string(top, "name")
        let tasks = try reader.stringList(top, "tasks")
        let seeds = try reader.positiveInt(top, "seeds")
        let firstSeed = try reader.optionalInt(top, "firstSeed", minimum: 0) ?? 0
        let model = try reader.object(top, "model")
        let optimizer = try reader.object(top, "optimizer")
        let budget = try reader.object(top, "budget")
        let cell = try reader.optionalString(model, "cell", path: "model.cell") ?? "lstm"
        guard ["lstm", "gru", "rnn"].contains(cell) else {
            throw reader.error("model.cell", "must be \"lstm\", \"gru\" or \"rnn\"")
        }
        let profileFields = StudyProfileFields(reader: reader, cell: cell)
        var profiles: Study.ProfileSelection = .all, definitions: [String: ProfileDefinition] = [:]
        if top["ablation"] != nil {
            guard top["profiles"] == nil else { throw reader.error("profiles", "must be left out: an ablation study's profiles are its steps") }
        } else if case .string("all")? = top["profiles"] {
            profiles = .all
        } else if let value = top["profiles"] {
            let parsed = try profileFields.profiles(value)
            (profiles, definitions) = (.named(parsed.names), parsed.definitions)
        } else {
            throw reader.error("profiles", "is missing (use \"all\" or a list of profile names)")
        }
        let optimizerName = try reader.optionalString(optimizer, "name", path: "optimizer.name") ?? "adam"
        guard ["adam", "rmsprop", "sgd"].contains(optimizerName) else {
            throw reader.error("optimizer.name", "must be \"adam\", \"rmsprop\" or \"sgd\"")
        }
        var taskOptions: [String: [String: Double]] = [:]
        for (task, value) in try reader.object(top, "taskOptions") {
            guard case .object(let options) = value else {
                throw reader.error("taskOptions.\(task)", "must be an object of numbers")
            }
            var knobs: [String: Double] = [:]
            for (knob, number) in options {
                guard case .number(let x) = number else {
                    throw reader.error("taskOptions.\(task).\(knob)", "must be a number")
                }
                knobs[knob] = x
            }
            taskOptions[task] = knobs
        }
        var libraryDefaults = false
        if let value = top["libraryDefaults"] {
            guard case .bool(let flag) = value else { throw reader.error("libraryDefaults", "must be true or false") }
            libraryDefaults = flag
        }
        var study = Study(
            name: name, tasks: tasks, profiles: profiles, seedCount: seeds, firstSeed: UInt64(firstSeed), cell: cell,
            units: try reader.optionalInt(model, "units", path: "model.units", minimum: 1) ?? 32,
            optimizer: optimizerName,
            learningRate: try reader.optionalPositive(optimizer, "learningRate", path: "optimizer.learningRate") ?? 0.001,
            clipNorm: try reader.optionalNonNegative(optimizer, "clipNorm", path: "optimizer.clipNorm") ?? 0,
            epochs: try reader.optionalInt(budget, "epochs", path: "budget.epochs", minimum: 1) ?? 5,
            batchSize: try reader.optionalInt(budget, "batchSize", path: "budget.batchSize", minimum: 1) ?? 32,
            taskOptions: taskOptions, libraryDefaults: libraryDefaults)
        study.profileDefinitions = definitions
        if let value = top["noiseFloor"] { study.noiseFloor = try profileFields.noiseFloor(value, studySeeds: study.seeds) }
        if let value = top["successThresholds"] { study.successThresholds = try profileFields.successThresholds(value, tasks: tasks) }
        if let value = top["ablation"] {
            let plan = try profileFields.ablation(value)
            let steps: [ProfileDefinition]
            do { steps = try AblationPlanner.steps(from: plan.from, to: plan.to, study: study) } catch { throw reader.error("ablation", "\(error)") }
            study.ablation = plan
            study.profiles = .named(steps.map(\.name))
            study.profileDefinitions = Dictionary(uniqueKeysWithValues: steps.map { ($0.name, $0) })
        }
        return study
    }

    private static func syntaxMessage(_ error: Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            if let underlying = context.underlyingError { return "\(underlying)" }
            return context.debugDescription
        }
        return "\(error)"
    }
}
