/// Groups of profiles that build identical runs in a study.
public enum IdenticalProfiles {
    /// Groups (each of two or more profiles, names sorted; groups sorted by first name) whose
    /// `profileFingerprint` is equal on every seed the profiles have in common, given at least one common
    /// seed and a fingerprint on each of those seeds' runs. Records without fingerprints group nothing.
    /// Equality is taken as transitive (equal fingerprints are equal runs).
    public static func groups(_ records: [RunRecord]) -> [[String]] {
        var fingerprints: [String: [UInt64: String?]] = [:]
        for record in records {
            fingerprints[record.profile, default: [:]][record.seed] = record.profileFingerprint
        }
        let names = fingerprints.keys.sorted()
        var parent = Dictionary(uniqueKeysWithValues: names.map { ($0, $0) })
        func root(_ name: String) -> String {
            var r = name
            while let p = parent[r], p != r { r = p }
            return r
        }
        for (i, a) in names.enumerated() {
            for b in names[(i + 1)...] where identical(fingerprints[a]!, fingerprints[b]!) {
                let ra = root(a), rb = root(b)
                if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
            }
        }
        var groups: [String: [String]] = [:]
        for name in names { groups[root(name), default: []].append(name) }
        return groups.values.filter { $0.count > 1 }.map { $0.sorted() }.sorted { $0[0] < $1[0] }
    }

    static func identical(_ a: [UInt64: String?], _ b: [UInt64: String?]) -> Bool {
        let common = Set(a.keys).intersection(b.keys)
        guard !common.isEmpty else { return false }
        return common.allSatisfy { seed in
            guard let x = a[seed] ?? nil, let y = b[seed] ?? nil else { return false }
            return x == y
        }
    }

    /// The sentence the report prints for a group: "keras2 and keras3 build identical runs in this study;
    /// they are one profile here".
    public static func sentence(_ group: [String]) -> String {
        let names = group.count == 2 ? "\(group[0]) and \(group[1])"
            : group.dropLast().joined(separator: ", ") + " and " + group.last!
        return "\(names) build identical runs in this study; they are one profile here"
    }
}
