/// A problem in a study file, naming the file, the line and the field.
public struct StudyError: Error, CustomStringConvertible, Equatable {
    /// The file's name (last path component).
    public var file: String
    /// The 1-based line of the offending field, when known.
    public var line: Int?
    /// The offending field, when the problem is about one field.
    public var field: String?
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(file: String, line: Int?, field: String?, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    /// For example `default.json line 7: field 'seeds' must be a positive integer`.
    public var description: String {
        var text = file
        if let line { text += " line \(line)" }
        text += ": "
        if let field { text += "field '\(field)' " }
        return text + message
    }
}
