import Foundation

/// The short answer that opens a task's section: how far apart the profiles are, how many pairs really differ,
/// and which defaults the ablations blame.
enum TaskSummary {
    static func lines(_ task: TaskStatistics, walks: [AblationWalk]) -> [String] {
        let fmt = MarkdownPage.fmt
        var lines: [String] = []
        let ranked = task.profiles.filter { $0.metric.mean.isFinite }
        if let best = ranked.first, let worst = ranked.last, ranked.count >= 2 {
            let gap = abs(best.metric.mean - worst.metric.mean)
            let points = task.metric == "accuracy" ? "\(fmt(gap * 100)) percentage points"
                : worst.metric.mean != 0 ? "\(fmt(100 * gap / abs(worst.metric.mean))) % of the worst mean" : "the worst mean is 0"
            lines.append("Best \(best.label) (\(fmt(best.metric.mean))), worst \(worst.label) (\(fmt(worst.metric.mean))): "
                + "a spread of **\(fmt(gap)) \(task.metric)** (\(points)).")
        } else {
            lines.append("Fewer than two profiles have finished runs, so there is no spread to report.")
        }
        if task.comparisons.isEmpty {
            lines.append("No paired tests (each pair needs two seeds where both finished).")
        } else {
            let significant = task.comparisons.filter(\.significant)
            var line = "**\(significant.count) of \(task.comparisons.count) pairs** differ after Holm correction (paired t by seed)"
            if task.noiseFloor != nil {
                let beyond = task.comparisons.filter { $0.exceedsNoise == true }
                line += "; \(beyond.count) differ beyond the rounding-noise floor, \(beyond.filter(\.significant).count) both"
            }
            lines.append(line + ".")
            if significant.isEmpty {
                lines.append("That is an absence of evidence, not evidence that the profiles are equal"
                    + " (at most \(task.comparisons.map(\.pairs).max() ?? 0) seeds per pair).")
            } else {
                let winners = Dictionary(grouping: significant) { c in winner(c, task) }
                let top = winners.keys.sorted { (winners[$0]!.count, $1) > (winners[$1]!.count, $0) }.prefix(3)
                lines.append("Most wins: " + top.map { "\($0) beats \(winners[$0]!.count)" }.joined(separator: ", ") + ".")
            }
        }
        for walk in walks {
            let blamed = walk.steps.filter { $0.adjustedP < 0.05 }.sorted { abs($0.share) > abs($1.share) || (abs($0.share) == abs($1.share) && $0.step < $1.step) }
            if blamed.isEmpty {
                lines.append("Ablation \(walk.from) → \(walk.to): no single step changes the metric significantly (Holm).")
            } else {
                lines.append("Ablation \(walk.from) → \(walk.to) blames " + blamed.map {
                    "**\($0.change)** (\(fmt(100 * $0.share)) % of the gap, Holm p = \(fmt($0.adjustedP)))"
                }.joined(separator: ", ") + ".")
            }
        }
        return lines
    }

    static func winner(_ c: PairwiseComparison, _ task: TaskStatistics) -> String {
        (c.difference > 0) == task.higherIsBetter ? c.firstLabel : c.secondLabel
    }
}
