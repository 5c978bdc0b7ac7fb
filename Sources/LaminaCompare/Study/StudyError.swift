/// A problem in a study file, naming the file, the line and the field.
public struct StudyError: Error, CustomStringConvertible, Equatable {
    /// The file's name (last path component).
    public var file: String
    /// The 1-based line of the offending field, when known.
    public var line: Int?
    /// The 1-based column, for a syntax error.
    public var column: Int?
    /// The offending field, when the problem is about one field.
    public var field: String?
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(file: String, line: Int?, column: Int? = nil, field: String?, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.message = message
    }

    /// For example `default.json line 7: field 'seeds' must be an integer in 1...1000, got 0.5`
    /// or `default.json line 3, column 12: is not valid JSON: expected ',' or '}' …`.
    public var description: String {
        var text = file
        if let line { text += " line \(line)" }
        if let column { text += ", column \(column)" }
        text += ": "
        if let field { text += "field '\(field)' " }
        // One line, whatever the file quoted: control characters (from JSON escapes) are shown escaped.
        return (text + message).unicodeScalars.map { $0.value < 32 || $0.value == 127 ? $0.escaped(asASCII: true) : String($0) }.joined()
    }
}
