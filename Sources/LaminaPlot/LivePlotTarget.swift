/// Where a live plot goes.
public enum LivePlotTarget: Sendable, Equatable {
    /// gnuplot's `dumb` text terminal, `columns` × `rows` characters, written to standard error.
    case terminal(columns: Int, rows: Int)
    /// A PNG image at this path, rewritten atomically at every refresh.
    case image(path: String)
}
