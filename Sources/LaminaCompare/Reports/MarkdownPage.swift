import Foundation

/// The report's `README.md`: per task a short answer, the ranking, the figures and the conclusions the
/// numbers support; then ablations, real libraries and the profiles' sources. Full pair tables go to the
/// appendix (``AppendixPage``).
public enum MarkdownPage {
    /// Renders the page. `figures` are linked by their SVG; `renderNote` explains how to render them when
    /// gnuplot was not available.
    public static func render(title: String, records: [RunRecord], statistics: [TaskStatistics], figures: [Figure],
                              walks: [AblationWalk] = [], real: [RealLibraryComparison] = [], failures: [String] = [],
                              renderNote: String?) -> String {
        var out = "# \(title)\n\n"
        let ordinary = records.filter { $0.perturbation == nil && $0.implementation == nil && $0.ablation == nil }
        let diverged = ordinary.filter(\.diverged).count
        out += "\(ordinary.count) runs over \(statistics.count) task(s); \(diverged) diverged (counted separately, "
        out += "excluded from every mean, interval and test). Results: `results.jsonl`; every pair's tests: [APPENDIX.md](APPENDIX.md).\n"
        let extra = [("noise-floor repeats", records.filter { $0.perturbation != nil }.count),
                     ("real-library runs", records.filter { $0.implementation != nil }.count),
                     ("ablation runs", records.filter { $0.ablation != nil }.count)].filter { $0.1 > 0 }
        if !extra.isEmpty { out += "Besides: " + extra.map { "\($0.1) \($0.0)" }.joined(separator: ", ") + ".\n" }
        if !failures.isEmpty {
            out += "**\(failures.count) run(s) failed** (a worker crashed or was killed; not results, so they are in no mean, "
                + "interval or test; the same `lamina compare` command retries them): " + failures.map { "`\($0)`" }.joined(separator: ", ") + ".\n"
        }
        out += "\n" + methods + "\n\n"
        if let renderNote { out += "> \(renderNote)\n\n" }
        for task in statistics {
            out += taskSection(task, walks: walks.filter { $0.task == task.task })
            for figure in figures where figure.section == .task(task.task) {
                out += "![\(figure.caption)](\(figure.name).svg)\n\n"
            }
        }
        if !walks.isEmpty { out += AblationSection.render(walks, figures: figures) }
        if !real.isEmpty { out += realSection(real) }
        for figure in figures where figure.name == "spectral-radius" {
            out += "## Spectral radius at initialization\n\n![\(figure.caption)](\(figure.name).svg)\n\n"
        }
        var profiles: [String] = []
        for name in ordinary.map(\.profile) + real.map(\.profile) where !profiles.contains(name) { profiles.append(name) }
        let bibliography = ProfileSources.bibliography(profiles: profiles.sorted())
        if !bibliography.isEmpty { out += "## Sources of the profiles\n\n" + bibliography + "\n" }
        return out
    }

    static let methods = """
        **Methods.** Every profile of a seed sees the same data, batch order and readout, so profiles are compared \
        **paired by seed**, over the seeds where both finished: the paired t-test on the per-seed differences \
        (significance after Holm–Bonferroni adjustment over the task's pairs, α = 0.05) and the Wilcoxon signed-rank \
        test (exact over the 2ⁿ sign assignments of the mid-ranks, zeros dropped, up to 50 pairs; above, the normal \
        approximation with tie and continuity corrections), also Holm-adjusted. When every seed's difference is the \
        same, t and d_z are undefined ("–") and p is the exact sign-flip p, 2/2ⁿ. \
        Effect sizes: the mean paired difference with its 95% t interval and Cohen's d_z with a 95% interval by \
        noncentral-t inversion (Steiger & Fouladi 1997). Per-profile intervals are percentile bootstrap 95% intervals \
        of the mean (10,000 resamples, fixed seed); solve rates carry 95% Wilson intervals and are compared by \
        McNemar's exact test (Holm). Power: seeds needed for 80% power of the two-sided paired t at α = 0.05, from the \
        noncentral t. Profiles whose fingerprints are equal on every seed build identical runs and count once.
        """

    static func taskSection(_ task: TaskStatistics, walks: [AblationWalk]) -> String {
        let direction = task.higherIsBetter ? "higher is better" : "lower is better"
        var out = "## \(task.task) (test \(task.metric), \(direction))\n\n"
        if let check = task.baseline, check.mostStayed {
            out += "> **Warning:** \(check.stayed.count) of \(check.profiles) profiles did not beat the baseline "
                + "(\(task.metric) ≈ \(String(format: "%.3f", check.baseline))) by 5% or more; this task cannot rank them at this budget.\n\n"
        }
        out += "**In short.**\n\n" + TaskSummary.lines(task, walks: walks).map { "- \($0)\n" }.joined() + "\n"
        for group in task.identicalGroups { out += IdenticalProfiles.sentence(group) + ".\n\n" }
        let solves = task.profiles.contains { $0.solveCount != nil }
        out += "| rank | profile | runs | diverged | mean | sd | median | 95% CI |" + (solves ? " solved | 95% Wilson |" : "")
            + " mean spectral radius |\n"
        out += "|---:|---|---:|---:|---:|---:|---:|---|" + (solves ? "---:|---|" : "") + "---:|\n"
        for (rank, p) in task.profiles.enumerated() {
            let ci = "[\(fmt(p.confidenceInterval.lower)), \(fmt(p.confidenceInterval.upper))]"
            out += "| \(rank + 1) | \(p.label) | \(p.runs) | \(p.diverged) | \(fmt(p.metric.mean)) | "
            out += "\(fmt(p.metric.standardDeviation)) | \(fmt(p.metric.median)) | \(ci) | "
            if solves {
                if let s = p.solveCount, let w = p.solveInterval {
                    out += "\(s.solved)/\(s.trials) | [\(fmt(w.lower)), \(fmt(w.upper))] | "
                } else {
                    out += "– | – | "
                }
            }
            out += "\(fmt(p.meanSpectralRadius)) |\n"
        }
        out += "\n**Conclusions.**\n\n" + conclusions(task).map { "- \($0)\n" }.joined() + "\n"
        return out
    }

    /// The statements the numbers support, one per line (beyond the short answer).
    static func conclusions(_ task: TaskStatistics) -> [String] {
        var lines: [String] = []
        if let floor = task.noiseFloor {
            let between = task.betweenProfileSD.map { fmt($0) } ?? "–"
            lines.append("Noise floor: rounding alone moves the final \(task.metric) by σ = \(fmt(floor.sigma)) "
                + "(pooled SD over \(floor.groups) (profile, seed) runs with \(floor.repeats) perturbed repeats); "
                + "the SD of the profile means is \(between). A pair is beyond the noise floor when its mean paired "
                + "difference exceeds 1.96·σ·√(2/n).")
        }
        if let power = task.power {
            var line = "Power: the median |d_z| over pairs is \(fmt(power.medianDz)), which needs "
                + seeds(power.medianSeeds) + " for 80% power (two-sided paired t, α = 0.05, noncentral t); "
                + seeds(power.medianSeedsAdjusted) + " at α = 0.05/\(task.comparisons.count), Holm's strictest step"
            if let large = power.largestUnresolvedDz, large > 0, let small = power.smallestUnresolvedDz {
                line += ". Of the pairs not resolved after Holm, the largest |d_z| (\(fmt(large))) needs "
                    + seeds(power.largestUnresolvedSeeds) + " at α = 0.05 and the smallest nonzero (\(fmt(small))) "
                    + seeds(power.smallestUnresolvedSeeds)
            }
            lines.append(line + ".")
        }
        let disagreements = task.comparisons.filter { $0.significant != ($0.wilcoxonAdjustedP < 0.05) }.count
        if !task.comparisons.isEmpty {
            let maxPairs = task.comparisons.map(\.pairs).max() ?? 0
            let smallest = maxPairs <= WilcoxonSignedRank.exactLimit ? 2 / pow(2, Double(maxPairs)) : .nan
            lines.append("Wilcoxon signed-rank and paired t disagree (Holm, 5%) on \(disagreements) of \(task.comparisons.count) pairs"
                + (smallest.isFinite ? "; with \(maxPairs) seeds the smallest exact Wilcoxon p is \(fmt(smallest))." : "."))
        }
        let significantSolves = task.solveComparisons.filter { $0.adjustedP < 0.05 }
        if !task.solveComparisons.isEmpty {
            lines.append("Solve rates: \(significantSolves.count) of \(task.solveComparisons.count) pairs differ by McNemar's exact test after Holm"
                + (significantSolves.isEmpty ? "." : ": " + significantSolves.map { "\($0.first) vs \($0.second) (\($0.onlyFirst):\($0.onlySecond), Holm p = \(fmt($0.adjustedP)))" }.joined(separator: "; ") + "."))
        }
        let divergent = task.profiles.filter { $0.diverged > 0 }
        lines.append(divergent.isEmpty ? "No run diverged."
            : "Diverged runs: " + divergent.map { "\($0.label) \($0.diverged)/\($0.runs)" }.joined(separator: ", ") + ".")
        if let rho = task.spectralRadiusRankCorrelation, rho.isFinite {
            let reading = abs(rho) < 0.3 ? "little relation between spectral radius and ranking"
                : (rho < 0 ? "profiles with a larger spectral radius tend to rank better"
                           : "profiles with a larger spectral radius tend to rank worse")
            lines.append("Spearman correlation of mean spectral radius with rank (1 = best): \(fmt(rho)), \(reading).")
        } else {
            lines.append("Spectral radius vs ranking: not enough profiles to correlate (needs three with both numbers, not all equal).")
        }
        return lines
    }

    static func seeds(_ n: Int?) -> String { n.map { "\($0) seeds" } ?? "more than 100,000 seeds" }

    static func realSection(_ real: [RealLibraryComparison]) -> String {
        var out = "## Real libraries beside their profiles\n\n"
        out += "Runs of the real library and of Lamina's emulation are independent samples: the library draws its "
            + "weights and batches from its own generator, so seed k of one is not paired with seed k of the other. "
            + "Mann–Whitney U (two-sided) tests equal distributions of the final metric; Fisher's exact test equal solve counts.\n\n"
        out += "| task | profile | implementation | n (finished/runs) | solved [95% Wilson] | mean | median | Mann–Whitney p | Fisher p |\n"
        out += "|---|---|---|---|---|---:|---:|---:|---:|\n"
        for c in real {
            for (label, values, runs, solved) in [(c.implementation, c.real, c.realRuns, c.realSolved),
                                                   ("Lamina emulation", c.emulated, c.emulatedRuns, c.emulatedSolved)] {
                let d = Descriptive(values)
                let solveText = solved.map { s -> String in
                    let w = Proportions.wilson(successes: s.solved, trials: s.trials)
                    return "\(s.solved)/\(s.trials) [\(fmt(w?.lower ?? .nan)), \(fmt(w?.upper ?? .nan))]"
                } ?? "–"
                let first = label == c.implementation
                out += "| \(c.task) | \(c.profile) | \(label) | \(values.count)/\(runs) | \(solveText) | \(fmt(d.mean)) | \(fmt(d.median)) | "
                out += (first ? "\(c.mannWhitney.map { fmt($0.p) + ($0.exact ? " (exact)" : "") } ?? "–") | \(c.fisherP.map(fmt) ?? "–")" : " | ") + " |\n"
            }
        }
        return out + "\n"
    }

    static func fmt(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "–" : (x > 0 ? "∞" : "−∞") }
        if x != 0 && abs(x) < 1e-3 { return String(format: "%.2e", x) }
        return String(format: "%.4g", x)
    }
}
