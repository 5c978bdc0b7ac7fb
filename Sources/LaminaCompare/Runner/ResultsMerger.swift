/// Merges several results files into one list of records, deduplicated by run key.
public enum ResultsMerger {
    /// Loads every file and keeps the first record seen for each key (file order, then line order).
    public static func merge(paths: [String]) throws -> LoadedResults {
        var seen = Set<String>()
        var merged = LoadedResults(records: [], warnings: [])
        var duplicates = 0
        for path in paths {
            let loaded = try ResultsFile(path: path).load()
            merged.warnings += loaded.warnings
            for record in loaded.records {
                if seen.insert(record.key).inserted { merged.records.append(record) } else { duplicates += 1 }
            }
        }
        if duplicates > 0 { merged.warnings.append("dropped \(duplicates) duplicate run(s) while merging") }
        return merged
    }
}
