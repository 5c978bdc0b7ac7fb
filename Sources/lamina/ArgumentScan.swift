/// Two checks on the raw arguments that ArgumentParser cannot make, done before it parses them.
enum ArgumentScan {
    /// Options that may be given more than once (their values add up).
    static let repeatable: Set<String> = ["--baseline"]

    /// `arguments` with every `--option -N…` (a value that looks like a negative number, such as
    /// `--jobs -1` or `--shard -1/2`) joined into `--option=-N…`. ArgumentParser would read `-1` as a flag
    /// and say the option's value is missing; joined, the value reaches the command's own range check
    /// ("--jobs must be at least 1"). No option of `lamina` is a dash and a digit, so nothing else changes.
    static func joinNegativeValues(_ arguments: [String]) -> [String] {
        var result: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" { return result + arguments[index...] }
            if argument.hasPrefix("--"), !argument.contains("="), index + 1 < arguments.count,
               looksNegative(arguments[index + 1]) {
                result.append("\(argument)=\(arguments[index + 1])")
                index += 2
                continue
            }
            result.append(argument)
            index += 1
        }
        return result
    }

    /// Whether `text` is a dash followed by a digit or a point (`-1`, `-0.5`, `-1/2`).
    static func looksNegative(_ text: String) -> Bool {
        guard text.hasPrefix("-"), let next = text.dropFirst().first else { return false }
        return next.isNumber || next == "."
    }

    /// The first option given twice that takes one value (ArgumentParser would keep the last silently),
    /// as a message for the user, or nil.
    static func repeatedOption(_ arguments: [String]) -> String? {
        var seen: Set<String> = []
        for argument in arguments {
            if argument == "--" { break }
            guard argument.hasPrefix("--"), argument.count > 2 else { continue }
            let name = String(argument.prefix { $0 != "=" })
            guard !repeatable.contains(name) else { continue }
            if !seen.insert(name).inserted {
                return "\(name) is given more than once; give it once (only one value would be used)"
            }
        }
        return nil
    }
}
