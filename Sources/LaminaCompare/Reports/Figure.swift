import Foundation

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
    /// Where the page shows the figure (nil: only where its name is looked up).
    public var section: Section?

    /// The part of the report page a figure belongs to.
    public enum Section: Sendable, Equatable {
        /// The section of the task of this name.
        case task(String)
        /// The ablation walk at this index of the report's walks.
        case ablation(Int)
    }

    /// Creates a figure (800 × 500 pixels unless `size` says otherwise).
    public init(name: String, caption: String, data: [String: String], plot: String,
                size: (width: Int, height: Int) = (800, 500), section: Section? = nil) {
        self.name = name
        self.caption = caption
        self.data = data
        self.plot = plot
        self.size = size
        self.section = section
    }

    public static func == (a: Figure, b: Figure) -> Bool {
        a.name == b.name && a.caption == b.caption && a.data == b.data && a.plot == b.plot
            && a.size.width == b.size.width && a.size.height == b.size.height && a.section == b.section
    }

    /// Every file the figure writes or renders: its script, its data files, its SVG and PNG.
    public var files: [String] {
        ["\(name).gp", "\(name).svg", "\(name).png"] + data.keys.sorted()
    }

    /// The whole script: SVG first, then PNG (pngcairo).
    public var script: String {
        """
        \(PlotText.comment(caption))
        \(PlotText.comment("Render with: gnuplot \(name).gp   (writes \(name).svg and \(name).png)"))
        set terminal svg size \(size.width),\(size.height) dynamic enhanced font 'Helvetica,12'
        set output \(PlotText.quotedPath("\(name).svg"))
        \(plot)
        set terminal pngcairo size \(size.width),\(size.height) enhanced font 'Helvetica,10'
        set output \(PlotText.quotedPath("\(name).png"))
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
