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
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw StudyError(file: file, line: nil, field: nil, message: "cannot be read (no such file at \(path))")
        }
        guard !isFolder.boolValue else {
            throw StudyError(file: file, line: nil, field: nil, message: "is a folder, not a study file (\(path)); give the path of a study .json file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StudyError(file: file, line: nil, field: nil, message: "cannot be read (\(path) exists but cannot be opened; check its permissions)")
        }
        return try parse(data: data, fileName: file)
    }

    /// Parses study JSON; `fileName` is used in error messages.
    ///
    /// Every field is checked before anything runs: numbers against the
    /// ranges in ``StudyFields`` (whole numbers where a count is meant),
    /// names for repeats, task options against the options each task reads
    /// (and only for tasks the study runs), and the study name for
    /// characters that are unsafe in a file name.
    /// - Throws: ``StudyError`` naming the file, the line (and column for a
    ///   syntax error), the field and what is expected.
    public static func parse(data: Data, fileName: String) throws -> Study {
        let parsed: ParsedJSON
        do {
            parsed = try JSONParser.parse(data)
        } catch let error as JSONSyntaxError {
            throw StudyError(file: fileName, line: error.position.line, column: error.position.column, field: nil,
                             message: "is not valid JSON: \(error.message)")
        }
        guard case .object(let top) = parsed.value else {
            throw StudyError(file: fileName, line: 1, field: nil, message: "must be a JSON object")
        }
        let reader = FieldReader(file: fileName, positions: parsed.positions)
        try reader.refuseUnknownKeys(top, allowed: StudyFields.topLevel, what: "study field")
        let name = try reader.string(top, "name")
        guard StudyFields.isSafeName(name) else {
            throw reader.error("name", "'\(name)' must start with an ASCII letter or digit and use only ASCII letters, digits, '.', '_' and '-', at most 100 (it names the results file)")
        }
        if let description = top["description"], case .string = description {} else if top["description"] != nil {
            throw reader.error("description", "must be a string")
        }
        let tasks = try reader.stringList(top, "tasks")
        let seeds = try reader.requiredInteger(top, "seeds", StudyFields.seeds)
        let firstSeed = try reader.integer(top, "firstSeed", StudyFields.firstSeed) ?? 0
        let model = try reader.object(top, "model", allowed: StudyFields.nested["model"])
        let optimizer = try reader.object(top, "optimizer", allowed: StudyFields.nested["optimizer"])
        let budget = try reader.object(top, "budget", allowed: StudyFields.nested["budget"])
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
        let taskOptions = try readTaskOptions(top, tasks: tasks, reader: reader)
        var libraryDefaults = false
        if let value = top["libraryDefaults"] {
            guard case .bool(let flag) = value else { throw reader.error("libraryDefaults", "must be true or false") }
            libraryDefaults = flag
        }
        var study = Study(
            name: name, tasks: tasks, profiles: profiles, seedCount: seeds, firstSeed: UInt64(firstSeed), cell: cell,
            units: try reader.integer(model, "units", StudyFields.units) ?? 32,
            optimizer: optimizerName,
            learningRate: try reader.number(optimizer, "learningRate", StudyFields.learningRate) ?? 0.001,
            clipNorm: try reader.number(optimizer, "clipNorm", StudyFields.clipNorm) ?? 0,
            epochs: try reader.integer(budget, "epochs", StudyFields.epochs) ?? 5,
            batchSize: try reader.integer(budget, "batchSize", StudyFields.batchSize) ?? 32,
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

    /// The `taskOptions` object: one object per task of the study, holding
    /// only the options that task reads, each within its range.
    static func readTaskOptions(_ top: [String: JSONValue], tasks: [String], reader: FieldReader) throws -> [String: [String: Double]] {
        var taskOptions: [String: [String: Double]] = [:]
        for (task, value) in try reader.object(top, "taskOptions").sorted(by: { $0.key < $1.key }) {
            let path = "taskOptions.\(task)"
            guard tasks.contains(task) else {
                throw reader.error(path, "sets options for task '\(task)', which the study does not run (its tasks: \(tasks.joined(separator: ", ")))")
            }
            guard case .object(let options) = value else { throw reader.error(path, "must be an object of numbers") }
            // A task this table does not list (a name checked later against the registry) accepts no options.
            let rules = StudyFields.taskOptions[task] ?? []
            try reader.refuseUnknownKeys(options, allowed: rules.map(\.path), prefix: path + ".", what: "option of task '\(task)'")
            var knobs: [String: Double] = [:]
            for rule in rules {
                knobs[rule.path] = try reader.number(options, rule.path, rule, path: "\(path).\(rule.path)")
            }
            if let length = knobs["length"], let examples = knobs["examples"], length * examples > StudyFields.taskSizeLimit {
                throw reader.error("\(path).examples", "× length is \(Int(length * examples)) values per input feature; keep examples × length at most \(Int(StudyFields.taskSizeLimit))")
            }
            taskOptions[task] = knobs
        }
        return taskOptions
    }
}
