import Foundation

/// Finds the line on which a key appears in a study file's text.
struct LineLocator {
    let lines: [Substring]

    init(text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The 1-based line of the first `"key":` in the text.
    func line(ofKey key: String) -> Int? {
        let quoted = "\"\(key)\""
        for (index, line) in lines.enumerated() {
            if let range = line.range(of: quoted),
               line[range.upperBound...].drop(while: { $0 == " " || $0 == "\t" }).first == ":" {
                return index + 1
            }
        }
        return nil
    }

    /// The line a JSON syntax error mentions ("line 7"), when it mentions one.
    func lineOfSyntaxError(_ error: Error) -> Int? {
        var text = "\(error)"
        if case DecodingError.dataCorrupted(let context) = error, let underlying = context.underlyingError {
            text += " \(underlying)"
        }
        guard let range = text.range(of: "line ") else { return nil }
        return Int(text[range.upperBound...].prefix(while: { $0.isNumber }))
    }
}

/// Reads typed fields from a decoded study object, throwing ``StudyError``s that name the field.
struct FieldReader {
    let file: String
    let lines: LineLocator

    func error(_ path: String, _ message: String) -> StudyError {
        let key = path.split(separator: ".").last.map(String.init) ?? path
        return StudyError(file: file, line: lines.line(ofKey: key), field: path, message: message)
    }

    func string(_ object: [String: JSONValue], _ key: String) throws -> String {
        guard let value = try optionalString(object, key, path: key) else { throw error(key, "is missing") }
        return value
    }

    func optionalString(_ object: [String: JSONValue], _ key: String, path: String) throws -> String? {
        guard let value = object[key] else { return nil }
        guard case .string(let text) = value, !text.isEmpty else { throw error(path, "must be a non-empty string") }
        return text
    }

    func stringList(_ object: [String: JSONValue], _ key: String) throws -> [String] {
        guard let value = object[key] else { throw error(key, "is missing") }
        guard case .array(let items) = value, !items.isEmpty else {
            throw error(key, "must be a non-empty list of names")
        }
        return try items.map {
            guard case .string(let text) = $0, !text.isEmpty else { throw error(key, "must be a list of names") }
            return text
        }
    }

    func object(_ parent: [String: JSONValue], _ key: String) throws -> [String: JSONValue] {
        guard let value = parent[key] else { return [:] }
        guard case .object(let object) = value else { throw error(key, "must be an object") }
        return object
    }

    func positiveInt(_ object: [String: JSONValue], _ key: String) throws -> Int {
        guard object[key] != nil else { throw error(key, "is missing (a positive integer)") }
        return try optionalInt(object, key, path: key, minimum: 1)!
    }

    func optionalInt(_ object: [String: JSONValue], _ key: String, path: String? = nil, minimum: Int) throws -> Int? {
        guard let value = object[key] else { return nil }
        let description = minimum >= 1 ? "a positive integer" : "a non-negative integer"
        guard case .number(let x) = value, x.rounded() == x, x >= Double(minimum), x < 1e15 else {
            throw error(path ?? key, "must be \(description)")
        }
        return Int(x)
    }

    func optionalPositive(_ object: [String: JSONValue], _ key: String, path: String) throws -> Double? {
        guard let value = object[key] else { return nil }
        guard case .number(let x) = value, x > 0 else { throw error(path, "must be a positive number") }
        return x
    }

    func optionalNonNegative(_ object: [String: JSONValue], _ key: String, path: String) throws -> Double? {
        guard let value = object[key] else { return nil }
        guard case .number(let x) = value, x >= 0 else { throw error(path, "must be a number >= 0") }
        return x
    }
}
