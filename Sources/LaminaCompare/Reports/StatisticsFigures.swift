import Foundation

/// The figures drawn from a task's tests: the significance matrix, the effect sizes, the solve rates, and
/// per ablation walk the steps' changes.
public enum StatisticsFigures {
    /// The task's statistics figures (those with data), their files named `kind-stem`; `stem` defaults to the
    /// task's name made file-safe (``FigureBuilder/figures(records:statistics:)`` gives each task a unique one).
    public static func figures(_ task: TaskStatistics, stem: String? = nil) -> [Figure] {
        let stem = stem ?? PlotText.slug(task.task)
        return [significanceMatrix(task, stem: stem), effectSizes(task, stem: stem), solveRates(task, stem: stem)].compactMap { $0 }
    }

    /// Profile × profile: each cell coloured by the Holm-adjusted paired-t p as ±(−log₁₀ p) capped at 4,
    /// positive (red) when the row's profile is better than the column's, negative (blue) when worse;
    /// significant cells carry their adjusted p.
    static func significanceMatrix(_ task: TaskStatistics, stem: String) -> Figure? {
        guard !task.comparisons.isEmpty else { return nil }
        let names = task.profiles.map(\.profile).filter { p in task.comparisons.contains { $0.first == p || $0.second == p } }
        let labels = Dictionary(uniqueKeysWithValues: task.profiles.map { ($0.profile, $0.label) })
        let sign: Double = task.higherIsBetter ? 1 : -1
        var rows: [String] = []
        for (i, row) in names.enumerated() {
            for (j, column) in names.enumerated() {
                var value = Double.nan, label = ""
                if let c = task.comparisons.first(where: { $0.first == row && $0.second == column })
                    ?? task.comparisons.first(where: { $0.first == column && $0.second == row }) {
                    let rowMinusColumn = c.first == row ? c.difference : -c.difference
                    let strength = min(4, -log10(max(c.adjustedP, 1e-300)))
                    value = rowMinusColumn * sign > 0 ? strength : (rowMinusColumn * sign < 0 ? -strength : 0)
                    if c.significant { label = c.adjustedP < 0.001 ? "***" : (c.adjustedP < 0.01 ? "**" : "*") }
                }
                rows.append("\(j + 1) \(i + 1) \(PlotText.number(value)) \(PlotText.dataString(label))")
            }
            rows.append("")
        }
        let name = "significance-\(stem)"
        let tics = names.enumerated().map { "\(PlotText.quoted(labels[$0.element] ?? $0.element)) \($0.offset + 1)" }
            .joined(separator: ", ")
        let n = names.count
        let plot = """
        set title \(PlotText.quoted("\(task.task): paired t-tests by seed, Holm-adjusted (row vs column)"))
        set xtics (\(tics)) rotate by -45 font ',9'
        set ytics (\(tics)) font ',9'
        set xrange [0.5:\(n).5]
        set yrange [\(n).5:0.5]
        set cbrange [-4:4]
        set cbtics ('1e-4' -4, '0.01' -2, '0.05' -1.301, '1' 0, '0.05' 1.301, '0.01' 2, '1e-4' 4) font ',9'
        set cblabel 'Holm p (blue: row worse, red: row better)'
        set palette defined (-4 '#08306b', -2 '#4292c6', -1.301 '#c6dbef', -1.3 '#f0f0f0', 1.3 '#f0f0f0', 1.301 '#fcbba1', 2 '#ef3b2c', 4 '#67000d')
        set size square
        unset key
        set tics nomirror
        plot '\(name).dat' using 1:2:3 with image, '\(name).dat' using 1:2:4 with labels font ',9'
        """
        return Figure(name: name, caption: "\(task.task): which profiles differ, by paired t-test over seeds (Holm); "
                        + "red = row better, blue = row worse, pale = not significant; stars mark Holm p < 0.05, 0.01, 0.001",
                      data: ["\(name).dat": "# column row signed-strength label\n" + rows.joined(separator: "\n") + "\n"],
                      plot: plot, size: (820, 760))
    }

    /// Each profile's mean paired difference from the best-ranked profile (in points: percentage points for
    /// accuracy), with its 95% t interval; the rounding-noise band ±1.96·σ·√(2/n) when measured.
    static func effectSizes(_ task: TaskStatistics, stem: String) -> Figure? {
        guard let best = task.profiles.first, task.comparisons.contains(where: { $0.first == best.profile }) else { return nil }
        let others = task.profiles.dropFirst().filter { p in task.comparisons.contains { $0.first == best.profile && $0.second == p.profile } }
        let scale = task.pointScale
        var rows: [String] = []
        var maxPairs = 0
        for (i, p) in others.enumerated() {
            let c = task.comparisons.first { $0.first == best.profile && $0.second == p.profile }!
            maxPairs = max(maxPairs, c.pairs)
            let rgb = ProfileStyle.of(p.profile, others: task.profiles.map(\.profile)).rgb
            // profile minus best = −(best minus profile)
            // Without spread (every seed's difference the same) the interval is undefined: the point is drawn without a bar.
            let (upper, lower) = c.paired.differencesVary ? (c.paired.meanInterval.upper, c.paired.meanInterval.lower) : (c.difference, c.difference)
            rows.append("\(i + 1) \(PlotText.number(-c.difference * scale)) \(PlotText.number(-upper * scale)) "
                + "\(PlotText.number(-lower * scale)) \(rgb) \(PlotText.dataString(p.label))")
        }
        guard !rows.isEmpty else { return nil }
        let name = "effects-\(stem)"
        var noise = ""
        if let floor = task.noiseFloor, maxPairs > 0 {
            let band = floor.threshold(pairs: maxPairs) * scale
            noise = ", \(PlotText.number(band)) with lines dt 2 lc rgb '#777777' title 'rounding noise (±1.96σ√(2/n))', "
                + "\(PlotText.number(-band)) with lines dt 2 lc rgb '#777777' notitle"
        }
        let unit = task.metric == "accuracy" ? "percentage points" : task.metric
        let plot = """
        set title \(PlotText.quoted("\(task.task): each profile minus \(best.label), paired by seed (95% t interval)"))
        set ylabel \(PlotText.quoted("difference in test \(task.metric) (\(unit))"))
        set xrange [0.3:\(others.count).7]
        set xtics rotate by -30 font ',9'
        set grid ytics
        set key top left
        plot '\(name).dat' using 1:2:3:4:5:xtic(6) with yerrorbars lc rgb variable pt 7 ps 1 lw 2 notitle, \\
             0 with lines lc rgb 'black' notitle\(noise)
        """
        return Figure(name: name, caption: "\(task.task): mean paired difference of each profile from the best (\(best.label)), 95% t intervals",
                      data: ["\(name).dat": "# x difference lower upper rgb profile\n" + rows.joined(separator: "\n") + "\n"],
                      plot: plot)
    }

    /// Solve rate k/n per profile with 95% Wilson intervals.
    static func solveRates(_ task: TaskStatistics, stem: String) -> Figure? {
        let profiles = task.profiles.filter { $0.solveCount != nil }
        guard !profiles.isEmpty else { return nil }
        let rows = profiles.enumerated().map { i, p -> String in
            let (k, n) = p.solveCount!
            let ci = p.solveInterval!
            let rgb = ProfileStyle.of(p.profile, others: task.profiles.map(\.profile)).rgb
            return "\(i + 1) \(PlotText.number(Double(k) / Double(n))) \(PlotText.number(ci.lower)) \(PlotText.number(ci.upper)) \(rgb) \(PlotText.dataString(p.label))"
        }
        return bars(name: "solved-\(stem)", title: "\(task.task): share of seeds solved (95% Wilson interval)",
                    yLabel: "solve rate", yRange: "set yrange [0:1.05]",
                    caption: "\(task.task): solve rate per profile with 95% Wilson intervals", header: "x rate lower upper rgb profile",
                    rows: rows)
    }

    /// A bar chart with error bars from rows "x value lower upper rgb \"label\"".
    static func bars(name: String, title: String, yLabel: String, yRange: String, caption: String, header: String,
                     rows: [String], extra: String = "") -> Figure {
        let plot = """
        set title \(PlotText.quoted(title))
        set ylabel \(PlotText.quoted(yLabel))
        \(yRange)
        set xrange [0.3:\(rows.count).7]
        set xtics rotate by -30 font ',9'
        set style fill solid 0.6 border -1
        set boxwidth 0.6
        set grid ytics
        unset key
        plot '\(name).dat' using 1:2:5:xtic(6) with boxes lc rgb variable, \\
             '\(name).dat' using 1:2:3:4 with yerrorbars lc rgb 'black' pt 7 ps 0 lw 1.5\(extra)
        """
        return Figure(name: name, caption: caption, data: ["\(name).dat": "# \(header)\n" + rows.joined(separator: "\n") + "\n"],
                      plot: plot)
    }

    /// Per walk: each step's mean paired change with its 95% t interval, then the walk's total and the direct
    /// B − A difference.
    public static func ablationFigures(_ walks: [AblationWalk]) -> [Figure] {
        walks.enumerated().compactMap { index, walk -> Figure? in
            guard !walk.steps.isEmpty else { return nil }
            var rows = walk.steps.enumerated().map { i, s -> String in
                let m = s.test?.meanDifference ?? .nan
                return "\(i + 1) \(PlotText.number(m)) \(PlotText.number(s.test?.meanInterval.lower ?? .nan)) "
                    + "\(PlotText.number(s.test?.meanInterval.upper ?? .nan)) \(0x3182bd) \(PlotText.dataString("\(s.step): \(s.change)"))"
            }
            rows.append("\(walk.steps.count + 1) \(PlotText.number(walk.total)) NaN NaN \(0x525252) \"walk total\"")
            if let d = walk.direct {
                rows.append("\(walk.steps.count + 2) \(PlotText.number(d.meanDifference)) \(PlotText.number(d.meanInterval.lower)) "
                    + "\(PlotText.number(d.meanInterval.upper)) \(0x969696) \(PlotText.dataString("direct \(walk.to) − \(walk.from)"))")
            }
            var figure = bars(name: "ablation-\(PlotText.slug(walk.task))-\(index + 1)",
                              title: "\(walk.task): ablation \(walk.from) → \(walk.to), change of the test metric per step (95% t interval)",
                              yLabel: "paired change from the previous step", yRange: "set offsets 0, 0, graph 0.05, graph 0.05",
                              caption: "\(walk.task): ablation walk \(walk.from) → \(walk.to), paired change per step",
                              header: "x change lower upper rgb step", rows: rows, extra: ", \\\n     0 with lines lc rgb 'black'")
            figure.section = .ablation(index)
            return figure
        }
    }
}
