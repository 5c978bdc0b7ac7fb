import LaminaPlot

/// Formatting of the text that reaches a gnuplot script or data file. Every name, title, label, key,
/// comment and data string passes through ``printable(_:)`` first, so that text from a results file (a task
/// or profile name) can never end a script line early and start a command of its own (`system "…"`).
enum PlotText {
    /// `text` on one line: every control character (newline, carriage return, tab, escape, DEL, the C1
    /// controls) and the Unicode line and paragraph separators are written as Swift escapes (`\n`, `\r`,
    /// `\u{1B}`), visible and inert. Other text is unchanged.
    static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isBreaking) else { return text }
        return text.unicodeScalars.map { isBreaking($0) ? $0.escaped(asASCII: true) : String($0) }.joined()
    }

    /// Whether `scalar` could end or disturb a script line.
    private static func isBreaking(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    /// A gnuplot comment line holding `text`. A comment ending in a backslash would continue onto the
    /// next line and swallow it, so such a comment gets a trailing space.
    static func comment(_ text: String) -> String {
        let line = "# " + printable(text)
        return line.hasSuffix("\\") ? line + " " : line
    }

    /// A gnuplot-safe, ASCII-only file name part.
    static func slug(_ text: String) -> String {
        String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
    }

    /// A single-quoted gnuplot string (a title, label or key) with underscores escaped for the enhanced
    /// text mode; inside single quotes gnuplot expands neither backslashes nor backquotes, and `'` is doubled.
    static func quoted(_ text: String) -> String {
        "'" + printable(text).replacingOccurrences(of: "'", with: "''").replacingOccurrences(of: "_", with: "\\\\_") + "'"
    }

    /// A double-quoted string for a gnuplot data file column (double quotes replaced by single ones).
    static func dataString(_ text: String) -> String {
        "\"" + printable(text).replacingOccurrences(of: "\"", with: "'") + "\""
    }

    /// A number for a data file ("NaN" for non-finite values, which gnuplot skips).
    static func number(_ x: Double) -> String {
        x.isFinite ? String(format: "%.6g", x) : "NaN"
    }

    /// A single-quoted gnuplot string holding a file path or a plain title (see ``Gnuplot/quoted(_:)``),
    /// on one line.
    static func quotedPath(_ path: String) -> String { Gnuplot.quoted(printable(path)) }
}
