import Foundation
import Lamina

/// Learning curves of a ``Trainer``'s run, redrawn after every epoch through gnuplot-iostream (Blocks'
/// `Plot` extension): one curve per value of the epoch logs (`loss`, `val_accuracy`, …), against the epoch,
/// in gnuplot's text terminal or in a PNG file rewritten atomically.
///
/// ```swift
/// trainer.extensions.append(TrainingPlot(target: .image(path: "curves.png"), gnuplot: Gnuplot.locate()!))
/// ```
///
/// It draws through a ``Gnuplot/Session`` (the `CGnuplot` module), as `lamina compare --live` does.
public final class TrainingPlot: TrainerExtension {
    /// Where the plot goes (the terminal's text goes to `write`).
    public let target: LivePlotTarget
    /// The values drawn (nil: every value of the logs).
    public let values: [String]?
    private let gnuplot: Gnuplot
    private let title: String
    private let write: (String) -> Void

    /// A plot of `values` (all by default) titled `title`, drawn by `gnuplot` to `target`; terminal plots
    /// go to `write` (nil: standard error, where a closed pipe or full device drops the text
    /// instead of stopping the program).
    public init(target: LivePlotTarget, gnuplot: Gnuplot, values: [String]? = nil, title: String = "training",
                write: ((String) -> Void)? = nil) {
        (self.target, self.gnuplot, self.values, self.title) = (target, gnuplot, values, title)
        self.write = write ?? { StandardError.write($0) }
    }

    public func afterEpoch(_ trainer: Trainer, log: EpochLog) throws {
        try draw(trainer.history)
    }

    /// Draws `logs` now. Values that are NaN or infinite are left out.
    /// - Throws: ``Gnuplot/Failure`` if gnuplot fails or the image cannot be put in place.
    public func draw(_ logs: [EpochLog]) throws {
        let names = logs.reduce(into: [String]()) { all, log in for n in log.names where !all.contains(n) && (values?.contains(n) ?? true) { all.append(n) } }
        let curves = names.map { name in logs.compactMap { log in log[name].flatMap { $0.isFinite ? [Double(log.epoch), $0] : nil } } }
            .enumerated().filter { !$0.element.isEmpty }
        guard !curves.isEmpty else { return }
        switch target {
        case .terminal(let columns, let rows):
            write(try render(curves.map { (names[$0.offset], $0.element) }, logs: logs, terminal: "dumb size \(columns),\(rows)", output: nil)
                    .replacingOccurrences(of: "\u{0C}", with: ""))
        case .image(let path):
            try Gnuplot.writeImage(at: path) { partial in
                _ = try render(curves.map { (names[$0.offset], $0.element) }, logs: logs,
                               terminal: "pngcairo size 800,500 noenhanced font 'Helvetica,10'", output: partial)
            }
        }
    }

    /// One gnuplot session drawing `curves` (name, rows of epoch and value); returns gnuplot's output.
    private func render(_ curves: [(String, [[Double]])], logs: [EpochLog], terminal: String, output: String?) throws -> String {
        let session = try Gnuplot.Session(gnuplot: gnuplot)
        session.send("set terminal \(terminal)")
        session.send("set termoption noenhanced")
        if let output { session.send("set output \(Self.quoted(output))") }
        session.send("set title \(Self.quoted("\(title): epoch \(logs.last?.epoch ?? 0)"))")
        session.send("set xlabel 'epoch'")
        session.send("set xrange [1:\(max(2, logs.last?.epoch ?? 2))]")
        session.send("set key outside right top")
        session.send("plot " + curves.enumerated().map { k, curve in
            "'-' using 1:2 with linespoints dashtype \(k % 5 + 1) pointtype \(k % 13 + 1) title \(Self.quoted(curve.0))"
        }.joined(separator: ", "))
        for curve in curves { session.send(rows: curve.1) }
        if output != nil { session.send("unset output") }
        return try session.finish(describing: "gnuplot (training plot)")
    }

    /// `text` as a gnuplot single-quoted string.
    static func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
}
