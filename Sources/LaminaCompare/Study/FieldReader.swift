import Foundation

/// Reads typed fields from a parsed study object, throwing ``StudyError``s
/// that name the field, its line and what was expected.
struct FieldReader {
    let file: String
    /// Positions of values by path (see ``ParsedJSON/positions``).
    let positions: [String: JSONPosition]

    /// An error about the field at `path`, placed at its key's line (or its
    /// nearest enclosing field's line when the field itself is absent).
    func error(_ path: String, _ message: String) -> StudyError {
        var place = path
        while positions[place] == nil, let cut = place.lastIndex(where: { $0 == "." || $0 == "[" }) { place = String(place[..<cut]) }
        return StudyError(file: file, line: positions[place]?.line, field: path, message: message)
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

    /// A non-empty list of distinct non-empty strings.
    func stringList(_ object: [String: JSONValue], _ key: String) throws -> [String] {
        guard let value = object[key] else { throw error(key, "is missing") }
        guard case .array(let items) = value, !items.isEmpty else {
            throw error(key, "must be a non-empty list of names")
        }
        var seen = Set<String>()
        return try items.enumerated().map { index, item in
            guard case .string(let text) = item, !text.isEmpty else { throw error("\(key)[\(index)]", "must be a name (a non-empty string)") }
            guard seen.insert(text).inserted else {
                throw error("\(key)[\(index)]", "repeats '\(text)'; each name may appear once (a repeat would train every run twice)")
            }
            return text
        }
    }

    /// The object at `key` (empty when absent), refusing keys outside `allowed`.
    func object(_ parent: [String: JSONValue], _ key: String, path: String? = nil, allowed: [String]? = nil) throws -> [String: JSONValue] {
        let path = path ?? key
        guard let value = parent[key] else { return [:] }
        guard case .object(let object) = value else { throw error(path, "must be an object") }
        if let allowed { try refuseUnknownKeys(object, allowed: allowed, prefix: path + ".") }
        return object
    }

    /// Throws for the first key of `object` (in sorted order) that is not in `allowed`.
    func refuseUnknownKeys(_ object: [String: JSONValue], allowed: [String], prefix: String = "", what: String = "field") throws {
        for key in object.keys.sorted() where !allowed.contains(key) {
            let known = allowed.isEmpty ? "none" : allowed.sorted().joined(separator: ", ")
            throw error(prefix + key, "is not a known \(what) (known: \(known))")
        }
    }

    /// The number at `key`, checked against `rule`; nil when absent.
    func number(_ object: [String: JSONValue], _ key: String, _ rule: NumericField, path: String? = nil) throws -> Double? {
        let path = path ?? rule.path
        guard let value = object[key] else { return nil }
        guard case .number(let x) = value, rule.accepts(x) else {
            let got: String
            if case .number(let x) = value { got = x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)" } else { got = "a \(value.kind)" }
            throw error(path, "must be \(rule.expected), got \(got)")
        }
        return x
    }

    /// The whole number at `key`, checked against `rule`; nil when absent.
    func integer(_ object: [String: JSONValue], _ key: String, _ rule: NumericField) throws -> Int? {
        try number(object, key, rule).map { Int($0) }
    }

    /// The whole number at `key`, which must be present.
    func requiredInteger(_ object: [String: JSONValue], _ key: String, _ rule: NumericField) throws -> Int {
        guard let value = try integer(object, key, rule) else { throw error(rule.path, "is missing (\(rule.expected))") }
        return value
    }
}
