import Foundation
import LaminaPlot

/// Learning curves of the runs in progress, redrawn through gnuplot-iostream at every epoch a worker reports
/// (`lamina compare --live`). Thread-safe: workers report from their own threads.
public final class LivePlot: @unchecked Sendable {
    /// Where the plot goes.
    public let target: LivePlotTarget
    /// At most this many curves at once (the runs in progress first).
    public let limit: Int
    private let gnuplot: Gnuplot
    private let write: @Sendable (String) -> Void
    private let lock = NSLock()
    private var curves = LearningCurves()
    private var failed = false

    /// A live plot to `target` drawn by `gnuplot`. Terminal plots (and the one-line note if a redraw fails,
    /// after which the plot stops) go to `write`.
    public init(target: LivePlotTarget, gnuplot: Gnuplot, limit: Int = 12,
                write: @escaping @Sendable (String) -> Void) {
        self.target = target
        self.gnuplot = gnuplot
        self.limit = limit
        self.write = write
    }

    /// Adds `progress` and redraws.
    public func update(_ progress: EpochProgress) {
        lock.lock(); defer { lock.unlock() }
        curves.add(progress)
        guard !failed else { return }
        do {
            try redraw()
        } catch {
            failed = true
            write("live plot stopped: \(error)\n")
        }
    }

    /// Draws the current curves now (a diverged run's NaN epochs are left out, and a run with none
    /// finite is not drawn). Throws ``Gnuplot/Failure`` if gnuplot fails, or a file error.
    func redraw() throws {
        let shown = curves.shown(limit: limit).compactMap { curve -> LearningCurves.Curve? in
            var finite = curve
            finite.points = curve.points.filter { $0.value.isFinite }
            return finite.points.isEmpty ? nil : finite
        }
        guard !shown.isEmpty else { return }
        switch target {
        case .terminal(let columns, let rows):
            let text = try render(shown, terminal: "dumb size \(columns),\(rows)", output: nil)
            write(text.replacingOccurrences(of: "\u{0C}", with: ""))
        case .image(let path):
            try Gnuplot.writeImage(at: path) { partial in
                _ = try render(shown, terminal: "pngcairo size 900,560 noenhanced font 'Helvetica,10'", output: partial)
            }
        }
    }

    /// One gnuplot session: settings, one `'-'` source per curve, their inline data; returns gnuplot's output.
    private func render(_ shown: [LearningCurves.Curve], terminal: String, output: String?) throws -> String {
        let first = shown[0]
        let session = try Gnuplot.Session(gnuplot: gnuplot)
        for line in Self.commands(for: shown, terminal: terminal, output: output) { session.send(line) }
        for curve in shown { session.send(rows: curve.points.map { [Double($0.epoch), $0.value] }) }
        if output != nil { session.send("unset output") }
        return try session.finish(describing: "gnuplot (live plot of \(first.task))")
    }

    /// The gnuplot commands that draw `shown` (inline data follows them).
    static func commands(for shown: [LearningCurves.Curve], terminal: String, output: String?) -> [String] {
        let first = shown[0]
        let direction = first.higherIsBetter ? "higher is better" : "lower is better"
        let running = shown.filter { !$0.isFinished }.count
        var lines = [
            "set terminal \(terminal)",
            "set termoption noenhanced",
        ]
        if let output { lines.append("set output \(PlotText.quotedPath(output))") }
        lines += [
            "set title \(PlotText.quotedPath("\(first.task): validation \(first.metric), \(running) of \(shown.count) runs in progress"))",
            "set xlabel 'epoch'",
            "set ylabel \(PlotText.quotedPath("\(first.metric) (\(direction))"))",
            "set xrange [1:\(max(2, shown.map(\.epochs).max() ?? 2))]",
            "set key outside right top",
            "plot " + shown.enumerated().map { index, curve in
                "'-' using 1:2 with linespoints dashtype \(index % 5 + 1) pointtype \(index % 13 + 1) title \(PlotText.quotedPath(curve.label))"
            }.joined(separator: ", "),
        ]
        return lines
    }
}
