import Foundation

extension StudyParser {
    /// Checks the study's task and profile names against the registries' names, throwing a ``StudyError``
    /// that names the file, the line and the field, for example
    /// `default.json line 4: field 'profiles' names unknown profile 'kerass'; known profiles: ...`.
    public static func validateNames(_ study: Study, path: String, knownTasks: [String], knownProfiles: [String]) throws {
        let file = (path as NSString).lastPathComponent
        let text = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let positions = (try? JSONParser.parse(Data(text.utf8)).positions) ?? [:]
        func line(_ path: String) -> Int? { positions[path]?.line }
        for (index, task) in study.tasks.enumerated() where !knownTasks.contains(task) {
            throw StudyError(file: file, line: line("tasks[\(index)]") ?? line("tasks"), field: "tasks",
                             message: "names unknown task '\(task)'; known tasks: \(knownTasks.joined(separator: ", "))")
        }
        if case .named(let names) = study.profiles {
            for (index, name) in names.enumerated() where !knownProfiles.contains(name) && study.profileDefinitions[name] == nil {
                throw StudyError(file: file, line: line("profiles[\(index)]") ?? line("profiles"), field: "profiles",
                                 message: "names unknown profile '\(name)'; known profiles: \(knownProfiles.joined(separator: ", "))")
            }
        }
    }
}
