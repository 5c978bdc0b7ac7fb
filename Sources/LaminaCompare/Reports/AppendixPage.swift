/// The report's `APPENDIX.md`: every pair's paired tests and effect sizes, and every solve-rate test, per task.
public enum AppendixPage {
    /// Renders the appendix.
    public static func render(title: String, statistics: [TaskStatistics]) -> String {
        let fmt = MarkdownPage.fmt
        var out = "# \(title): appendix\n\nEvery pair of profiles per task, paired by seed (first minus second; first ranks above second). "
        out += "t interval and d_z interval (noncentral-t inversion) at 95%; \"noise\" says whether |mean difference| "
        out += "exceeds 1.96·σ_noise·√(2/n) when noise-floor repeats exist (and double precision's resolution of the values). "
        out += "t, d_z and their intervals read \"–\" when every difference is the same; p is then the exact sign-flip p.\n\n"
        for task in statistics {
            out += "## \(task.task) (test \(task.metric))\n\n"
            if task.comparisons.isEmpty {
                out += "No pairs with two common finished seeds.\n\n"
            } else {
                out += "| pair | n | mean diff | 95% CI | d_z | d_z 95% CI | t | p | Holm p | Wilcoxon W | p | Holm p | noise |\n"
                out += "|---|---:|---:|---|---:|---|---:|---:|---:|---:|---:|---:|---|\n"
                for c in task.comparisons {
                    let t = c.paired, w = c.wilcoxon
                    out += "| \(c.firstLabel) − \(c.secondLabel) | \(c.pairs) | \(fmt(t.meanDifference)) | "
                    out += "[\(fmt(t.meanInterval.lower)), \(fmt(t.meanInterval.upper))] | \(fmt(t.dz)) | "
                    out += "[\(fmt(t.dzInterval.lower)), \(fmt(t.dzInterval.upper))] | \(fmt(t.t)) | \(fmt(t.p)) | "
                    out += "\(fmt(c.adjustedP))\(c.significant ? " *" : "") | \(fmt(w.statistic)) | \(fmt(w.p))\(w.exact ? "" : " (z)") | "
                    out += "\(fmt(c.wilcoxonAdjustedP)) | \(c.exceedsNoise.map { $0 ? "beyond" : "within" } ?? "–") |\n"
                }
                out += "\n"
            }
            if !task.solveComparisons.isEmpty {
                out += "Solve rates, McNemar's exact test on discordant seeds:\n\n"
                out += "| pair | seeds | only first solved | only second solved | p | Holm p |\n|---|---:|---:|---:|---:|---:|\n"
                for c in task.solveComparisons {
                    out += "| \(c.first) vs \(c.second) | \(c.pairs) | \(c.onlyFirst) | \(c.onlySecond) | \(fmt(c.p)) | \(fmt(c.adjustedP)) |\n"
                }
                out += "\n"
            }
        }
        return out
    }
}
