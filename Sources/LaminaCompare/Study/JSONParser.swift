import Foundation

/// Where a value sits in a JSON text: 1-based line and column.
public struct JSONPosition: Sendable, Equatable {
    /// 1-based line.
    public var line: Int
    /// 1-based column, counted in bytes.
    public var column: Int
}

/// A JSON text parsed into a ``JSONValue`` together with the position of every
/// value, keyed by its path (`"optimizer.name"`, `"tasks[1]"`,
/// `"taskOptions.adding.length"`; the root is `""`).
struct ParsedJSON {
    /// The root value.
    let value: JSONValue
    /// Positions by path: for an object member, the position of its key.
    let positions: [String: JSONPosition]
}

/// A JSON syntax error with its place.
struct JSONSyntaxError: Error, Equatable {
    let position: JSONPosition
    let message: String
}

/// A strict RFC 8259 parser that keeps positions and refuses repeated keys.
///
/// It is written for study files: nesting is limited to 64 levels (deeper
/// input is refused rather than recursing without bound), numbers become
/// `Double` (a literal beyond its range is an error, not infinity), and an
/// object that names a key twice is an error at the second key.
struct JSONParser {
    /// Deepest nesting of arrays and objects accepted.
    static let maximumDepth = 64

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0
    private var positions: [String: JSONPosition] = [:]

    /// Parses `data` (UTF-8).
    /// - Throws: ``JSONSyntaxError`` with the line and column of the problem.
    static func parse(_ data: Data) throws -> ParsedJSON {
        var parser = JSONParser(bytes: [UInt8](data))
        if parser.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.index = 3; parser.lineStart = 3 }   // a UTF-8 byte order mark
        guard String(validating: parser.bytes, as: UTF8.self) != nil else {
            throw JSONSyntaxError(position: JSONPosition(line: 1, column: 1), message: "the file is not UTF-8 text")
        }
        parser.skipWhitespace()
        let value = try parser.parseValue(path: "", depth: 0)
        parser.skipWhitespace()
        guard parser.index == parser.bytes.count else { throw parser.error("unexpected text after the end of the JSON value") }
        return ParsedJSON(value: value, positions: parser.positions)
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private var position: JSONPosition { JSONPosition(line: line, column: index - lineStart + 1) }

    private func error(_ message: String) -> JSONSyntaxError { JSONSyntaxError(position: position, message: message) }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
            index += 1
            if byte == 0x0A { line += 1; lineStart = index }
        }
    }

    private func describe(_ byte: UInt8?) -> String {
        guard let byte else { return "the end of the file" }
        return (32...126).contains(byte) ? "'\(Character(UnicodeScalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
    }

    private mutating func parseValue(path: String, depth: Int) throws -> JSONValue {
        guard depth <= Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth) levels") }
        if positions[path] == nil { positions[path] = position }
        switch current {
        case UInt8(ascii: "{"): return try parseObject(path: path, depth: depth)
        case UInt8(ascii: "["): return try parseArray(path: path, depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case let byte? where byte == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte):
            return .number(try parseNumber())
        default: throw error("expected a value, found \(describe(current))")
        }
    }

    private mutating func expectWord(_ word: String) throws {
        let literal = Array(word.utf8)
        guard index + literal.count <= bytes.count, Array(bytes[index..<(index + literal.count)]) == literal else {
            throw error("expected a value, found \(describe(current))")
        }
        index += literal.count
    }

    private mutating func parseObject(path: String, depth: Int) throws -> JSONValue {
        index += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if current == UInt8(ascii: "}") { index += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw error("expected a key in double quotes, found \(describe(current))") }
            let keyPosition = position
            let key = try parseString()
            let memberPath = path.isEmpty ? key : "\(path).\(key)"
            guard members[key] == nil else {
                throw JSONSyntaxError(position: keyPosition, message: "the key \"\(key)\" appears twice in one object")
            }
            positions[memberPath] = keyPosition
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw error("expected ':' after the key \"\(key)\", found \(describe(current))") }
            index += 1
            skipWhitespace()
            members[key] = try parseValue(path: memberPath, depth: depth + 1)
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"): index += 1; return .object(members)
            default: throw error("expected ',' or '}' after the value of \"\(key)\", found \(describe(current))")
            }
        }
    }

    private mutating func parseArray(path: String, depth: Int) throws -> JSONValue {
        index += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") { index += 1; return .array(items) }
        while true {
            skipWhitespace()
            items.append(try parseValue(path: "\(path)[\(items.count)]", depth: depth + 1))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"): index += 1; return .array(items)
            default: throw error("expected ',' or ']' in a list, found \(describe(current))")
            }
        }
    }

    private mutating func parseString() throws -> String {
        index += 1
        var scalars = String.UnicodeScalarView()
        var run = index
        func flush(_ end: Int) { scalars.append(contentsOf: String(decoding: bytes[run..<end], as: UTF8.self).unicodeScalars) }
        while true {
            guard let byte = current else { throw error("a string is not closed before the end of the file") }
            if byte == UInt8(ascii: "\"") { flush(index); index += 1; return String(scalars) }
            guard byte >= 0x20 else { throw error("a control character (\(describe(byte))) inside a string; write it as an escape") }
            guard byte == UInt8(ascii: "\\") else { index += 1; continue }
            flush(index)
            index += 1
            guard let escape = current else { throw error("a string is not closed before the end of the file") }
            index += 1
            switch escape {
            case UInt8(ascii: "\""): scalars.append("\"")
            case UInt8(ascii: "\\"): scalars.append("\\")
            case UInt8(ascii: "/"): scalars.append("/")
            case UInt8(ascii: "b"): scalars.append("\u{8}")
            case UInt8(ascii: "f"): scalars.append("\u{C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                var unit = try parseHexQuad()
                if (0xD800..<0xDC00).contains(unit), bytes[index...].starts(with: Array("\\u".utf8)) {
                    index += 2
                    let low = try parseHexQuad()
                    guard (0xDC00..<0xE000).contains(low) else { throw error("a \\u escape has a high surrogate without its low surrogate") }
                    unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let scalar = UnicodeScalar(unit) else { throw error("a \\u escape names no character (a lone surrogate)") }
                scalars.append(scalar)
            default: index -= 1; throw error("unknown escape \\\(describe(escape)) in a string")
            }
            run = index
        }
    }

    private mutating func parseHexQuad() throws -> UInt32 {
        guard index + 4 <= bytes.count, let value = UInt32(String(decoding: bytes[index..<(index + 4)], as: UTF8.self), radix: 16),
              bytes[index..<(index + 4)].allSatisfy({ $0 != UInt8(ascii: "+") && $0 != UInt8(ascii: "-") }) else {
            throw error("a \\u escape needs four hex digits")
        }
        index += 4
        return value
    }

    private mutating func parseNumber() throws -> Double {
        let start = index
        let startPosition = position
        func digits() -> Int {
            let first = index
            while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { index += 1 }
            return index - first
        }
        if current == UInt8(ascii: "-") { index += 1 }
        if current == UInt8(ascii: "0") {
            index += 1
            if let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { throw error("a number cannot start with 0 followed by digits") }
        } else if digits() == 0 { throw error("expected digits in a number, found \(describe(current))") }
        if current == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { throw error("expected digits after the decimal point, found \(describe(current))") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw error("expected digits in the exponent, found \(describe(current))") }
        }
        let literal = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let value = Double(literal), value.isFinite else {
            let shown = literal.count > 24 ? "\(literal.prefix(20))… (\(literal.count) characters)" : literal
            throw JSONSyntaxError(position: startPosition, message: "the number \(shown) is beyond the range of a double")
        }
        return value
    }
}
