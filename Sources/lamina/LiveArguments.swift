import Foundation

/// `--live` takes an optional value, which ArgumentParser options cannot: before parsing, a `--live` not
/// followed by a value gets the value ``terminal``. The next argument is taken as the value when it names
/// a file other than a study: it is not an option and has an extension other than `.json` (`FILE.png`, or
/// `plot.txt`, which `compare` then refuses with a message naming `--live`, instead of the parser's
/// "unexpected argument").
enum LiveArguments {
    /// The value of a bare `--live`: gnuplot's text terminal.
    static let terminal = "terminal"

    /// `arguments` with ``terminal`` inserted after each bare `--live`.
    static func normalize(_ arguments: [String]) -> [String] {
        var result: [String] = []
        for (index, argument) in arguments.enumerated() {
            result.append(argument)
            guard argument == "--live" else { continue }
            let next = index + 1 < arguments.count ? arguments[index + 1] : nil
            if !(next.map(isValue) ?? false) { result.append(terminal) }
        }
        return result
    }

    /// Whether `argument`, following a bare `--live`, is its value rather than the study or the next option.
    static func isValue(_ argument: String) -> Bool {
        if argument == terminal || isImagePath(argument) { return true }
        let fileExtension = (argument as NSString).pathExtension.lowercased()
        return !argument.hasPrefix("-") && !fileExtension.isEmpty && fileExtension != "json"
    }

    /// Whether `value` names a PNG image.
    static func isImagePath(_ value: String) -> Bool {
        value.lowercased().hasSuffix(".png")
    }
}
