import Foundation

/// The report's `README.md`: statistics tables and the conclusions the numbers support.
public enum MarkdownPage {
    /// Renders the page. `figures` are linked by their SVG; `renderNote` explains how to render them when
    /// gnuplot was not available.
    public static func render(title: String, records: [RunRecord], statistics: [TaskStatistics], figures: [Figure],
                              renderNote: String?) -> String {
        var out = "# \(title)\n\n"
        let diverged = records.filter(\.diverged).count
        out += "\(records.count) runs over \(statistics.count) task(s); \(diverged) diverged (counted separately, "
        out += "excluded from every mean, interval and test). Results: `results.jsonl`.\n\n"
        out += "Intervals are percentile bootstrap 95% intervals of the mean (10,000 resamples, fixed seed). "
        out += "Pairwise differences use Welch's t-test, Holm–Bonferroni adjusted within each task; "
        out += "\"significant\" means an adjusted p below 0.05.\n\n"
        if let renderNote { out += "> \(renderNote)\n\n" }
        for task in statistics {
            out += taskSection(task)
            for figure in figures where figure.name.hasSuffix("-\(PlotText.slug(task.task))") {
                out += "![\(figure.caption)](\(figure.name).svg)\n\n"
            }
        }
        for figure in figures where figure.name == "spectral-radius" {
            out += "## Spectral radius at initialization\n\n![\(figure.caption)](\(figure.name).svg)\n\n"
        }
        return out
    }

    static func taskSection(_ task: TaskStatistics) -> String {
        let direction = task.higherIsBetter ? "higher is better" : "lower is better"
        var out = "## \(task.task) (test \(task.metric), \(direction))\n\n"
        out += "| rank | profile | runs | diverged | mean | sd | median | 95% CI | mean spectral radius |\n"
        out += "|---:|---|---:|---:|---:|---:|---:|---|---:|\n"
        for (rank, p) in task.profiles.enumerated() {
            let ci = "[\(fmt(p.confidenceInterval.lower)), \(fmt(p.confidenceInterval.upper))]"
            out += "| \(rank + 1) | \(p.profile) | \(p.runs) | \(p.diverged) | \(fmt(p.metric.mean)) | "
            out += "\(fmt(p.metric.standardDeviation)) | \(fmt(p.metric.median)) | \(ci) | \(fmt(p.meanSpectralRadius)) |\n"
        }
        out += "\n"
        if !task.comparisons.isEmpty {
            out += "| pair | difference | t | df | p | Holm p | significant |\n|---|---:|---:|---:|---:|---:|---|\n"
            for c in task.comparisons {
                out += "| \(c.first) − \(c.second) | \(fmt(c.difference)) | \(fmt(c.paired.t)) | "
                out += "\(fmt(Double(c.pairs - 1))) | \(fmt(c.paired.p)) | \(fmt(c.adjustedP)) | \(c.significant ? "yes" : "no") |\n"
            }
            out += "\n"
        }
        out += "**Conclusions.**\n\n" + conclusions(task).map { "- \($0)\n" }.joined() + "\n"
        return out
    }

    /// The statements the numbers support, one per line.
    static func conclusions(_ task: TaskStatistics) -> [String] {
        var lines: [String] = []
        let ranked = task.profiles.filter { $0.metric.mean.isFinite }
        if let spread = task.spread, let best = ranked.first, let worst = ranked.last {
            lines.append("Spread between best and worst profile: **\(fmt(spread)) \(task.spreadUnit)** "
                + "(\(best.profile) \(fmt(best.metric.mean)) vs \(worst.profile) \(fmt(worst.metric.mean))).")
        } else {
            lines.append("Fewer than two profiles have finished runs, so there is no spread to report.")
        }
        let significant = task.comparisons.filter(\.significant)
        if task.comparisons.isEmpty {
            lines.append("No pairwise tests (each profile needs at least two finished runs).")
        } else if significant.isEmpty {
            lines.append("No pair of profiles differs significantly after Holm adjustment "
                + "(\(task.comparisons.count) comparisons, at most \(task.profiles.map(\.metric.count).max() ?? 0) runs per profile); "
                + "that is an absence of evidence, not evidence that the profiles are equal.")
        } else {
            let pairs = significant.map { c in
                "\(c.difference * (task.higherIsBetter ? 1 : -1) > 0 ? c.first : c.second) beats "
                    + "\(c.difference * (task.higherIsBetter ? 1 : -1) > 0 ? c.second : c.first) (Holm p = \(fmt(c.adjustedP)))"
            }
            lines.append("\(significant.count) of \(task.comparisons.count) pairs differ significantly: "
                + pairs.joined(separator: "; ") + ".")
        }
        let divergent = task.profiles.filter { $0.diverged > 0 }
        if divergent.isEmpty {
            lines.append("No run diverged.")
        } else {
            lines.append("Diverged runs: " + divergent.map { "\($0.profile) \($0.diverged)/\($0.runs)" }
                .joined(separator: ", ") + ".")
        }
        if let rho = task.spectralRadiusRankCorrelation, rho.isFinite {
            let reading = abs(rho) < 0.3 ? "little relation between spectral radius and ranking"
                : (rho < 0 ? "profiles with a larger spectral radius tend to rank better"
                           : "profiles with a larger spectral radius tend to rank worse")
            lines.append("Spearman correlation of mean spectral radius with rank (1 = best): \(fmt(rho)), \(reading).")
        } else {
            lines.append("Spectral radius vs ranking: not enough profiles with both numbers (needs three).")
        }
        return lines
    }

    static func fmt(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "–" : (x > 0 ? "∞" : "−∞") }
        if x != 0 && abs(x) < 1e-3 { return String(format: "%.2e", x) }
        return String(format: "%.4g", x)
    }
}
