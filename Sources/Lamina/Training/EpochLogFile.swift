import Foundation

/// Writes the run's epoch logs (``Trainer/history``) to a JSON Lines or CSV file after every epoch. The
/// file is rewritten whole and atomically each time, so it always holds complete lines, and a run
/// resumed from a checkpoint writes the same file as an uninterrupted one.
///
/// JSON Lines: `{"epoch": 1, "loss": 0.52, "val_accuracy": 0.9}` per line (NaN and infinities as `null`,
/// an interrupted epoch with `"interrupted": true`). CSV: a header `epoch,loss,val_accuracy` then one row
/// per epoch (NaN as `nan`). Numbers are written with every digit needed to read them back exactly.
public final class EpochLogFile: TrainerExtension {
    /// The file's format.
    public enum Format: Sendable {
        /// One JSON object per line.
        case jsonLines
        /// Comma-separated values with a header.
        case csv
    }

    /// The file.
    public let path: String
    /// Its format.
    public let format: Format

    /// Logs to `path` in `format`.
    public init(path: String, format: Format = .jsonLines) {
        (self.path, self.format) = (path, format)
    }

    /// Rewrites the file, atomically, with every epoch log so far.
    public func afterEpoch(_ trainer: Trainer, log: EpochLog) throws {
        let text = Self.render(trainer.history, format: format)
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw LaminaError.invalidArgument(function: "EpochLogFile", detail: "cannot write the log \(path): \(error.localizedDescription)")
        }
    }

    /// The text of the file for `logs`.
    public static func render(_ logs: [EpochLog], format: Format) -> String {
        switch format {
        case .jsonLines:
            return logs.map { log in
                let fields = ["\"epoch\": \(log.epoch)"] + zip(log.names, log.values).map { "\(quoted($0)): \($1.isFinite ? "\($1)" : "null")" }
                    + (log.interrupted ? ["\"interrupted\": true"] : [])
                return "{" + fields.joined(separator: ", ") + "}\n"
            }.joined()
        case .csv:
            let names = logs.reduce(into: [String]()) { all, log in for n in log.names where !all.contains(n) { all.append(n) } }
            let header = (["epoch"] + names).joined(separator: ",") + "\n"
            return header + logs.map { log in
                ([String(log.epoch)] + names.map { log[$0].map { $0.isNaN ? "nan" : "\($0)" } ?? "" }).joined(separator: ",") + "\n"
            }.joined()
        }
    }

    /// `text` as a JSON string.
    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
