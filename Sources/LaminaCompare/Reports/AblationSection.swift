/// The report's ablation section: per walk A → B, each step's paired change with its interval and test, its
/// share of the gap, and the walk's total beside the direct A vs B difference.
enum AblationSection {
    static func render(_ walks: [AblationWalk], figures: [Figure]) -> String {
        let fmt = MarkdownPage.fmt
        var out = "## Ablations\n\n"
        out += "Each step changes one recipe field of the start profile to the end profile's value. A step's change is "
            + "the mean over seeds of (this step − previous step), with its 95% t interval and paired t-test, Holm-adjusted "
            + "over the walk's steps; its share is its change over the sum of all steps' changes.\n\n"
        for (index, walk) in walks.enumerated() {
            out += "### \(walk.task): \(walk.from) → \(walk.to)\n\n"
            out += "Step 0 (\(walk.from)'s recipe) mean \(fmt(walk.startMean)).\n\n"
            out += "| step | change | mean | paired change | 95% CI | n | p | Holm p | share of gap |\n"
            out += "|---:|---|---:|---:|---|---:|---:|---:|---:|\n"
            for s in walk.steps {
                let t = s.test
                out += "| \(s.step) | \(s.change) | \(fmt(s.mean)) | \(fmt(t?.meanDifference ?? .nan)) | "
                out += "[\(fmt(t?.meanInterval.lower ?? .nan)), \(fmt(t?.meanInterval.upper ?? .nan))] | \(t?.count ?? 0) | "
                out += "\(fmt(t?.p ?? .nan)) | \(fmt(s.adjustedP)) | \(fmt(100 * s.share)) % |\n"
            }
            out += "\nWalk total: \(fmt(walk.total))"
            if let d = walk.direct {
                out += "; the direct paired difference \(walk.to) − \(walk.from) from their ordinary runs is "
                    + "\(fmt(d.meanDifference)) [\(fmt(d.meanInterval.lower)), \(fmt(d.meanInterval.upper))] over \(d.count) seeds"
                out += !d.differencesVary ? " (every seed's difference is the same: no t interval)."
                    : d.meanInterval.lower <= walk.total && walk.total <= d.meanInterval.upper
                    ? " (the total lies inside its interval)." : " (the total lies outside its interval: the steps interact or the seeds differ)."
            } else {
                out += "; no ordinary runs of both \(walk.from) and \(walk.to) to compare directly."
            }
            out += "\n\n"
            for figure in figures where figure.section == .ablation(index) {
                out += "![\(figure.caption)](\(figure.name).svg)\n\n"
            }
        }
        return out
    }
}
