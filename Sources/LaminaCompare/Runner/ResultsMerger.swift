import Foundation

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

    /// Loads every file and merges their records. The outcome never depends on
    /// the order in which the files are given.
    ///
    /// - A run (key and settings fingerprint) recorded more than once keeps one
    ///   result; its copies must agree in every value but the wall time, or the
    ///   merge throws ``ResultsMergeError/disagreeingCopies(_:)`` (the same run
    ///   must give the same numbers on every machine, so copies that differ mean
    ///   an edited file or a broken run). A failed record is superseded by any
    ///   result of the same run (the retry), wherever it is.
    /// - When one (study, task) has records of several settings fingerprints
    ///   (an edited study), that is a conflict: it is named in
    ///   ``Merged/conflicts`` and the warnings, and only the newest settings are
    ///   kept, so that no report pools runs of different settings. The newest
    ///   are those of the last record in each file; files whose last records
    ///   name different settings cannot be ordered, and the merge throws
    ///   ``ResultsMergeError/filesDisagreeOnSettings(_:)``.
    /// - The results of one (study, task) must name one metric and direction
    ///   (``ResultsMergeError/metricsDisagree(_:)``).
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
        return try merge(all, warnings: warnings)
    }

    /// Merges records already loaded (`file` names where each came from, for messages).
    static func merge(_ all: [(record: RunRecord, file: String)], warnings: [String]) throws -> Merged {
        var warnings = warnings
        // The settings to keep per (study, task): those of the last record of each file, which must agree.
        // Runs of a real library (Comparisons/real/) are made outside Lamina's runner and carry no settings:
        // they are kept as they are.
        var lastInFile: [String: [String: String]] = [:]   // group → file → fingerprint of its last record
        var fingerprints: [String: [String: (count: Int, file: String)]] = [:]
        for (record, file) in all where record.implementation == nil {
            let group = "\(record.study)|\(record.task)", fingerprint = record.settingsFingerprint ?? "none"
            lastInFile[group, default: [:]][file] = fingerprint
            fingerprints[group, default: [:]][fingerprint] = ((fingerprints[group]?[fingerprint]?.count ?? 0) + 1,
                                                               fingerprints[group]?[fingerprint]?.file ?? file)
        }
        var latest: [String: String] = [:]
        var unordered: [String] = []
        for (group, files) in lastInFile.sorted(by: { $0.key < $1.key }) {
            if Set(files.values).count > 1 {
                let ends = files.sorted { $0.key < $1.key }.map { "\($0.key) ends with \($0.value)" }.joined(separator: ", ")
                unordered.append("study \(group.replacingOccurrences(of: "|", with: " task ")): \(ends)")
            }
            latest[group] = files.values.min()
        }
        if !unordered.isEmpty { throw ResultsMergeError.filesDisagreeOnSettings(unordered) }
        var conflicts: [String] = []
        var left = 0
        for group in fingerprints.keys.sorted() where fingerprints[group]!.count > 1 {
            let parts = fingerprints[group]!.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value.count) record(s), first in \($0.value.file))" }
            conflicts.append("study \(group.replacingOccurrences(of: "|", with: " task ")) has records of \(parts.count) different settings: "
                             + parts.joined(separator: ", ") + "; kept \(latest[group]!), the settings of the last records")
            left += fingerprints[group]!.filter { $0.key != latest[group]! }.map(\.value.count).reduce(0, +)
        }
        var results: [RunKey: Int] = [:]
        var records: [RunRecord] = []
        var failed: [RunKey: RunRecord] = [:]
        var duplicates = 0
        var sources: [RunKey: String] = [:]
        var disagreements: [String] = []
        for (record, file) in all where record.implementation != nil
            || (record.settingsFingerprint ?? "none") == latest["\(record.study)|\(record.task)"] {
            if record.isFailure {
                if failed[record.key] == nil { failed[record.key] = record }
            } else if let index = results[record.key] {
                duplicates += 1
                if let difference = Self.difference(records[index], record) {
                    disagreements.append("run \(record.key) in \(sources[record.key]!) and \(file): \(difference)")
                }
            } else {
                results[record.key] = records.count
                sources[record.key] = file
                records.append(record)
            }
        }
        if !disagreements.isEmpty { throw ResultsMergeError.disagreeingCopies(disagreements) }
        try Self.checkMetrics(records)
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

    /// Every result of one (study, task) must name the same metric and direction: one record that says
    /// "higher is better" among mse records would change who solved the task and who ranks first.
    static func checkMetrics(_ records: [RunRecord]) throws {
        var first: [String: RunRecord] = [:]
        var mixed: [String] = []
        for record in records {
            let group = "\(record.study)|\(record.task)"
            guard let seen = first[group] else { first[group] = record; continue }
            if (seen.metric, seen.higherIsBetter) != (record.metric, record.higherIsBetter) {
                mixed.append("study \(record.study) task \(record.task): run \(seen.key) has \(seen.metric) "
                             + "(higherIsBetter \(seen.higherIsBetter)), run \(record.key) \(record.metric) (higherIsBetter \(record.higherIsBetter))")
                first[group] = record
            }
        }
        if !mixed.isEmpty { throw ResultsMergeError.metricsDisagree(mixed) }
    }

    /// The first value in which two records of one run differ, wall time aside; nil when they agree
    /// (NaN agrees with NaN: the records are compared in their JSON form).
    static func difference(_ first: RunRecord, _ second: RunRecord) -> String? {
        func fields(_ record: RunRecord) -> [String: String] {
            var record = record
            record.wallSeconds = 0
            guard let data = try? RecordCoding.encoder().encode(record),
                  let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
            var text: [String: String] = [:]
            for (key, value) in object {
                let encoded = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])) ?? Data()
                text[key] = String(decoding: encoded, as: UTF8.self)
            }
            return text
        }
        let a = fields(first), b = fields(second)
        guard let key = Set(a.keys).union(b.keys).sorted().first(where: { a[$0] != b[$0] }) else { return nil }
        func shown(_ value: String?) -> String { value.map { $0.count > 60 ? String($0.prefix(57)) + "..." : $0 } ?? "absent" }
        return "\(key) \(shown(a[key])) against \(shown(b[key]))"
    }
}

/// Results files that cannot be merged into one report without choosing by file order.
public enum ResultsMergeError: Error, CustomStringConvertible {
    /// Copies of one run (same key and settings) that differ in a value, one line per run.
    case disagreeingCopies([String])
    /// Files whose newest records name different settings for one (study, task), one line per pair.
    case filesDisagreeOnSettings([String])
    /// Results of one (study, task) that name different metrics or directions, one line per pair.
    case metricsDisagree([String])

    /// What disagrees and what to do, for the user.
    public var description: String {
        func listed(_ lines: [String]) -> String {
            lines.prefix(5).joined(separator: "; ") + (lines.count > 5 ? "; and \(lines.count - 5) more" : "")
        }
        switch self {
        case .disagreeingCopies(let lines):
            return "\(lines.count) run(s) recorded twice with different numbers (the same run must give the same numbers; "
                + "was a file edited, or made by another version?): \(listed(lines)); remove the copies you do not trust"
        case .metricsDisagree(let lines):
            return "results of one task name different metrics, so they cannot be ranked together: \(listed(lines)); "
                + "was a file edited? Remove the records whose metric is wrong"
        case .filesDisagreeOnSettings(let lines):
            return "the results files end with records of different settings, so which are newest depends on their order: "
                + "\(listed(lines)); report each settings apart (one results file each)"
        }
    }
}
