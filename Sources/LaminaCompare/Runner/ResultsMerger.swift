/// Merges several results files into one list of records: one record per
/// run, failed runs set apart, and runs of different settings never pooled.
public enum ResultsMerger {
    /// What merging found.
    public struct Merged: Sendable {
        /// One record per run (results only: diverged runs included, failed runs not).
        public var records: [RunRecord]
        /// Runs whose only records are failures (a worker crashed or was killed), one per key.
        public var failures: [RunRecord]
        /// One line per (study, task) whose records carry more than one settings fingerprint.
        public var conflicts: [String]
        /// Warnings from loading, duplicates, failures and conflicts, for the user.
        public var warnings: [String]
    }

    /// Loads every file and merges their records.
    ///
    /// - A run (key and settings fingerprint) recorded more than once keeps its
    ///   first result; a failed record is superseded by any result of the same
    ///   run (the retry), wherever it is.
    /// - When one (study, task) has records of several settings fingerprints
    ///   (an edited study, or shards of different versions), that is a
    ///   conflict: it is named in ``Merged/conflicts`` and the warnings, and only
    ///   the settings of the last record read (the newest, in file then line
    ///   order) are kept, so that no report pools runs of different settings.
    public static func merge(paths: [String]) throws -> LoadedResults {
        let merged = try mergeAll(paths: paths)
        return LoadedResults(records: merged.records, warnings: merged.warnings)
    }

    /// Like ``merge(paths:)``, with failures and conflicts apart.
    public static func mergeAll(paths: [String]) throws -> Merged {
        var all: [(record: RunRecord, file: String)] = []
        var warnings: [String] = []
        for path in paths {
            let loaded = try ResultsFile(path: path).load()
            warnings += loaded.warnings
            all += loaded.records.map { ($0, path) }
        }
        return merge(all, warnings: warnings)
    }

    /// Merges records already loaded (`file` names where each came from, for messages).
    static func merge(_ all: [(record: RunRecord, file: String)], warnings: [String]) -> Merged {
        var warnings = warnings
        // The settings to keep per (study, task): those of its last record. Runs of a real library
        // (Comparisons/real/) are made outside Lamina's runner and carry no settings: they are kept as they are.
        var latest: [String: String] = [:]
        var fingerprints: [String: [String: (count: Int, file: String)]] = [:]
        for (record, file) in all where record.implementation == nil {
            let group = "\(record.study)|\(record.task)", fingerprint = record.settingsFingerprint ?? "none"
            latest[group] = fingerprint
            fingerprints[group, default: [:]][fingerprint] = ((fingerprints[group]?[fingerprint]?.count ?? 0) + 1,
                                                               fingerprints[group]?[fingerprint]?.file ?? file)
        }
        var conflicts: [String] = []
        var left = 0
        for group in fingerprints.keys.sorted() where fingerprints[group]!.count > 1 {
            let parts = fingerprints[group]!.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value.count) record(s), first in \($0.value.file))" }
            conflicts.append("study \(group.replacingOccurrences(of: "|", with: " task ")) has records of \(parts.count) different settings: "
                             + parts.joined(separator: ", ") + "; kept \(latest[group]!), the settings of the last record")
            left += fingerprints[group]!.filter { $0.key != latest[group]! }.map(\.value.count).reduce(0, +)
        }
        var results: [RunKey: Int] = [:]
        var records: [RunRecord] = []
        var failed: [RunKey: RunRecord] = [:]
        var duplicates = 0
        for (record, _) in all where record.implementation != nil
            || (record.settingsFingerprint ?? "none") == latest["\(record.study)|\(record.task)"] {
            if record.isFailure {
                if failed[record.key] == nil { failed[record.key] = record }
            } else if results[record.key] == nil {
                results[record.key] = records.count
                records.append(record)
            } else {
                duplicates += 1
            }
        }
        let failures = failed.values.filter { results[$0.key] == nil }.sorted { $0.key < $1.key }
        if duplicates > 0 { warnings.append("dropped \(duplicates) duplicate run(s) while merging") }
        for conflict in conflicts { warnings.append("conflict: \(conflict)") }
        if left > 0 { warnings.append("left out \(left) record(s) of other settings; report them apart (separate results files) to compare them") }
        if !failures.isEmpty {
            let shown = failures.prefix(5).map(\.key.description).joined(separator: ", ")
            warnings.append("\(failures.count) run(s) failed (a worker crashed or was killed; not results, not counted as diverged): \(shown)"
                            + (failures.count > 5 ? ", …" : "") + "; run the same compare command again to retry them")
        }
        return Merged(records: records, failures: failures, conflicts: conflicts, warnings: warnings)
    }
}
