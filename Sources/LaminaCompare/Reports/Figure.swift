import Foundation
import LaminaPlot

/// One figure of a report: a gnuplot script and its data files, rendered to `name.svg` and `name.png`.
public struct Figure: Sendable, Equatable {
    /// Base file name (no extension).
    public var name: String
    /// What the figure shows, for the Markdown page.
    public var caption: String
    /// Data files: file name to contents.
    public var data: [String: String]
    /// The plot commands (everything after terminal and output setup); run once per terminal.
    public var plot: String
    /// Width and height in pixels.
    public var size: (width: Int, height: Int)

    /// Creates a figure (800 × 500 pixels unless `size` says otherwise).
    public init(name: String, caption: String, data: [String: String], plot: String,
                size: (width: Int, height: Int) = (800, 500)) {
        self.name = name
        self.caption = caption
        self.data = data
        self.plot = plot
        self.size = size
    }

    public static func == (a: Figure, b: Figure) -> Bool {
        a.name == b.name && a.caption == b.caption && a.data == b.data && a.plot == b.plot
            && a.size.width == b.size.width && a.size.height == b.size.height
    }

    /// The whole script: SVG first, then PNG (pngcairo).
    public var script: String {
        """
        # \(caption)
        # Render with: gnuplot \(name).gp   (writes \(name).svg and \(name).png)
        set terminal svg size \(size.width),\(size.height) dynamic enhanced font 'Helvetica,12'
        set output '\(name).svg'
        \(plot)
        set terminal pngcairo size \(size.width),\(size.height) enhanced font 'Helvetica,10'
        set output '\(name).png'
        \(plot)
        unset output

        """
    }

    /// Writes the script and data into `directory`.
    public func write(to directory: URL) throws {
        for (file, contents) in data.sorted(by: { $0.key < $1.key }) {
            try contents.write(to: directory.appendingPathComponent(file), atomically: true, encoding: .utf8)
        }
        try script.write(to: directory.appendingPathComponent("\(name).gp"), atomically: true, encoding: .utf8)
    }
}

/// Formatting helpers for gnuplot data and labels.
enum PlotText {
    /// A gnuplot-safe, ASCII-only file name part.
    static func slug(_ text: String) -> String {
        String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
    }

    /// A single-quoted gnuplot string with underscores escaped for the enhanced text mode.
    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''").replacingOccurrences(of: "_", with: "\\\\_") + "'"
    }

    /// A double-quoted string for a gnuplot data file column (double quotes removed).
    static func dataString(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "'") + "\""
    }

    /// A number for a data file ("NaN" for non-finite values, which gnuplot skips).
    static func number(_ x: Double) -> String {
        x.isFinite ? String(format: "%.6g", x) : "NaN"
    }
}

extension PlotText {
    /// A single-quoted gnuplot string holding a file path (see ``Gnuplot/quoted(_:)``).
    static func quotedPath(_ path: String) -> String { Gnuplot.quoted(path) }
}
