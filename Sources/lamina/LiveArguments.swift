/// `--live` takes an optional value, which ArgumentParser options cannot: before parsing, a `--live` not
/// followed by an image path (`FILE.png`) gets the value ``terminal``.
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
            if !(next.map(isImagePath) ?? false) && next != terminal { result.append(terminal) }
        }
        return result
    }

    /// Whether `value` names a PNG image.
    static func isImagePath(_ value: String) -> Bool {
        value.lowercased().hasSuffix(".png")
    }
}
