import Foundation
import Lamina
import LaminaPlot
import LaminaCompare

extension Compare {
    /// The live plot `--live` asks for, or nil without `--live` (or, with a one-line note, without gnuplot).
    /// - Throws: ``UserError`` for a value that is neither a bare `--live` nor a PNG path in an existing folder.
    func liveMonitor() throws -> LivePlot? {
        guard let live else { return nil }
        let target: LivePlotTarget
        if live == LiveArguments.terminal {
            let (columns, rows) = terminalSize()
            target = .terminal(columns: columns, rows: rows)
        } else {
            guard LiveArguments.isImagePath(live) else {
                throw UserError("--live \(live): expected no value (terminal) or an image path ending in .png")
            }
            let folder = URL(fileURLWithPath: live).deletingLastPathComponent().path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw UserError("--live \(live): the folder \(folder) does not exist")
            }
            target = .image(path: live)
        }
        guard let gnuplot = Gnuplot.locate() else {
            printError("--live: gnuplot was not found on PATH (apt-get install gnuplot-nox); running without the live plot")
            return nil
        }
        let clear = isatty(2) == 1 && target != .image(path: live) ? "\u{1B}[H\u{1B}[2J" : ""
        return LivePlot(target: target, gnuplot: gnuplot) { text in
            StandardError.write(clear + text)
        }
    }

    /// The worker arguments: `run-one`, with `--progress` when a live plot wants every epoch.
    func workerArguments(live monitor: LivePlot?) -> [String] {
        monitor == nil ? ["run-one"] : ["run-one", "--progress"]
    }
}

/// The terminal's size in characters (standard error's, else `COLUMNS` and `LINES`, else 100 × 30),
/// leaving a few lines for the progress log.
func terminalSize() -> (columns: Int, rows: Int) {
    var size = winsize()
    if ioctl(2, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 40, size.ws_row >= 15 {
        return (Int(size.ws_col), Int(size.ws_row) - 4)
    }
    let environment = ProcessInfo.processInfo.environment
    return (environment["COLUMNS"].flatMap(Int.init) ?? 100, environment["LINES"].flatMap(Int.init).map { $0 - 4 } ?? 30)
}
