import Foundation

/// The bibliography of a report: which documents each profile's `source` codes ("K2a", "PT", "LA", …)
/// cite, resolved through ``SourceCatalog``.
public enum ProfileSources {
    /// A Markdown bibliography for `profiles` (names; unknown names are skipped): per profile its library,
    /// version and codes, then every code cited, resolved. Codes missing from the catalog are listed as such.
    public static func bibliography(profiles names: [String]) -> String {
        let profiles = names.compactMap { try? ProfileRegistry.named($0) }
        guard !profiles.isEmpty else { return "" }
        var out = "| profile | library | version | sources |\n|---|---|---|---|\n"
        var cited: [String] = []
        for p in profiles {
            let codes = SourceCatalog.codes(in: p.source)
            out += "| \(p.name) | \(p.library) | \(p.version) | \(codes.joined(separator: ", ")) |\n"
            for c in codes where !cited.contains(c) { cited.append(c) }
        }
        out += "\n"
        let ordered = SourceCatalog.order.filter(cited.contains) + cited.filter { !SourceCatalog.order.contains($0) }
        for code in ordered {
            out += "- **\(code)** " + (SourceCatalog.entries[code].map { "\($0.title), <\($0.url)>" } ?? "(not in the source catalog)") + "\n"
        }
        return out
    }
}
